// expect: wrong_answer
// case: rmsprop(quadratic/1000,lr=0.01,alpha=0.9,eps=0.001,steps=60)
// message: ε goes outside the root: sqrt(v̂) + ε (PyTorch)
// RMSprop divides by sqrt(v + eps) (Keras's habit).
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

static void need_same_size(const Vec& p, const Vec& g) {
  if (p.size() != g.size()) throw std::invalid_argument("grad and param differ in size");
}

// PyTorch's lazy state: zeros like param on first use.
static void init(Vec& v, const Vec& param) {
  if (v.size() == 0) v = xt::zeros_like(param);
}

void sgd_step(Vec& param, const Vec& grad, SGDState& state, const SGDOptions& opt) {
  need_same_size(param, grad);
  if (opt.nesterov && (opt.momentum <= 0 || opt.dampening != 0)) throw std::invalid_argument("nesterov");
  Vec g = grad + opt.weight_decay * param;
  if (opt.momentum != 0) {
    Vec& b = state.momentum_buffer;
    if (b.size() == 0) b = g;
    else b = opt.momentum * b + (1 - opt.dampening) * g;
    if (opt.nesterov) g = g + opt.momentum * b;
    else g = b;
  }
  param = param - opt.lr * g;
}

void rmsprop_step(Vec& param, const Vec& grad, RMSpropState& state, const RMSpropOptions& opt) {
  need_same_size(param, grad);
  const Vec g = grad + opt.weight_decay * param;
  init(state.square_avg, param);
  state.square_avg = opt.alpha * state.square_avg + (1 - opt.alpha) * xt::square(g);
  Vec v = state.square_avg;
  if (opt.centered) {
    init(state.grad_avg, param);
    state.grad_avg = opt.alpha * state.grad_avg + (1 - opt.alpha) * g;
    v = v - xt::square(state.grad_avg);
  }
  const Vec denom = xt::sqrt(v + opt.eps);
  if (opt.momentum > 0) {
    init(state.momentum_buffer, param);
    state.momentum_buffer = opt.momentum * state.momentum_buffer + g / denom;
    param = param - opt.lr * state.momentum_buffer;
  } else {
    param = param - opt.lr * g / denom;
  }
}

// LibTorch's order: denom = sqrt(v) / sqrt(1 − β2^t) + eps, step size lr / (1 − β1^t).
static void adam_update(Vec& param, const Vec& g, AdamState& state, double lr, double beta1, double beta2,
                        double eps) {
  init(state.exp_avg, param);
  init(state.exp_avg_sq, param);
  const int t = state.step;
  state.exp_avg = beta1 * state.exp_avg + (1 - beta1) * g;
  state.exp_avg_sq = beta2 * state.exp_avg_sq + (1 - beta2) * g * g;
  const double c1 = 1 - std::pow(beta1, t), c2 = 1 - std::pow(beta2, t);
  const Vec denom = xt::sqrt(state.exp_avg_sq) / std::sqrt(c2) + eps;
  param = param - (lr / c1) * state.exp_avg / denom;
}

void adam_step(Vec& param, const Vec& grad, AdamState& state, const AdamOptions& opt) {
  need_same_size(param, grad);
  ++state.step;
  adam_update(param, grad + opt.weight_decay * param, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

void adamw_step(Vec& param, const Vec& grad, AdamState& state, const AdamWOptions& opt) {
  need_same_size(param, grad);
  ++state.step;
  param = param * (1 - opt.lr * opt.weight_decay);
  adam_update(param, grad, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

}  // namespace drill::optimizers
