// expect: wrong_answer
// case: fit(blobs,n=90,d=2,k=3,max_iter=1)
// message: modified its second argument in place
// `C = init_centroids` without clone() shares storage, and the update writes C's rows in place
// (copy_): the caller's init_centroids change under it.
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

// Cluster means, written into C's rows in place; an empty cluster keeps its centroid.
void update(const torch::Tensor& X, const torch::Tensor& labels, torch::Tensor& C) {
  const int64_t k = C.size(0);
  const torch::Tensor sums = torch::zeros_like(C).index_add_(0, labels, X);
  const torch::Tensor counts = torch::bincount(labels, {}, k);
  for (int64_t j = 0; j < k; ++j)
    if (counts[j].item<int64_t>() > 0) C[j].copy_(sums[j] / counts[j].item<double>());
}

}  // namespace

Result fit(const torch::Tensor& X, const torch::Tensor& init_centroids, int max_iter) {
  if (max_iter < 1) throw std::invalid_argument("max_iter must be at least 1");
  if (init_centroids.dim() == 0 || init_centroids.size(0) == 0) throw std::invalid_argument("init_centroids is empty");
  torch::Tensor C = init_centroids, labels, prev;  // no clone(): C is the caller's tensor
  int it = 1;
  for (; it <= max_iter; ++it) {
    labels = sq_dist(X, C).argmin(1);
    if (it > 1 && torch::equal(labels, prev)) break;
    update(X, labels, C);
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
