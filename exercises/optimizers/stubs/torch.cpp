// SGD (momentum, Nesterov), RMSprop, Adam and AdamW, one step each — torch flavor (LibTorch,
// double precision). Target: 30 minutes.
// Implement the four functions below; `mldrill check` grades them in this order.
// Each performs ONE step of the named torch.optim algorithm on `param` (d entries) given its
// gradient `grad` (d), updating `param` and `state` in place. λ weight_decay, μ momentum,
// τ dampening, γ lr, t the step number (1 on the first call):
//   sgd:      g = grad + λ·param;  if μ != 0: b = (b empty) ? g : μ·b + (1 − τ)·g,
//             g = nesterov ? g + μ·b : b   (the NEW b);  param −= γ·g
//   rmsprop:  g = grad + λ·param;  v = α·v + (1 − α)·g²;  centered: ṽ = v − ḡ², ḡ = α·ḡ + (1 − α)·g;
//             denom = sqrt(ṽ) + ε;  μ > 0: b = μ·b + g / denom, param −= γ·b;  else param −= γ·g / denom
//   adam:     t = ++step;  g = grad + λ·param;  m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g²;
//             param −= γ · (m / (1 − β1^t)) / (sqrt(v / (1 − β2^t)) + ε)
//   adamw:    t = ++step;  param *= 1 − γ·λ;  then adam's update with g = grad
// The state arrives empty before a parameter's first step, and as you left it after: an empty
// buffer is an undefined tensor (test `!b.defined()`; a buffer you never create may stay so),
// then size the buffers you use like param, filled with ZEROS (torch::zeros_like(param)).
// Tensors arrive as torch::kFloat64 (1-D) and must stay kFloat64. param and the state are yours
// to update in place or to reassign; grad is shared, not copied: do not modify it (clone() first).
// Autograd is off, and torch::optim (every optimizer class, and the fused/foreach kernels
// behind them) is refused: write each step from mul, add, sqrt, addcmul, addcdiv.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::optimizers {

// Options and per-parameter state, PyTorch's names and defaults.
struct SGDOptions { double lr = 1e-3; double momentum = 0.0; double dampening = 0.0; double weight_decay = 0.0; bool nesterov = false; };
struct SGDState { torch::Tensor momentum_buffer; };  // b: empty until the first step with momentum != 0
struct RMSpropOptions { double lr = 1e-2; double alpha = 0.99; double eps = 1e-8; double weight_decay = 0.0; double momentum = 0.0; bool centered = false; };
struct RMSpropState { torch::Tensor square_avg, momentum_buffer, grad_avg; };  // empty until the first step
struct AdamOptions  { double lr = 1e-3; double beta1 = 0.9; double beta2 = 0.999; double eps = 1e-8; double weight_decay = 0.0; };
struct AdamWOptions { double lr = 1e-3; double beta1 = 0.9; double beta2 = 0.999; double eps = 1e-8; double weight_decay = 1e-2; };
struct AdamState { int step = 0; torch::Tensor exp_avg, exp_avg_sq; };  // step = t after the call; vectors empty before the first

// torch.optim.SGD: weight decay into g, momentum buffer b (b = g on its first step, no dampening), Nesterov look-ahead.
// Throws std::invalid_argument if grad.numel() != param.numel(), or nesterov with momentum <= 0 or dampening != 0.
void sgd_step(torch::Tensor& param, const torch::Tensor& grad, SGDState& state, const SGDOptions& opt) {
  throw std::logic_error("not implemented: sgd_step");
}

// torch.optim.RMSprop: square_avg = alpha·v + (1−alpha)·g²; divide by sqrt(v) + eps (eps OUTSIDE the root); no bias correction.
// Throws std::invalid_argument if grad.numel() != param.numel().
void rmsprop_step(torch::Tensor& param, const torch::Tensor& grad, RMSpropState& state, const RMSpropOptions& opt) {
  throw std::logic_error("not implemented: rmsprop_step");
}

// torch.optim.Adam: weight_decay is L2 (added to the gradient); bias-corrected moments; sqrt(v̂) + eps (eps OUTSIDE the root).
// Throws std::invalid_argument if grad.numel() != param.numel().
void adam_step(torch::Tensor& param, const torch::Tensor& grad, AdamState& state, const AdamOptions& opt) {
  throw std::logic_error("not implemented: adam_step");
}

// torch.optim.AdamW: decoupled decay param *= 1 − lr·weight_decay BEFORE the Adam update; the gradient is not decayed.
// Throws std::invalid_argument if grad.numel() != param.numel().
void adamw_step(torch::Tensor& param, const torch::Tensor& grad, AdamState& state, const AdamWOptions& opt) {
  throw std::logic_error("not implemented: adamw_step");
}

}  // namespace drill::optimizers
