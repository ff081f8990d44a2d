// expect: wrong_answer
// case: predict(n=50,m=30,d=3,k=5)
// message: tied vote
// The vote's scan keeps the last maximum (>=): on a tie the largest label wins.
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace drill::knn {

using Matrix = xt::xtensor<double, 2>;

Matrix pairwise_sq_dist(const Matrix& A, const Matrix& B) {
  const xt::xtensor<double, 1> a2 = xt::sum(A * A, {1});
  const xt::xtensor<double, 1> b2 = xt::sum(B * B, {1});
  const Matrix AB = xt::linalg::dot(A, xt::transpose(B));
  return xt::maximum(xt::view(a2, xt::all(), xt::newaxis()) + xt::view(b2, xt::newaxis(), xt::all()) - 2.0 * AB, 0.0);
}

xt::xtensor<int, 1> predict(const Matrix& X_train, const xt::xtensor<int, 1>& y_train, const Matrix& X_query, int k) {
  if (k < 1 || size_t(k) > X_train.shape(0)) throw std::invalid_argument("k out of range");
  const Matrix D = pairwise_sq_dist(X_query, X_train);
  xt::xtensor<int, 1> out = xt::zeros<int>({X_query.shape(0)});
  for (size_t q = 0; q < D.shape(0); ++q) {
    const auto d = xt::row(D, long(q));
    std::vector<size_t> order(D.shape(1));
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return d(a) < d(b); });
    std::vector<int> count(size_t(xt::amax(y_train)()) + 1, 0);
    for (size_t j = 0; j < size_t(k); ++j) ++count[size_t(y_train(order[j]))];
    int best = 0;
    for (int c = 0; c < int(count.size()); ++c)
      if (count[size_t(c)] >= count[size_t(best)]) best = c;
    out(q) = best;
  }
  return out;
}

}  // namespace drill::knn
