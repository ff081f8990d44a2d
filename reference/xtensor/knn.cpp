// Reference k-NN in the xtensor flavor: graded as a candidate (must be accepted), and the
// idioms the README's side-by-side shows. Distances by the expansion ‖a‖² + ‖b‖² − 2 a·b
// (one matrix product), clamped at 0; neighbours ranked by (distance, training index) with a
// stable sort (xt::argsort is std::sort underneath: not stable); vote ties to the smallest label.
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace drill::knn {

using Matrix = xt::xtensor<double, 2>;

// D (rows of A × rows of B) = a2[:, None] + b2[None, :] − 2 A @ B.T. The expansion cancels
// when a ≈ b far from the origin and can come out a hair below zero: clamp.
Matrix pairwise_sq_dist(const Matrix& A, const Matrix& B) {
  const xt::xtensor<double, 1> a2 = xt::sum(A * A, {1});  // m
  const xt::xtensor<double, 1> b2 = xt::sum(B * B, {1});  // n
  const Matrix AB = xt::linalg::dot(A, xt::transpose(B));
  return xt::maximum(xt::view(a2, xt::all(), xt::newaxis()) + xt::view(b2, xt::newaxis(), xt::all()) - 2.0 * AB,
                     0.0);
}

// labels (m) by majority vote among each query's k nearest training rows.
xt::xtensor<int, 1> predict(const Matrix& X_train, const xt::xtensor<int, 1>& y_train, const Matrix& X_query,
                            int k) {
  const size_t n = X_train.shape(0), m = X_query.shape(0);
  if (k < 1 || size_t(k) > n)
    throw std::invalid_argument("k = " + std::to_string(k) + " must be in 1 .. " + std::to_string(n));
  const Matrix D = pairwise_sq_dist(X_query, X_train);  // m × n: one row per query
  const size_t classes = size_t(xt::amax(y_train)()) + 1;
  xt::xtensor<int, 1> labels = xt::zeros<int>({m});
  std::vector<size_t> order(n);
  for (size_t q = 0; q < m; ++q) {
    const auto d = xt::row(D, long(q));
    // np.argsort(d, kind="stable")[:k]: equal distances keep the lower training index first.
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return d(a) < d(b); });
    // np.bincount(y[idx], minlength=C).argmax(): max_element keeps the first maximum.
    std::vector<int> count(classes, 0);
    for (size_t j = 0; j < size_t(k); ++j) ++count[size_t(y_train(order[j]))];
    labels(q) = int(std::max_element(count.begin(), count.end()) - count.begin());
  }
  return labels;
}

}  // namespace drill::knn
