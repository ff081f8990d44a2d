// expect: wrong_answer
// case: fit(blobs,n=90,d=2,k=3,max_iter=1)
// message: not of squared distances
// xt::norm_l2 (the distance) where the squared distance belongs.
#include <xtensor/xmath.hpp>
#include <xtensor/xnorm.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <random>
#include <stdexcept>
#include <vector>

namespace drill::kmeans {

struct Result {
  xt::xtensor<double, 2> centroids;
  xt::xtensor<int, 1> labels;
  double inertia;
  int iterations;
};

namespace {

// D (n × k) = ((X[:, None, :] − C[None, :, :]) ** 2).sum(axis=2): direct, so ties stay exact.
xt::xtensor<double, 2> sq_dist(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 2>& C) {
  auto diff = xt::view(X, xt::all(), xt::newaxis(), xt::all()) - xt::view(C, xt::newaxis(), xt::all(), xt::all());
  return xt::sum(xt::square(diff), {2});
}

// D.argmin(axis=1): the first (lowest) index on ties.
xt::xtensor<int, 1> assign(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 2>& C) {
  const xt::xtensor<double, 2> D = sq_dist(X, C);
  return xt::argmin(D, 1);
}

// Means of each cluster's rows (np.add.at / np.bincount), into a copy: empty clusters keep C's row.
xt::xtensor<double, 2> update(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& labels,
                              const xt::xtensor<double, 2>& C) {
  xt::xtensor<double, 2> sums = xt::zeros<double>(C.shape());
  xt::xtensor<double, 1> counts = xt::zeros<double>({C.shape(0)});
  for (size_t i = 0; i < X.shape(0); ++i) {
    xt::row(sums, labels(i)) += xt::row(X, i);
    counts(labels(i)) += 1;
  }
  xt::xtensor<double, 2> next = C;
  for (size_t j = 0; j < C.shape(0); ++j)
    if (counts(j) > 0) xt::row(next, j) = xt::row(sums, j) / counts(j);
  return next;
}

}  // namespace

Result fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 2>& init_centroids, int max_iter) {
  if (max_iter < 1) throw std::invalid_argument("max_iter must be at least 1");
  if (init_centroids.shape(0) == 0) throw std::invalid_argument("init_centroids is empty");
  xt::xtensor<double, 2> C = init_centroids;
  xt::xtensor<int, 1> labels, prev;
  int it = 1;
  for (; it <= max_iter; ++it) {
    labels = assign(X, C);
    if (it > 1 && labels == prev) break;
    C = update(X, labels, C);
    prev = labels;
  }
  if (it > max_iter) it = max_iter;
  double inertia = 0;
  for (size_t i = 0; i < X.shape(0); ++i) inertia += xt::norm_l2(xt::row(X, i) - xt::row(C, labels(i)))();
  return {C, labels, inertia, it};
}

// k-means++: first centre uniform, then each next one ∝ D², D to the nearest centre so far.
xt::xtensor<double, 2> init_plus_plus(const xt::xtensor<double, 2>& X, int k, std::mt19937_64& rng) {
  const size_t n = X.shape(0);
  std::vector<size_t> chosen{std::uniform_int_distribution<size_t>(0, n - 1)(rng)};
  xt::xtensor<double, 1> d2 = xt::sum(xt::square(X - xt::row(X, chosen[0])), {1});
  while (chosen.size() < size_t(k)) {
    std::discrete_distribution<size_t> pick(d2.begin(), d2.end());
    chosen.push_back(pick(rng));
    d2 = xt::minimum(d2, xt::sum(xt::square(X - xt::row(X, chosen.back())), {1}));
  }
  return xt::view(X, xt::keep(chosen), xt::all());
}

}  // namespace drill::kmeans
