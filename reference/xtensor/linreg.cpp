// Reference linear regression in the xtensor flavor: graded as a candidate (must be accepted),
// and the idioms the README's side-by-side shows. MSE without a 1/2; ridge as scikit-learn's Ridge.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::linreg {

struct Gradient { xt::xtensor<double, 1> dw; double db; };
struct Model    { xt::xtensor<double, 1> w;  double b;  };

// X @ w + b
xt::xtensor<double, 1> predict(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& w, double b) {
  return xt::linalg::dot(X, w) + b;
}

// mean((X @ w + b - y) ** 2)
double loss(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
            double b) {
  return xt::mean(xt::square(predict(X, w, b) - y))();
}

// dL/dw = 2 X.T @ r / n,  dL/db = 2 mean(r),  r = X @ w + b - y
Gradient gradient(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
                  double b) {
  const xt::xtensor<double, 1> r = predict(X, w, b) - y;
  const double n = static_cast<double>(X.shape(0));
  return {2.0 / n * xt::linalg::dot(xt::transpose(X), r), 2.0 * xt::mean(r)()};
}

Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double learning_rate, int epochs) {
  Model m{xt::zeros<double>({X.shape(1)}), 0.0};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.w, m.b);
    m.w -= learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  return m;
}

// Centred normal equations: w = solve(Xc.T @ Xc + lambda I, Xc.T @ yc), b = y.mean() - x_mean @ w.
Model fit_ridge(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double lambda) {
  if (!(lambda >= 0)) throw std::invalid_argument("fit_ridge: lambda must be >= 0");
  const xt::xtensor<double, 1> x_mean = xt::mean(X, {0});
  const double y_mean = xt::mean(y)();
  const xt::xtensor<double, 2> Xc = X - x_mean;
  const xt::xtensor<double, 1> yc = y - y_mean;
  const xt::xtensor<double, 2> A = xt::linalg::dot(xt::transpose(Xc), Xc) + lambda * xt::eye<double>(X.shape(1));
  const xt::xtensor<double, 1> w = xt::linalg::solve(A, xt::linalg::dot(xt::transpose(Xc), yc));
  return {w, y_mean - xt::linalg::vdot(x_mean, w)};
}

}  // namespace drill::linreg
