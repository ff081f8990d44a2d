// Principal component analysis, as scikit-learn's PCA — torch flavor (LibTorch, double precision).
// Target: 20 minutes. Implement the three functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features, k components. X is n × d (one sample per row); tensors arrive
// as torch::kFloat64 and must be returned with that dtype and these shapes.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// The inputs are shared, not copied: do not modify them in place (clone() first).
// torch::linalg::svd(A, /*full_matrices=*/false) returns {U, S, Vh} (S decreasing, Vh's ROWS the
// axes); torch::linalg::eigh returns eigenvalues INCREASING. Both are allowed here.
#include <torch/torch.h>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drill::pca {

struct Model {
  torch::Tensor mean;                      // d (1-D): column means of the training X
  torch::Tensor components;                // k × d: ROWS are the unit principal axes, by decreasing variance
  torch::Tensor explained_variance;        // k: the k largest eigenvalues of the covariance, ddof = 1
  torch::Tensor explained_variance_ratio;  // k: explained_variance / TOTAL variance (all d directions)
};

// Centres X by its column means and takes the k leading eigenvectors of the covariance
// Xcᵀ Xc / (n − 1) (or the k leading right singular vectors of Xc, variance s² / (n − 1)).
// Sign rule: in each row of components, the entry of largest |value| is POSITIVE (the first
// one if two tie). Throws std::invalid_argument unless 1 ≤ k ≤ min(n, d).
Model fit(const torch::Tensor& X, int k) {
  throw std::logic_error("not implemented: fit");
}

// (X − mean) componentsᵀ: n × k scores (no whitening).
torch::Tensor transform(const Model& m, const torch::Tensor& X) {
  throw std::logic_error("not implemented: transform");
}

// Z components + mean: n × d reconstruction.
torch::Tensor inverse_transform(const Model& m, const torch::Tensor& Z) {
  throw std::logic_error("not implemented: inverse_transform");
}

}  // namespace drill::pca
