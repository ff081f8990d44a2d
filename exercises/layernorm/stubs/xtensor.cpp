// Layer normalization, forward and backward — xtensor flavor (NumPy-like). Target: 20 minutes.
// Implement the two functions below; `mldrill check` grades them in this order.
// Shapes: n samples (rows), d features. X is n × d; gamma and beta have d entries (1-D).
// As torch.nn.LayerNorm(d, eps), each row i is normalised over its own d features:
//   mu_i = mean_j X(i, j);  var_i = mean_j (X(i, j) − mu_i)²   (biased: divide by d)
//   out(i, j) = gamma(j) · (X(i, j) − mu_i) / sqrt(var_i + eps) + beta(j)   (eps inside the sqrt)
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// xtensor 0.24 trap: evaluate a keep_dims reducer into a tensor before it broadcasts
// (xt::xtensor<double, 2> mu = xt::mean(X, {1}, xt::keep_dims); then X - mu).
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

// dX: n × d; dgamma, dbeta: d.
struct Grads { xt::xtensor<double, 2> dX; xt::xtensor<double, 1> dgamma, dbeta; };

// out (n × d) as above. Any n ≥ 1, d ≥ 1: a constant row (variance 0, e.g. d = 1) gives
// out = beta, never NaN. Stable when |mean| ≫ std: subtract the mean before squaring.
xt::xtensor<double, 2> forward(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
                               const xt::xtensor<double, 1>& beta, double eps) {
  throw std::logic_error("not implemented: forward");
}

// Gradients of sum(forward(X, gamma, beta, eps) ∘ dOut) with respect to X, gamma and beta
// (beta does not enter them), written by hand. dOut is n × d; dgamma and dbeta are sums over
// the rows.
Grads backward(const xt::xtensor<double, 2>& dOut, const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& gamma,
               double eps) {
  throw std::logic_error("not implemented: backward");
}

}  // namespace drill::layernorm
