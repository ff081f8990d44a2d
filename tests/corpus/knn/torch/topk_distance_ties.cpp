// expect: wrong_answer
// case: predict(distance ties,grid,k=3)
// message: distance tie at the k-th neighbour
// The k nearest by torch::topk(largest=false): quick, but it promises nothing about which of
// several equally distant rows it keeps, and the contract wants the lower index.
#include <torch/torch.h>
#include <stdexcept>
#include <string>

namespace drill::knn {

torch::Tensor pairwise_sq_dist(const torch::Tensor& A, const torch::Tensor& B) {
  const torch::Tensor a = A, b = B;
  return ((a * a).sum(1, true) + (b * b).sum(1).unsqueeze(0) - 2 * a.matmul(b.t())).clamp_min(0);
}

torch::Tensor predict(const torch::Tensor& X_train, const torch::Tensor& y_train, const torch::Tensor& X_query,
                      int k) {
  const int64_t n = X_train.size(0), m = X_query.size(0);
  if (k < 1 || k > n) throw std::invalid_argument("k = " + std::to_string(k) + " out of range");
  const torch::Tensor D = pairwise_sq_dist(X_query, X_train);
  const torch::Tensor nearest = std::get<1>(D.topk(k, 1, /*largest=*/false));
  const torch::Tensor votes = y_train.index_select(0, nearest.flatten()).view({m, k});
  const int64_t classes = y_train.max().item<int64_t>() + 1;
  return torch::zeros({m, classes}, torch::kInt64).scatter_add_(1, votes, torch::ones_like(votes)).argmax(1);
}

}  // namespace drill::knn
