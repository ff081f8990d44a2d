// expect: accepted
// Loops over an xtensor: Welford's mean and variance per column, the chain rule written out
// (dvar, dmu, then dX), and the state updated entry by entry.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::batchnorm {

struct State { xt::xtensor<double, 1> running_mean, running_var; };
struct Grads { xt::xtensor<double, 2> dX; xt::xtensor<double, 1> dgamma, dbeta; };

// Welford over column j: its mean and its biased variance M2 / n.
void welford(const xt::xtensor<double, 2>& X, size_t j, double& mean, double& var) {
  mean = 0;
  double m2 = 0;
  for (size_t i = 0; i < X.shape(0); ++i) {
    const double delta = X(i, j) - mean;
    mean += delta / double(i + 1);
    m2 += delta * (X(i, j) - mean);
  }
  var = m2 / double(X.shape(0));
}

xt::xtensor<double, 2> forward_train(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
                                     const xt::xtensor<double, 1>& beta, State& state, double momentum, double eps) {
  const size_t n = X.shape(0), d = X.shape(1);
  if (n < 2) throw std::invalid_argument("training mode needs n >= 2");
  xt::xtensor<double, 2> out = xt::empty<double>({n, d});
  for (size_t j = 0; j < d; ++j) {
    double mu, var;
    welford(X, j, mu, var);
    const double istd = 1.0 / std::sqrt(var + eps);
    for (size_t i = 0; i < n; ++i) out(i, j) = gamma(j) * (X(i, j) - mu) * istd + beta(j);
    state.running_mean(j) = (1 - momentum) * state.running_mean(j) + momentum * mu;
    state.running_var(j) = (1 - momentum) * state.running_var(j) + momentum * var * double(n) / double(n - 1);
  }
  return out;
}

xt::xtensor<double, 2> forward_eval(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
                                    const xt::xtensor<double, 1>& beta, const State& state, double eps) {
  xt::xtensor<double, 2> out = xt::empty<double>(X.shape());
  for (size_t j = 0; j < X.shape(1); ++j) {
    const double istd = 1.0 / std::sqrt(state.running_var(j) + eps);
    for (size_t i = 0; i < X.shape(0); ++i) out(i, j) = gamma(j) * (X(i, j) - state.running_mean(j)) * istd + beta(j);
  }
  return out;
}

Grads backward(const xt::xtensor<double, 2>& dOut, const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
               double eps) {
  const size_t n = X.shape(0), d = X.shape(1);
  Grads g{xt::empty<double>({n, d}), xt::zeros<double>({d}), xt::zeros<double>({d})};
  for (size_t j = 0; j < d; ++j) {
    double mu, var;
    welford(X, j, mu, var);
    const double istd = 1.0 / std::sqrt(var + eps);
    double dvar = 0, dmu = 0;
    for (size_t i = 0; i < n; ++i) {
      const double dxhat = dOut(i, j) * gamma(j);
      dvar += dxhat * (X(i, j) - mu) * -0.5 * istd * istd * istd;
      dmu -= dxhat * istd;
      g.dgamma(j) += dOut(i, j) * (X(i, j) - mu) * istd;
      g.dbeta(j) += dOut(i, j);
    }
    for (size_t i = 0; i < n; ++i)
      g.dX(i, j) = dOut(i, j) * gamma(j) * istd + dvar * 2.0 * (X(i, j) - mu) / double(n) + dmu / double(n);
  }
  return g;
}

}  // namespace drill::batchnorm
