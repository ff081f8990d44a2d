// k-nearest-neighbours classifier — torch flavor (LibTorch, double precision). Target: 30 minutes.
// Implement the two functions below; `mldrill check` grades them in this order.
// Shapes: n training rows, m query rows, d features. X_train is n × d, X_query is m × d
// (one sample per row), torch::kFloat64; y_train holds n class indices 0 .. C-1 (torch::kInt64).
// Keep the names and signatures exactly as they are: the grader calls them.
// The inputs are shared, not copied: do not modify them in place (clone() first).
#include <torch/torch.h>
#include <stdexcept>
#include <string>

namespace drill::knn {

// Squared Euclidean distances, (rows of A) × (rows of B), kFloat64: D[i][j] = ‖A[i] − B[j]‖².
// The vectorised form ‖a‖² + ‖b‖² − 2 a·b is fine, but it can dip just below 0 for
// near-duplicate rows: clamp at 0.
torch::Tensor pairwise_sq_dist(const torch::Tensor& A, const torch::Tensor& B) {
  throw std::logic_error("not implemented: pairwise_sq_dist");
}

// Label of each query row (a 1-D integer tensor of m) by majority vote among its k nearest
// training rows. Distance ties: the lower training index is nearer. Vote ties: the smallest
// label wins. Throws std::invalid_argument when k < 1 or k > n.
torch::Tensor predict(const torch::Tensor& X_train, const torch::Tensor& y_train, const torch::Tensor& X_query,
                      int k) {
  throw std::logic_error("not implemented: predict");
}

}  // namespace drill::knn
