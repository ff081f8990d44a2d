// Reference k-means in the xtensor flavor: graded as a candidate (must be accepted), and the
// idioms the README's side-by-side shows. Lloyd's iterations exactly as the contract writes
// them, and k-means++ seeding drawing from rng in the same order as the eigen reference.
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <cstddef>
#include <random>
#include <stdexcept>

namespace drill::kmeans {

using Matrix = xt::xtensor<double, 2>;
using Labels = xt::xtensor<int, 1>;

struct Result {
  Matrix centroids;  // k × d, after the last update
  Labels labels;     // n, index of the nearest centroid (lowest index on ties)
  double inertia;    // sum of squared distances of rows to their labelled centroid
  int iterations;    // number of assignment steps performed
};

namespace {

// Squared distances, n × k: ((X[:, None, :] − C[None, :, :])**2).sum(2), written directly
// (no ‖x‖² + ‖c‖² − 2x·c cancellation), so equal distances are computed equal.
Matrix sq_dist(const Matrix& X, const Matrix& C) {
  return xt::sum(xt::square(xt::view(X, xt::all(), xt::newaxis(), xt::all()) -
                            xt::view(C, xt::newaxis(), xt::all(), xt::all())),
                 {2});
}

// labels (n): each row's nearest centroid. xt::argmin along an axis of a 2-D tensor keeps the
// first minimum (strict <), so ties go to the lowest index.
Labels assign(const Matrix& X, const Matrix& C) {
  const xt::xtensor<size_t, 1> nearest = xt::argmin(sq_dist(X, C), 1);
  return xt::cast<int>(nearest);
}

// Mean of each cluster's rows, into a new tensor: C is read-only here. Empty clusters keep C's row.
Matrix update(const Matrix& X, const Labels& labels, const Matrix& C) {
  Matrix sums = xt::zeros_like(C);
  xt::xtensor<double, 1> counts = xt::zeros<double>({C.shape(0)});
  for (size_t i = 0; i < X.shape(0); ++i) {
    xt::row(sums, labels(i)) += xt::row(X, long(i));
    counts(size_t(labels(i))) += 1;
  }
  Matrix next = C;  // a copy (auto& would alias C)
  for (size_t j = 0; j < C.shape(0); ++j)
    if (counts(j) > 0) xt::row(next, long(j)) = xt::row(sums, long(j)) / counts(j);
  return next;
}

}  // namespace

Result fit(const Matrix& X, const Matrix& init_centroids, int max_iter) {
  if (max_iter < 1) throw std::invalid_argument("max_iter must be at least 1");
  if (init_centroids.shape(0) == 0) throw std::invalid_argument("init_centroids is empty");
  Matrix C = init_centroids;
  Labels labels, prev;
  int it = 1;
  for (; it <= max_iter; ++it) {
    labels = assign(X, C);
    if (it > 1 && labels == prev) break;  // == on tensors: same shape and same values
    C = update(X, labels, C);
    prev = labels;
  }
  if (it > max_iter) it = max_iter;  // ran out: the loop counter went one past
  // C[labels] row by row, then Σ ‖xᵢ − C[labelsᵢ]‖².
  const Matrix assigned = xt::view(C, xt::keep(labels), xt::all());
  const double inertia = xt::sum(xt::square(X - assigned))();
  return {C, labels, inertia, it};
}

// k-means++: the first centre uniform, each next one drawn with probability ∝ D(x)², D the
// distance to the nearest centre so far (0 for a chosen row, so no row is chosen twice).
Matrix init_plus_plus(const Matrix& X, int k, std::mt19937_64& rng) {
  const auto n = std::ptrdiff_t(X.shape(0));
  Matrix C = xt::zeros<double>({size_t(k), X.shape(1)});
  xt::row(C, 0) = xt::row(X, std::uniform_int_distribution<std::ptrdiff_t>(0, n - 1)(rng));
  xt::xtensor<double, 1> d2 = xt::sum(xt::square(X - xt::row(C, 0)), {1});
  for (int c = 1; c < k; ++c) {
    std::discrete_distribution<std::ptrdiff_t> pick(d2.begin(), d2.end());
    xt::row(C, c) = xt::row(X, pick(rng));
    d2 = xt::minimum(d2, xt::sum(xt::square(X - xt::row(C, c)), {1}));
  }
  return C;
}

}  // namespace drill::kmeans
