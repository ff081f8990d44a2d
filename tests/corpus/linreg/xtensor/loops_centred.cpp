// expect: accepted
// Index loops over xtensor containers; ridge on the centred normal equations by Cholesky
// (xt::linalg::cholesky, then two triangular solves written by hand).
#include <xtensor/xtensor.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::linreg {

struct Gradient { xt::xtensor<double, 1> dw; double db; };
struct Model    { xt::xtensor<double, 1> w;  double b;  };

xt::xtensor<double, 1> predict(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& w, double b) {
  xt::xtensor<double, 1> out = xt::zeros<double>({X.shape(0)});
  for (size_t i = 0; i < X.shape(0); ++i) {
    double s = b;
    for (size_t j = 0; j < X.shape(1); ++j) s += X(i, j) * w(j);
    out(i) = s;
  }
  return out;
}

double loss(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
            double b) {
  xt::xtensor<double, 1> p = predict(X, w, b);
  double s = 0;
  for (size_t i = 0; i < p.size(); ++i) s += (p(i) - y(i)) * (p(i) - y(i));
  return s / double(p.size());
}

Gradient gradient(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
                  double b) {
  xt::xtensor<double, 1> p = predict(X, w, b);
  Gradient g{xt::zeros<double>({X.shape(1)}), 0.0};
  const double n = double(X.shape(0));
  for (size_t i = 0; i < X.shape(0); ++i) {
    const double r = p(i) - y(i);
    for (size_t j = 0; j < X.shape(1); ++j) g.dw(j) += 2.0 * r * X(i, j) / n;
    g.db += 2.0 * r / n;
  }
  return g;
}

Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double learning_rate, int epochs) {
  Model m{xt::zeros<double>({X.shape(1)}), 0.0};
  for (int e = 0; e < epochs; ++e) {
    Gradient g = gradient(X, y, m.w, m.b);
    for (size_t j = 0; j < m.w.size(); ++j) m.w(j) -= learning_rate * g.dw(j);
    m.b -= learning_rate * g.db;
  }
  return m;
}

Model fit_ridge(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double lambda) {
  if (!(lambda >= 0)) throw std::invalid_argument("fit_ridge: lambda must be >= 0");
  const size_t n = X.shape(0), d = X.shape(1);
  xt::xtensor<double, 1> xm = xt::zeros<double>({d});
  double ym = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < d; ++j) xm(j) += X(i, j) / double(n);
    ym += y(i) / double(n);
  }
  xt::xtensor<double, 2> A = xt::zeros<double>({d, d});
  xt::xtensor<double, 1> v = xt::zeros<double>({d});
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < d; ++j) {
      for (size_t k = 0; k < d; ++k) A(j, k) += (X(i, j) - xm(j)) * (X(i, k) - xm(k));
      v(j) += (X(i, j) - xm(j)) * (y(i) - ym);
    }
  for (size_t j = 0; j < d; ++j) A(j, j) += lambda;
  xt::xtensor<double, 2> L = xt::linalg::cholesky(A);
  xt::xtensor<double, 1> z = xt::zeros<double>({d}), w = xt::zeros<double>({d});
  for (size_t j = 0; j < d; ++j) {  // L z = v
    double s = v(j);
    for (size_t k = 0; k < j; ++k) s -= L(j, k) * z(k);
    z(j) = s / L(j, j);
  }
  for (size_t j = d; j-- > 0;) {  // Lᵀ w = z
    double s = z(j);
    for (size_t k = j + 1; k < d; ++k) s -= L(k, j) * w(k);
    w(j) = s / L(j, j);
  }
  double b = ym;
  for (size_t j = 0; j < d; ++j) b -= xm(j) * w(j);
  return {w, b};
}

}  // namespace drill::linreg
