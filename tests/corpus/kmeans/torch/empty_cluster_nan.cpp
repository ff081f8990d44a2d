// expect: wrong_answer
// case: fit(empty cluster,n=40,d=2,k=3,max_iter=20)
// message: dividing its sum by a count of 0 gives NaN
// Divides every cluster's sum by its count, also when the count is 0.
#include <torch/torch.h>
#include <random>
#include <stdexcept>
#include <vector>

namespace drill::kmeans {

struct Result {
  torch::Tensor centroids;
  torch::Tensor labels;
  double inertia;
  int iterations;
};

namespace {

// n × k squared distances.
torch::Tensor sq_dist(const torch::Tensor& X, const torch::Tensor& C) {
  const torch::Tensor diff = X.unsqueeze(1) - C.unsqueeze(0);  // n × k × d
  return (diff * diff).sum(2);
}

// Cluster means; an empty cluster keeps its centroid.
torch::Tensor update(const torch::Tensor& X, const torch::Tensor& labels, const torch::Tensor& C) {
  const int64_t k = C.size(0);
  const torch::Tensor sums = torch::zeros_like(C).index_add_(0, labels, X);
  const torch::Tensor counts = torch::bincount(labels, {}, k).to(torch::kFloat64).unsqueeze(1);  // k × 1
  return sums / counts;
}

}  // namespace

Result fit(const torch::Tensor& X, const torch::Tensor& init_centroids, int max_iter) {
  if (max_iter < 1) throw std::invalid_argument("max_iter must be at least 1");
  if (init_centroids.dim() == 0 || init_centroids.size(0) == 0) throw std::invalid_argument("init_centroids is empty");
  torch::Tensor C = init_centroids.clone(), labels, prev;
  int it = 1;
  for (; it <= max_iter; ++it) {
    labels = sq_dist(X, C).argmin(1);
    if (it > 1 && torch::equal(labels, prev)) break;
    C = update(X, labels, C);
    prev = labels;
  }
  if (it > max_iter) it = max_iter;  // ran out: the loop counter went one past
  const double inertia = (X - C.index_select(0, labels)).pow(2).sum().item<double>();
  return {C, labels, inertia, it};
}

torch::Tensor init_plus_plus(const torch::Tensor& X, int k, std::mt19937_64& rng) {
  const int64_t n = X.size(0);
  std::vector<int64_t> chosen{std::uniform_int_distribution<int64_t>(0, n - 1)(rng)};
  torch::Tensor d2 = (X - X[chosen[0]]).pow(2).sum(1).contiguous();
  for (int c = 1; c < k; ++c) {
    const double* w = d2.data_ptr<double>();
    chosen.push_back(std::discrete_distribution<int64_t>(w, w + n)(rng));
    d2 = torch::minimum(d2, (X - X[chosen.back()]).pow(2).sum(1)).contiguous();
  }
  return X.index_select(0, torch::tensor(chosen, torch::kInt64));
}

}  // namespace drill::kmeans
