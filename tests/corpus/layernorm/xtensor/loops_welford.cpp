// expect: accepted
// Raw loops over xtensor's operator(): Welford's running mean and variance per row, and the
// collapsed dX = istd/d · (d·dx̂ − Σdx̂ − x̂·Σdx̂∘x̂).
#include <xtensor/xtensor.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

struct Grads { xt::xtensor<double, 2> dX; xt::xtensor<double, 1> dgamma, dbeta; };

// Welford over row i: its mean and 1 / sqrt(M2 / d + eps).
void row_stats(const xt::xtensor<double, 2>& X, size_t i, double eps, double& mean, double& istd) {
  mean = 0;
  double m2 = 0;
  for (size_t j = 0; j < X.shape(1); ++j) {
    const double delta = X(i, j) - mean;
    mean += delta / double(j + 1);
    m2 += delta * (X(i, j) - mean);
  }
  istd = 1.0 / std::sqrt(m2 / double(X.shape(1)) + eps);
}

xt::xtensor<double, 2> forward(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
                               const xt::xtensor<double, 1>& beta, double eps) {
  xt::xtensor<double, 2> out = xt::zeros<double>(X.shape());
  for (size_t i = 0; i < X.shape(0); ++i) {
    double mean, istd;
    row_stats(X, i, eps, mean, istd);
    for (size_t j = 0; j < X.shape(1); ++j) out(i, j) = gamma(j) * (X(i, j) - mean) * istd + beta(j);
  }
  return out;
}

Grads backward(const xt::xtensor<double, 2>& dOut, const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
               double eps) {
  const size_t n = X.shape(0), d = X.shape(1);
  Grads g;
  g.dX = xt::zeros<double>(X.shape());
  g.dgamma = xt::zeros<double>({d});
  g.dbeta = xt::zeros<double>({d});
  for (size_t i = 0; i < n; ++i) {
    double mean, istd;
    row_stats(X, i, eps, mean, istd);
    double sum_dxhat = 0, sum_dxhat_xhat = 0;
    for (size_t j = 0; j < d; ++j) {
      const double xhat = (X(i, j) - mean) * istd, dxhat = dOut(i, j) * gamma(j);
      sum_dxhat += dxhat;
      sum_dxhat_xhat += dxhat * xhat;
      g.dgamma(j) += dOut(i, j) * xhat;
      g.dbeta(j) += dOut(i, j);
    }
    for (size_t j = 0; j < d; ++j) {
      const double xhat = (X(i, j) - mean) * istd, dxhat = dOut(i, j) * gamma(j);
      g.dX(i, j) = istd / double(d) * (double(d) * dxhat - sum_dxhat - xhat * sum_dxhat_xhat);
    }
  }
  return g;
}

}  // namespace drill::layernorm
