// expect: accepted
// A correct alternative: distances by the expansion ‖x‖² + ‖c‖² − 2 x·c (one xt::linalg::dot;
// the grading cases keep near ties 1e-8 apart and real ties on small integers, where it is
// exact), cluster means by xt::keep of each cluster's rows, and k-means++ by a cumulative sum
// and one uniform draw per centre (rng consumed differently from the reference: the D² test is statistical).
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

namespace drill::kmeans {

using Matrix = xt::xtensor<double, 2>;
using Labels = xt::xtensor<int, 1>;

struct Result {
  Matrix centroids;
  Labels labels;
  double inertia;
  int iterations;
};

static Matrix expanded_sq_dist(const Matrix& X, const Matrix& C) {
  const xt::xtensor<double, 1> x2 = xt::sum(X * X, {1});
  const xt::xtensor<double, 1> c2 = xt::sum(C * C, {1});
  const Matrix XC = xt::linalg::dot(X, xt::transpose(C));
  return xt::view(x2, xt::all(), xt::newaxis()) + xt::view(c2, xt::newaxis(), xt::all()) - 2.0 * XC;
}

Result fit(const Matrix& X, const Matrix& init_centroids, int max_iter) {
  if (max_iter < 1 || init_centroids.shape(0) == 0) throw std::invalid_argument("bad arguments");
  const size_t n = X.shape(0), k = init_centroids.shape(0);
  Matrix C = init_centroids;
  Labels labels, prev;
  int it = 1;
  for (; it <= max_iter; ++it) {
    labels = xt::cast<int>(xt::argmin(expanded_sq_dist(X, C), 1));
    if (it > 1 && xt::all(xt::equal(labels, prev))) break;
    Matrix next = C;
    for (size_t j = 0; j < k; ++j) {
      std::vector<size_t> rows;  // np.flatnonzero(labels == j)
      for (size_t i = 0; i < n; ++i)
        if (labels(i) == int(j)) rows.push_back(i);
      if (rows.empty()) continue;  // an empty cluster keeps its centroid
      const Matrix members = xt::view(X, xt::keep(rows), xt::all());
      xt::row(next, long(j)) = xt::mean(members, {0});
    }
    C = next;
    prev = labels;
  }
  if (it > max_iter) it = max_iter;
  double inertia = 0;
  for (size_t i = 0; i < n; ++i) inertia += xt::sum(xt::square(xt::row(X, long(i)) - xt::row(C, labels(i))))();
  return {C, labels, inertia, it};
}

Matrix init_plus_plus(const Matrix& X, int k, std::mt19937_64& rng) {
  const size_t n = X.shape(0);
  Matrix C = xt::zeros<double>({size_t(k), X.shape(1)});
  xt::row(C, 0) = xt::row(X, long(std::uniform_int_distribution<size_t>(0, n - 1)(rng)));
  xt::xtensor<double, 1> d2 = xt::sum(xt::square(X - xt::row(C, 0)), {1});
  for (int c = 1; c < k; ++c) {
    const xt::xtensor<double, 1> cum = xt::cumsum(d2);
    const double u = std::uniform_real_distribution<double>(0.0, cum(n - 1))(rng);
    const size_t pick = std::min(n - 1, size_t(std::upper_bound(cum.begin(), cum.end(), u) - cum.begin()));
    xt::row(C, c) = xt::row(X, long(pick));
    const xt::xtensor<double, 1> to_new = xt::sum(xt::square(X - xt::row(C, c)), {1});
    d2 = xt::minimum(d2, to_new);
  }
  return C;
}

}  // namespace drill::kmeans
