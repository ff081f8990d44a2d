// Reference optimizer steps in the torch flavor: graded as a candidate (must be accepted),
// written as LibTorch's own torch::optim does them (in-place mul_, add_, addcmul_, addcdiv_),
// the state created as zeros like param on first use (torch::optim itself is refused).
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

// A state vector before its first step is an undefined tensor (the contract's "empty").
bool empty(const torch::Tensor& t) { return !t.defined(); }

void check_sizes(const torch::Tensor& param, const torch::Tensor& grad) {
  if (grad.numel() != param.numel()) throw std::invalid_argument("grad and param differ in size");
}

void sgd_step(torch::Tensor& param, const torch::Tensor& grad, SGDState& state, const SGDOptions& opt) {
  check_sizes(param, grad);
  if (opt.nesterov && (opt.momentum <= 0 || opt.dampening != 0))
    throw std::invalid_argument("Nesterov momentum requires momentum > 0 and dampening = 0");
  torch::Tensor g = opt.weight_decay != 0 ? grad.add(param, opt.weight_decay) : grad;
  if (opt.momentum != 0) {
    torch::Tensor& b = state.momentum_buffer;
    if (empty(b)) b = g.clone();  // a copy of g on the first step
    else b.mul_(opt.momentum).add_(g, 1 - opt.dampening);
    g = opt.nesterov ? g.add(b, opt.momentum) : b;
  }
  param.add_(g, -opt.lr);
}

void rmsprop_step(torch::Tensor& param, const torch::Tensor& grad, RMSpropState& state, const RMSpropOptions& opt) {
  check_sizes(param, grad);
  const torch::Tensor g = opt.weight_decay != 0 ? grad.add(param, opt.weight_decay) : grad;
  if (empty(state.square_avg)) state.square_avg = torch::zeros_like(param);
  state.square_avg.mul_(opt.alpha).addcmul_(g, g, 1 - opt.alpha);
  torch::Tensor denom;
  if (opt.centered) {
    if (empty(state.grad_avg)) state.grad_avg = torch::zeros_like(param);
    state.grad_avg.mul_(opt.alpha).add_(g, 1 - opt.alpha);
    denom = state.square_avg.addcmul(state.grad_avg, state.grad_avg, -1).sqrt_().add_(opt.eps);
  } else {
    denom = state.square_avg.sqrt().add_(opt.eps);
  }
  if (opt.momentum > 0) {
    if (empty(state.momentum_buffer)) state.momentum_buffer = torch::zeros_like(param);
    state.momentum_buffer.mul_(opt.momentum).addcdiv_(g, denom);
    param.add_(state.momentum_buffer, -opt.lr);
  } else {
    param.addcdiv_(g, denom, -opt.lr);
  }
}

// LibTorch's order: denom = sqrt(v) / sqrt(1 − β2^t) + eps, step size lr / (1 − β1^t).
void adam_update(torch::Tensor& param, const torch::Tensor& g, AdamState& state, double lr, double beta1,
                 double beta2, double eps) {
  if (empty(state.exp_avg)) state.exp_avg = torch::zeros_like(param);
  if (empty(state.exp_avg_sq)) state.exp_avg_sq = torch::zeros_like(param);
  const double c1 = 1 - std::pow(beta1, state.step), c2 = 1 - std::pow(beta2, state.step);
  state.exp_avg.mul_(beta1).add_(g, 1 - beta1);
  state.exp_avg_sq.mul_(beta2).addcmul_(g, g, 1 - beta2);
  const torch::Tensor denom = (state.exp_avg_sq.sqrt() / std::sqrt(c2)).add_(eps);
  param.addcdiv_(state.exp_avg, denom, -lr / c1);
}

void adam_step(torch::Tensor& param, const torch::Tensor& grad, AdamState& state, const AdamOptions& opt) {
  check_sizes(param, grad);
  ++state.step;
  adam_update(param, opt.weight_decay != 0 ? grad.add(param, opt.weight_decay) : grad, state, opt.lr, opt.beta1,
              opt.beta2, opt.eps);
}

void adamw_step(torch::Tensor& param, const torch::Tensor& grad, AdamState& state, const AdamWOptions& opt) {
  check_sizes(param, grad);
  ++state.step;
  param.mul_(1 - opt.lr * opt.weight_decay);
  adam_update(param, grad, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

}  // namespace drill::optimizers
