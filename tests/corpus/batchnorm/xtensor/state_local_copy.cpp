// expect: wrong_answer
// case: running_stats(n=16|16|10,d=6,momentum=0.1|0.3|0.3)
// message: update the running stats in place
// message: they came back unchanged
// The running statistics updated on a local copy, never written back to `state`.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor/xmanipulation.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::batchnorm {

struct State { xt::xtensor<double, 1> running_mean, running_var; };
struct Grads { xt::xtensor<double, 2> dX; xt::xtensor<double, 1> dgamma, dbeta; };

// Per column: the mean, the biased variance (two-pass), 1 / sqrt(var + eps) and x̂.
struct Stats { xt::xtensor<double, 1> mu, var, istd; xt::xtensor<double, 2> xhat; };

Stats stats(const xt::xtensor<double, 2>& X, double eps) {
  Stats s;
  const double n = double(X.shape(0));
  s.mu = xt::mean(X, {0});
  const xt::xtensor<double, 2> c = X - s.mu;
  s.var = xt::sum(c * c, {0}) / n;
  s.istd = 1.0 / xt::sqrt(s.var + eps);
  s.xhat = c * s.istd;
  return s;
}

xt::xtensor<double, 2> forward_train(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
                                     const xt::xtensor<double, 1>& beta, State& state, double momentum, double eps) {
  const double n = double(X.shape(0));
  if (X.shape(0) < 2) throw std::invalid_argument("batchnorm: training needs at least 2 rows");
  const Stats s = stats(X, eps);
  State copy = state;  // updated, never written back
  copy.running_mean = (1 - momentum) * state.running_mean + momentum * s.mu;
  copy.running_var = (1 - momentum) * state.running_var + momentum * s.var * n / (n - 1);
  return s.xhat * gamma + beta;
}

xt::xtensor<double, 2> forward_eval(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
                                    const xt::xtensor<double, 1>& beta, const State& state, double eps) {
  const xt::xtensor<double, 2> xhat = (X - state.running_mean) / xt::sqrt(state.running_var + eps);
  return xhat * gamma + beta;
}

// dX = istd/n · (n·dx̂ − Σdx̂ − x̂·Σ(dx̂∘x̂)) per column, dx̂ = dOut ∘ gamma.
Grads backward(const xt::xtensor<double, 2>& dOut, const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
               double eps) {
  const double n = double(X.shape(0));
  const Stats s = stats(X, eps);
  const xt::xtensor<double, 2> dxhat = dOut * gamma;
  xt::xtensor<double, 2> inner = n * dxhat;
  inner = inner - xt::xtensor<double, 1>(xt::sum(dxhat, {0}));
  inner = inner - s.xhat * xt::xtensor<double, 1>(xt::sum(dxhat * s.xhat, {0}));
  Grads g;
  g.dX = inner * (s.istd / n);
  g.dgamma = xt::sum(dOut * s.xhat, {0});
  g.dbeta = xt::sum(dOut, {0});
  return g;
}

}  // namespace drill::batchnorm
