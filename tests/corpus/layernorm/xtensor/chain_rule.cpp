// expect: accepted
// NumPy-style xtensor with the backward pass written out through var and mu (dvar, dmu).
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

struct Grads { xt::xtensor<double, 2> dX; xt::xtensor<double, 1> dgamma, dbeta; };

// Row statistics as NumPy would: mu = X.mean(1, keepdims), var = ((X - mu)**2).mean(1, keepdims).
struct Stats { xt::xtensor<double, 2> centred, var, istd; };

Stats stats(const xt::xtensor<double, 2>& X, double eps) {
  const xt::xtensor<double, 2> mu = xt::mean(X, {1}, xt::keep_dims);
  const xt::xtensor<double, 2> centred = X - mu;
  const xt::xtensor<double, 2> var = xt::mean(centred * centred, {1}, xt::keep_dims);
  const xt::xtensor<double, 2> istd = 1.0 / xt::sqrt(var + eps);
  return {centred, var, istd};
}

xt::xtensor<double, 2> forward(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
                               const xt::xtensor<double, 1>& beta, double eps) {
  const Stats s = stats(X, eps);
  return s.centred * s.istd * gamma + beta;
}

// The chain rule written out, as in the CS231n notes: through x̂, then var, then mu.
Grads backward(const xt::xtensor<double, 2>& dOut, const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
               double eps) {
  const Stats s = stats(X, eps);
  const double d = double(X.shape(1));
  const xt::xtensor<double, 2> xhat = s.centred * s.istd;
  const xt::xtensor<double, 2> dxhat = dOut * gamma;
  const xt::xtensor<double, 2> dvar =
      xt::sum(dxhat * s.centred, {1}, xt::keep_dims) * (-0.5) * s.istd * s.istd * s.istd;
  const xt::xtensor<double, 2> dmu =
      -xt::sum(dxhat, {1}, xt::keep_dims) * s.istd - 2.0 * dvar * xt::mean(s.centred, {1}, xt::keep_dims);
  Grads g;
  g.dX = dxhat * s.istd + dvar * 2.0 * s.centred / d + dmu / d;
  g.dgamma = xt::sum(dOut * xhat, {0});
  g.dbeta = xt::sum(dOut, {0});
  return g;
}

}  // namespace drill::layernorm
