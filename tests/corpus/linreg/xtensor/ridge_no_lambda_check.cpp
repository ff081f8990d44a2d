// expect: wrong_answer
// case: fit_ridge(invalid,lambda=-1|-1e-12)
// message: returned instead of throwing
// No check of lambda < 0.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::linreg {

struct Gradient { xt::xtensor<double, 1> dw; double db; };
struct Model    { xt::xtensor<double, 1> w;  double b;  };

xt::xtensor<double, 1> predict(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& w, double b) {
  return xt::linalg::dot(X, w) + b;
}

double loss(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
            double b) {
  xt::xtensor<double, 1> r = predict(X, w, b) - y;
  return xt::mean(r * r)();
}

Gradient gradient(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
                  double b) {
  xt::xtensor<double, 1> r = predict(X, w, b) - y;
  double n = double(X.shape(0));
  return {xt::linalg::dot(xt::transpose(X), r) * (2.0 / n), xt::sum(r)() * 2.0 / n};
}

Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double learning_rate, int epochs) {
  xt::xtensor<double, 1> w = xt::zeros<double>({X.shape(1)});
  double b = 0;
  for (int e = 0; e < epochs; ++e) {
    Gradient g = gradient(X, y, w, b);
    w -= learning_rate * g.dw;
    b -= learning_rate * g.db;
  }
  return {w, b};
}

Model fit_ridge(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double lambda) {
  const size_t n = X.shape(0), d = X.shape(1);
  xt::xtensor<double, 2> A = xt::ones<double>({n, d + 1});
  xt::view(A, xt::all(), xt::range(0, d)) = X;
  xt::xtensor<double, 2> M = xt::linalg::dot(xt::transpose(A), A);
  for (size_t j = 0; j < d; ++j) M(j, j) += lambda;
  xt::xtensor<double, 1> theta = xt::linalg::solve(M, xt::linalg::dot(xt::transpose(A), y));
  return {xt::view(theta, xt::range(0, d)), theta(d)};
}

}  // namespace drill::linreg
