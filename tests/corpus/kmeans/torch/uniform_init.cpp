// expect: wrong_answer
// case: init_plus_plus(D^2 law,n=18,k=3,seeds=1..2000)
// message: this is what a uniform choice gives
// k distinct rows shuffled uniformly from rng: no D² weighting at all.
#include <torch/torch.h>
#include <algorithm>
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
  return torch::where(counts > 0, sums / counts.clamp_min(1), C);
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
  std::vector<int64_t> chosen(n);
  for (int64_t i = 0; i < n; ++i) chosen[i] = i;
  std::shuffle(chosen.begin(), chosen.end(), rng);
  chosen.resize(k);
  return X.index_select(0, torch::tensor(chosen, torch::kInt64));
}

}  // namespace drill::kmeans
