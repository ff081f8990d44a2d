// expect: accepted
// Another correct style: torch::cdist(...).pow(2) for the distances (rounding differs from
// x − c written out, but equal distances still come out equal), the update by plain loops
// over accessors, k-means++ with a cumulative sum and one uniform draw from rng.
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

Result fit(const torch::Tensor& X, const torch::Tensor& init_centroids, int max_iter) {
  if (max_iter < 1) throw std::invalid_argument("max_iter < 1");
  if (init_centroids.numel() == 0) throw std::invalid_argument("no centroids");
  const int64_t n = X.size(0), d = X.size(1), k = init_centroids.size(0);
  torch::Tensor C = init_centroids.clone(), labels, prev;
  auto x = X.accessor<double, 2>();
  int iterations = 0;
  for (int it = 1; it <= max_iter; ++it) {
    iterations = it;
    labels = torch::cdist(X, C).pow(2).argmin(1);
    if (prev.defined() && labels.equal(prev)) break;
    torch::Tensor sums = torch::zeros({k, d}, torch::kFloat64);
    std::vector<int64_t> counts(k, 0);
    auto s = sums.accessor<double, 2>();
    auto l = labels.accessor<int64_t, 1>();
    for (int64_t i = 0; i < n; ++i) {
      ++counts[l[i]];
      for (int64_t j = 0; j < d; ++j) s[l[i]][j] += x[i][j];
    }
    torch::Tensor next = C.clone();
    for (int64_t c = 0; c < k; ++c)
      if (counts[c] > 0) next[c] = sums[c] / double(counts[c]);
    C = next;
    prev = labels;
  }
  const double inertia = (X - C.index({labels})).pow(2).sum().item<double>();
  return {C, labels, inertia, iterations};
}

torch::Tensor init_plus_plus(const torch::Tensor& X, int k, std::mt19937_64& rng) {
  const int64_t n = X.size(0);
  std::vector<int64_t> chosen{std::uniform_int_distribution<int64_t>(0, n - 1)(rng)};
  torch::Tensor d2 = (X - X[chosen[0]]).pow(2).sum(1);
  for (int c = 1; c < k; ++c) {
    const torch::Tensor cum = d2.cumsum(0);
    const double u = std::uniform_real_distribution<double>(0, cum[n - 1].item<double>())(rng);
    int64_t pick = torch::searchsorted(cum, torch::tensor({u}, torch::kFloat64), false, /*right=*/true).item<int64_t>();
    if (pick >= n) pick = n - 1;
    while (d2[pick].item<double>() == 0) --pick;  // u landed exactly on a boundary: step back
    chosen.push_back(pick);
    d2 = torch::minimum(d2, (X - X[pick]).pow(2).sum(1));
  }
  return X.index_select(0, torch::tensor(chosen, torch::kInt64));
}

}  // namespace drill::kmeans
