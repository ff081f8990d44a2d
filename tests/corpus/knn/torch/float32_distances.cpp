// expect: wrong_answer
// case: pairwise_sq_dist(7x3,5x3)
// message: expected dtype float64, got float32
// Computes in single precision, as a PyTorch habit (torch.float32 is the default there).
#include <torch/torch.h>
#include <stdexcept>
#include <string>

namespace drill::knn {

torch::Tensor pairwise_sq_dist(const torch::Tensor& A, const torch::Tensor& B) {
  const torch::Tensor a = A.to(torch::kFloat32), b = B.to(torch::kFloat32);
  return ((a * a).sum(1, true) + (b * b).sum(1).unsqueeze(0) - 2 * a.matmul(b.t())).clamp_min(0);
}

torch::Tensor predict(const torch::Tensor& X_train, const torch::Tensor& y_train, const torch::Tensor& X_query,
                      int k) {
  const int64_t n = X_train.size(0), m = X_query.size(0);
  if (k < 1 || k > n) throw std::invalid_argument("k = " + std::to_string(k) + " out of range");
  const torch::Tensor D = pairwise_sq_dist(X_query, X_train);
  const torch::Tensor nearest = std::get<1>(D.sort(true, 1, false)).narrow(1, 0, k);
  const torch::Tensor votes = y_train.index_select(0, nearest.flatten()).view({m, k});
  const int64_t classes = y_train.max().item<int64_t>() + 1;
  return torch::zeros({m, classes}, torch::kInt64).scatter_add_(1, votes, torch::ones_like(votes)).argmax(1);
}

}  // namespace drill::knn
