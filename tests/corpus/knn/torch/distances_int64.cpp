// expect: wrong_answer
// message: pairwise_sq_dist(): returned int64 distances; the contract says float64 distances
// Distances rounded to whole numbers and returned as int64: the contract's distances are
// float64 (on integer grids the values would even be equal).
#include <torch/torch.h>
#include <stdexcept>
#include <string>

namespace drill::knn {

torch::Tensor pairwise_sq_dist(const torch::Tensor& A, const torch::Tensor& B) {
  const torch::Tensor a2 = (A * A).sum(1, /*keepdim=*/true);  // rows × 1
  const torch::Tensor b2 = (B * B).sum(1).unsqueeze(0);        // 1 × rows of B
  return (a2 + b2 - 2 * A.matmul(B.t())).clamp_min(0).round().to(torch::kInt64);
}

torch::Tensor predict(const torch::Tensor& X_train, const torch::Tensor& y_train, const torch::Tensor& X_query,
                      int k) {
  const int64_t n = X_train.size(0), m = X_query.size(0);
  if (k < 1 || k > n) throw std::invalid_argument("k = " + std::to_string(k) + " must be in 1 .. " + std::to_string(n));
  const torch::Tensor D = pairwise_sq_dist(X_query, X_train);  // m × n
  const torch::Tensor nearest = std::get<1>(D.sort(/*stable=*/true, /*dim=*/1, /*descending=*/false)).narrow(1, 0, k);
  const torch::Tensor votes = y_train.index_select(0, nearest.flatten()).view({m, k});
  const int64_t classes = y_train.max().item<int64_t>() + 1;
  const torch::Tensor counts =
      torch::zeros({m, classes}, torch::kInt64).scatter_add_(1, votes, torch::ones_like(votes));
  return counts.argmax(1);
}

}  // namespace drill::knn
