// expect: accepted
// Plain index loops over xtensor storage; the loss by log-sum-exp on the logits (no clipping);
// ties by a strict > scan (first maximum); the gradient accumulated one (sample, class) at a time.
#include <xtensor/xtensor.hpp>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drill::softmax_regression {
struct Gradient { xt::xtensor<double, 2> dW; xt::xtensor<double, 1> db; };
struct Model    { xt::xtensor<double, 2> W;  xt::xtensor<double, 1> b;  };
using M = xt::xtensor<double, 2>;
using V = xt::xtensor<double, 1>;

M softmax(const M& Z) {
  M P = xt::zeros<double>(Z.shape());
  for (size_t i = 0; i < Z.shape(0); ++i) {
    double m = Z(i, 0);
    for (size_t j = 1; j < Z.shape(1); ++j) m = std::max(m, Z(i, j));
    double s = 0;
    for (size_t j = 0; j < Z.shape(1); ++j) s += P(i, j) = std::exp(Z(i, j) - m);
    for (size_t j = 0; j < Z.shape(1); ++j) P(i, j) /= s;
  }
  return P;
}

// X W + b by three loops.
static M logits(const M& X, const M& W, const V& b) {
  M Z = xt::zeros<double>({X.shape(0), W.shape(1)});
  for (size_t i = 0; i < X.shape(0); ++i)
    for (size_t k = 0; k < W.shape(1); ++k) {
      double z = b(k);
      for (size_t j = 0; j < X.shape(1); ++j) z += X(i, j) * W(j, k);
      Z(i, k) = z;
    }
  return Z;
}

M predict_proba(const M& X, const M& W, const V& b) { return softmax(logits(X, W, b)); }

xt::xtensor<int, 1> predict(const M& X, const M& W, const V& b) {
  const M Z = logits(X, W, b);
  xt::xtensor<int, 1> y = xt::zeros<int>({Z.shape(0)});
  for (size_t i = 0; i < Z.shape(0); ++i) {
    size_t best = 0;
    for (size_t k = 1; k < Z.shape(1); ++k)
      if (Z(i, k) > Z(i, best)) best = k;
    y(i) = int(best);
  }
  return y;
}

double loss(const M& X, const xt::xtensor<int, 1>& y, const M& W, const V& b, double l2) {
  const M Z = logits(X, W, b);
  double total = 0;
  for (size_t i = 0; i < Z.shape(0); ++i) {
    double m = Z(i, 0), s = 0;
    for (size_t k = 1; k < Z.shape(1); ++k) m = std::max(m, Z(i, k));
    for (size_t k = 0; k < Z.shape(1); ++k) s += std::exp(Z(i, k) - m);
    total += m + std::log(s) - Z(i, size_t(y(i)));
  }
  double w2 = 0;
  for (size_t j = 0; j < W.shape(0); ++j)
    for (size_t k = 0; k < W.shape(1); ++k) w2 += W(j, k) * W(j, k);
  return total / double(Z.shape(0)) + l2 / 2 * w2;
}

Gradient gradient(const M& X, const xt::xtensor<int, 1>& y, const M& W, const V& b, double l2) {
  const M P = predict_proba(X, W, b);
  const double n = double(X.shape(0));
  Gradient g{l2 * W, xt::zeros<double>({W.shape(1)})};
  for (size_t i = 0; i < X.shape(0); ++i)
    for (size_t k = 0; k < W.shape(1); ++k) {
      const double dz = (P(i, k) - (size_t(y(i)) == k ? 1.0 : 0.0)) / n;
      g.db(k) += dz;
      for (size_t j = 0; j < X.shape(1); ++j) g.dW(j, k) += X(i, j) * dz;
    }
  return g;
}

Model fit(const M& X, const xt::xtensor<int, 1>& y, int num_classes, double learning_rate, int epochs, double l2) {
  Model m{xt::zeros<double>({X.shape(1), size_t(num_classes)}), xt::zeros<double>({size_t(num_classes)})};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.W, m.b, l2);
    for (size_t j = 0; j < m.W.shape(0); ++j)
      for (size_t k = 0; k < m.W.shape(1); ++k) m.W(j, k) -= learning_rate * g.dW(j, k);
    for (size_t k = 0; k < m.b.shape(0); ++k) m.b(k) -= learning_rate * g.db(k);
  }
  return m;
}

}  // namespace drill::softmax_regression
