// Reference optimizer steps in the xtensor flavor: graded as a candidate (must be accepted),
// written the NumPy way, whole-vector expressions, the state created as zeros on first use.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::optimizers {

struct SGDOptions { double lr = 1e-3; double momentum = 0.0; double dampening = 0.0; double weight_decay = 0.0; bool nesterov = false; };
struct SGDState { xt::xtensor<double, 1> momentum_buffer; };
struct RMSpropOptions { double lr = 1e-2; double alpha = 0.99; double eps = 1e-8; double weight_decay = 0.0; double momentum = 0.0; bool centered = false; };
struct RMSpropState { xt::xtensor<double, 1> square_avg, momentum_buffer, grad_avg; };
struct AdamOptions  { double lr = 1e-3; double beta1 = 0.9; double beta2 = 0.999; double eps = 1e-8; double weight_decay = 0.0; };
struct AdamWOptions { double lr = 1e-3; double beta1 = 0.9; double beta2 = 0.999; double eps = 1e-8; double weight_decay = 1e-2; };
struct AdamState { int step = 0; xt::xtensor<double, 1> exp_avg, exp_avg_sq; };

using Vec = xt::xtensor<double, 1>;

void check_sizes(const Vec& param, const Vec& grad) {
  if (grad.size() != param.size()) throw std::invalid_argument("grad and param differ in size");
}

// PyTorch's lazy state: zeros like param on first use.
void zeros_if_empty(Vec& v, const Vec& param) {
  if (v.size() == 0) v = xt::zeros_like(param);
}

void sgd_step(Vec& param, const Vec& grad, SGDState& state, const SGDOptions& opt) {
  check_sizes(param, grad);
  if (opt.nesterov && (opt.momentum <= 0 || opt.dampening != 0))
    throw std::invalid_argument("Nesterov momentum requires momentum > 0 and dampening = 0");
  Vec g = grad + opt.weight_decay * param;
  if (opt.momentum != 0) {
    Vec& b = state.momentum_buffer;
    if (b.size() == 0) b = g;  // a copy of g on the first step
    else b = opt.momentum * b + (1 - opt.dampening) * g;
    if (opt.nesterov) g = g + opt.momentum * b;
    else g = b;
  }
  param -= opt.lr * g;
}

void rmsprop_step(Vec& param, const Vec& grad, RMSpropState& state, const RMSpropOptions& opt) {
  check_sizes(param, grad);
  const Vec g = grad + opt.weight_decay * param;
  zeros_if_empty(state.square_avg, param);
  state.square_avg = opt.alpha * state.square_avg + (1 - opt.alpha) * g * g;
  Vec v = state.square_avg;
  if (opt.centered) {
    zeros_if_empty(state.grad_avg, param);
    state.grad_avg = opt.alpha * state.grad_avg + (1 - opt.alpha) * g;
    v = v - state.grad_avg * state.grad_avg;
  }
  const Vec denom = xt::sqrt(v) + opt.eps;
  if (opt.momentum > 0) {
    zeros_if_empty(state.momentum_buffer, param);
    state.momentum_buffer = opt.momentum * state.momentum_buffer + g / denom;
    param -= opt.lr * state.momentum_buffer;
  } else {
    param -= opt.lr * g / denom;
  }
}

// Moments and the bias-corrected update, after step was incremented.
void adam_update(Vec& param, const Vec& g, AdamState& state, double lr, double beta1, double beta2, double eps) {
  zeros_if_empty(state.exp_avg, param);
  zeros_if_empty(state.exp_avg_sq, param);
  state.exp_avg = beta1 * state.exp_avg + (1 - beta1) * g;
  state.exp_avg_sq = beta2 * state.exp_avg_sq + (1 - beta2) * g * g;
  const Vec m_hat = state.exp_avg / (1 - std::pow(beta1, state.step));
  const Vec v_hat = state.exp_avg_sq / (1 - std::pow(beta2, state.step));
  param -= lr * m_hat / (xt::sqrt(v_hat) + eps);
}

void adam_step(Vec& param, const Vec& grad, AdamState& state, const AdamOptions& opt) {
  check_sizes(param, grad);
  ++state.step;
  adam_update(param, grad + opt.weight_decay * param, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

void adamw_step(Vec& param, const Vec& grad, AdamState& state, const AdamWOptions& opt) {
  check_sizes(param, grad);
  ++state.step;
  param *= 1 - opt.lr * opt.weight_decay;
  adam_update(param, grad, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

}  // namespace drill::optimizers
