// expect: wrong_answer
// case: predict(n=50,m=30,d=3,k=5)
// message: tied vote
// Counts the votes, then takes argmax over the counts read backwards: on a tie the largest
// label wins instead of the smallest.
#include <torch/torch.h>
#include <stdexcept>
#include <string>

namespace drill::knn {

torch::Tensor pairwise_sq_dist(const torch::Tensor& A, const torch::Tensor& B) {
  return ((A * A).sum(1, true) + (B * B).sum(1).unsqueeze(0) - 2 * A.matmul(B.t())).clamp_min(0);
}

torch::Tensor predict(const torch::Tensor& X_train, const torch::Tensor& y_train, const torch::Tensor& X_query,
                      int k) {
  const int64_t n = X_train.size(0), m = X_query.size(0);
  if (k < 1 || k > n) throw std::invalid_argument("k = " + std::to_string(k) + " out of range");
  const torch::Tensor D = pairwise_sq_dist(X_query, X_train);
  const torch::Tensor nearest = std::get<1>(D.sort(true, 1, false)).narrow(1, 0, k);
  const torch::Tensor votes = y_train.index_select(0, nearest.flatten()).view({m, k});
  const int64_t classes = y_train.max().item<int64_t>() + 1;
  const torch::Tensor counts = torch::zeros({m, classes}, torch::kInt64).scatter_add_(1, votes, torch::ones_like(votes));
  return (classes - 1) - counts.flip(1).argmax(1);
}

}  // namespace drill::knn
