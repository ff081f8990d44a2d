// expect: wrong_answer
// case: sgd(quadratic,lr=0.01,momentum=0.9,steps=60)
// message: momentum_buffer holds b = μb + g, not −lr·b (same parameters, different state)
// The CS231n velocity v = μv − lr·g, param += v, stored as the buffer.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::optimizers {

struct SGDOptions { double lr = 1e-3; double momentum = 0.0; double dampening = 0.0; double weight_decay = 0.0; bool nesterov = false; };
struct SGDState { torch::Tensor momentum_buffer; };
struct RMSpropOptions { double lr = 1e-2; double alpha = 0.99; double eps = 1e-8; double weight_decay = 0.0; double momentum = 0.0; bool centered = false; };
struct RMSpropState { torch::Tensor square_avg, momentum_buffer, grad_avg; };
struct AdamOptions  { double lr = 1e-3; double beta1 = 0.9; double beta2 = 0.999; double eps = 1e-8; double weight_decay = 0.0; };
struct AdamWOptions { double lr = 1e-3; double beta1 = 0.9; double beta2 = 0.999; double eps = 1e-8; double weight_decay = 1e-2; };
struct AdamState { int step = 0; torch::Tensor exp_avg, exp_avg_sq; };

static void need_same_size(const torch::Tensor& p, const torch::Tensor& g) {
  if (p.numel() != g.numel()) throw std::invalid_argument("grad and param differ in size");
}

// An empty (undefined) buffer: zeros like param on first use.
static void init(torch::Tensor& v, const torch::Tensor& param) {
  if (!v.defined() || v.numel() == 0) v = torch::zeros_like(param);
}

void sgd_step(torch::Tensor& param, const torch::Tensor& grad, SGDState& state, const SGDOptions& opt) {
  need_same_size(param, grad);
  if (opt.nesterov && (opt.momentum <= 0 || opt.dampening != 0)) throw std::invalid_argument("nesterov");
  torch::Tensor g = grad + opt.weight_decay * param;
  if (opt.momentum != 0) {
    torch::Tensor& v = state.momentum_buffer;
    init(v, param);
    v = opt.momentum * v - opt.lr * g;
    param = param + v;
    return;
  }
  param = param - opt.lr * g;
}

void rmsprop_step(torch::Tensor& param, const torch::Tensor& grad, RMSpropState& state, const RMSpropOptions& opt) {
  need_same_size(param, grad);
  const torch::Tensor g = grad + opt.weight_decay * param;
  init(state.square_avg, param);
  state.square_avg = opt.alpha * state.square_avg + (1 - opt.alpha) * g * g;
  torch::Tensor v = state.square_avg;
  if (opt.centered) {
    init(state.grad_avg, param);
    state.grad_avg = opt.alpha * state.grad_avg + (1 - opt.alpha) * g;
    v = v - state.grad_avg * state.grad_avg;
  }
  const torch::Tensor denom = torch::sqrt(v) + opt.eps;
  if (opt.momentum > 0) {
    init(state.momentum_buffer, param);
    state.momentum_buffer = opt.momentum * state.momentum_buffer + g / denom;
    param = param - opt.lr * state.momentum_buffer;
  } else {
    param = param - opt.lr * g / denom;
  }
}

// m̂ and v̂ formed explicitly, out-of-place.
static void adam_update(torch::Tensor& param, const torch::Tensor& g, AdamState& state, double lr, double beta1,
                        double beta2, double eps) {
  init(state.exp_avg, param);
  init(state.exp_avg_sq, param);
  const int t = state.step;
  state.exp_avg = beta1 * state.exp_avg + (1 - beta1) * g;
  state.exp_avg_sq = beta2 * state.exp_avg_sq + (1 - beta2) * g * g;
  const double c1 = 1 - std::pow(beta1, t), c2 = 1 - std::pow(beta2, t);
  const torch::Tensor m_hat = state.exp_avg / c1, v_hat = state.exp_avg_sq / c2;
  param = param - lr * m_hat / (torch::sqrt(v_hat) + eps);
}

void adam_step(torch::Tensor& param, const torch::Tensor& grad, AdamState& state, const AdamOptions& opt) {
  need_same_size(param, grad);
  ++state.step;
  adam_update(param, grad + opt.weight_decay * param, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

void adamw_step(torch::Tensor& param, const torch::Tensor& grad, AdamState& state, const AdamWOptions& opt) {
  need_same_size(param, grad);
  ++state.step;
  param = param * (1 - opt.lr * opt.weight_decay);
  adam_update(param, grad, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

}  // namespace drill::optimizers
