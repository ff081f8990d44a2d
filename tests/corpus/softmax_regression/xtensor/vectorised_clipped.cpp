// expect: accepted
// NumPy style with loops for the labels, the loss from clipped probabilities.
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drill::softmax_regression {
struct Gradient { xt::xtensor<double, 2> dW; xt::xtensor<double, 1> db; };
struct Model    { xt::xtensor<double, 2> W;  xt::xtensor<double, 1> b;  };
using M = xt::xtensor<double, 2>;
using V = xt::xtensor<double, 1>;

M softmax(const M& Z) {
  const M m = xt::amax(Z, {1}, xt::keep_dims);
  const M e = xt::exp(Z - m);
  const M s = xt::sum(e, {1}, xt::keep_dims);
  return e / s;
}

M predict_proba(const M& X, const M& W, const V& b) { return softmax(xt::linalg::dot(X, W) + b); }

xt::xtensor<int, 1> predict(const M& X, const M& W, const V& b) {
  const M Z = xt::linalg::dot(X, W) + b;
  xt::xtensor<int, 1> y = xt::zeros<int>({Z.shape(0)});
  for (size_t i = 0; i < Z.shape(0); ++i) {
    size_t k = 0;
    for (size_t j = 1; j < Z.shape(1); ++j)
      if (Z(i, j) > Z(i, k)) k = j;
    y(i) = int(k);
  }
  return y;
}

double loss(const M& X, const xt::xtensor<int, 1>& y, const M& W, const V& b, double l2) {
  const M P = predict_proba(X, W, b);
  double total = 0;
  for (size_t i = 0; i < X.shape(0); ++i) total -= std::log(std::max(P(i, size_t(y(i))), 1e-15));
  return total / double(X.shape(0)) + 0.5 * l2 * xt::sum(W * W)();
}

Gradient gradient(const M& X, const xt::xtensor<int, 1>& y, const M& W, const V& b, double l2) {
  M dZ = predict_proba(X, W, b);
  for (size_t i = 0; i < X.shape(0); ++i) dZ(i, size_t(y(i))) -= 1.0;
  dZ /= double(X.shape(0));
  return {xt::linalg::dot(xt::transpose(X), dZ) + l2 * W, xt::sum(dZ, {0})};
}

Model fit(const M& X, const xt::xtensor<int, 1>& y, int num_classes, double learning_rate, int epochs, double l2) {
  Model m{xt::zeros<double>({X.shape(1), size_t(num_classes)}), xt::zeros<double>({size_t(num_classes)})};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.W, m.b, l2);
    m.W -= learning_rate * g.dW;
    m.b -= learning_rate * g.db;
  }
  return m;
}

}  // namespace drill::softmax_regression
