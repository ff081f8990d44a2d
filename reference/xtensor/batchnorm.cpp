// Reference batch normalization in the xtensor flavor: graded as a candidate (must be
// accepted), written the NumPy way with two-pass column statistics and the compact dX formula.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::batchnorm {

struct State { xt::xtensor<double, 1> running_mean, running_var; };
struct Grads { xt::xtensor<double, 2> dX; xt::xtensor<double, 1> dgamma, dbeta; };

// mu = X.mean(0); var = ((X - mu)**2).mean(0); xhat = (X - mu) / sqrt(var + eps). The reducers
// are evaluated into tensors before they broadcast (xtensor 0.24).
struct Normalised {
  xt::xtensor<double, 2> xhat;
  xt::xtensor<double, 1> mu, var, istd;
};

Normalised normalise(const xt::xtensor<double, 2>& X, double eps) {
  Normalised s;
  s.mu = xt::mean(X, {0});
  const xt::xtensor<double, 2> centred = X - s.mu;
  s.var = xt::mean(centred * centred, {0});
  s.istd = 1.0 / xt::sqrt(s.var + eps);
  s.xhat = centred * s.istd;
  return s;
}

xt::xtensor<double, 2> forward_train(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
                                     const xt::xtensor<double, 1>& beta, State& state, double momentum, double eps) {
  const size_t n = X.shape(0);
  if (n < 2) throw std::invalid_argument("expected more than 1 value per feature when training");
  const Normalised s = normalise(X, eps);
  // PyTorch's momentum weighs the new batch; running_var is fed the unbiased variance.
  state.running_mean = (1 - momentum) * state.running_mean + momentum * s.mu;
  state.running_var = (1 - momentum) * state.running_var + momentum * s.var * (double(n) / double(n - 1));
  return s.xhat * gamma + beta;
}

xt::xtensor<double, 2> forward_eval(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
                                    const xt::xtensor<double, 1>& beta, const State& state, double eps) {
  const xt::xtensor<double, 1> istd = 1.0 / xt::sqrt(state.running_var + eps);
  return (X - state.running_mean) * istd * gamma + beta;
}

// dxhat = dOut * gamma; dX = istd * (dxhat - dxhat.mean(0) - xhat * (dxhat * xhat).mean(0)).
Grads backward(const xt::xtensor<double, 2>& dOut, const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
               double eps) {
  const Normalised s = normalise(X, eps);
  const xt::xtensor<double, 2> dxhat = dOut * gamma;
  const xt::xtensor<double, 1> m1 = xt::mean(dxhat, {0});
  const xt::xtensor<double, 1> m2 = xt::mean(dxhat * s.xhat, {0});
  Grads g;
  g.dX = s.istd * (dxhat - m1 - s.xhat * m2);
  g.dgamma = xt::sum(dOut * s.xhat, {0});
  g.dbeta = xt::sum(dOut, {0});
  return g;
}

}  // namespace drill::batchnorm
