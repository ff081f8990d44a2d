// expect: accepted
// In place, element by element through accessors; Adam in LibTorch's order (sqrt(v)/sqrt(1 − β2^t) + eps).
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

static bool empty(const torch::Tensor& t) { return !t.defined() || t.numel() == 0; }
static torch::Tensor zeros(const torch::Tensor& like) { return torch::zeros({like.numel()}, torch::kFloat64); }

void sgd_step(torch::Tensor& param, const torch::Tensor& grad, SGDState& state, const SGDOptions& opt) {
  if (grad.numel() != param.numel()) throw std::invalid_argument("size");
  if (opt.nesterov && (opt.momentum <= 0 || opt.dampening != 0)) throw std::invalid_argument("nesterov");
  const bool first = empty(state.momentum_buffer);
  if (opt.momentum != 0 && first) state.momentum_buffer = zeros(param);
  auto p = param.accessor<double, 1>();
  auto gr = grad.accessor<double, 1>();
  for (int64_t i = 0; i < param.numel(); ++i) {
    double g = gr[i] + opt.weight_decay * p[i];
    if (opt.momentum != 0) {
      double& b = state.momentum_buffer.accessor<double, 1>()[i];
      b = first ? g : opt.momentum * b + (1 - opt.dampening) * g;
      g = opt.nesterov ? g + opt.momentum * b : b;
    }
    p[i] -= opt.lr * g;
  }
}

void rmsprop_step(torch::Tensor& param, const torch::Tensor& grad, RMSpropState& state, const RMSpropOptions& opt) {
  if (grad.numel() != param.numel()) throw std::invalid_argument("size");
  if (empty(state.square_avg)) state.square_avg = zeros(param);
  if (opt.centered && empty(state.grad_avg)) state.grad_avg = zeros(param);
  if (opt.momentum > 0 && empty(state.momentum_buffer)) state.momentum_buffer = zeros(param);
  auto p = param.accessor<double, 1>();
  auto gr = grad.accessor<double, 1>();
  auto v = state.square_avg.accessor<double, 1>();
  for (int64_t i = 0; i < param.numel(); ++i) {
    const double g = gr[i] + opt.weight_decay * p[i];
    v[i] = opt.alpha * v[i] + (1 - opt.alpha) * g * g;
    double var = v[i];
    if (opt.centered) {
      double& gbar = state.grad_avg.accessor<double, 1>()[i];
      gbar = opt.alpha * gbar + (1 - opt.alpha) * g;
      var -= gbar * gbar;
    }
    const double denom = std::sqrt(var) + opt.eps;
    if (opt.momentum > 0) {
      double& b = state.momentum_buffer.accessor<double, 1>()[i];
      b = opt.momentum * b + g / denom;
      p[i] -= opt.lr * b;
    } else {
      p[i] -= opt.lr * g / denom;
    }
  }
}

static void adam_loop(torch::Tensor& param, const torch::Tensor& grad, AdamState& s, double lr, double b1, double b2,
                      double eps, double l2) {
  if (empty(s.exp_avg)) s.exp_avg = zeros(param);
  if (empty(s.exp_avg_sq)) s.exp_avg_sq = zeros(param);
  const double c1 = 1 - std::pow(b1, s.step), c2 = 1 - std::pow(b2, s.step);
  auto p = param.accessor<double, 1>();
  auto gr = grad.accessor<double, 1>();
  auto m = s.exp_avg.accessor<double, 1>();
  auto v = s.exp_avg_sq.accessor<double, 1>();
  for (int64_t i = 0; i < param.numel(); ++i) {
    const double g = gr[i] + l2 * p[i];
    m[i] = b1 * m[i] + (1 - b1) * g;
    v[i] = b2 * v[i] + (1 - b2) * g * g;
    p[i] -= (lr / c1) * m[i] / (std::sqrt(v[i]) / std::sqrt(c2) + eps);
  }
}

void adam_step(torch::Tensor& param, const torch::Tensor& grad, AdamState& state, const AdamOptions& opt) {
  if (grad.numel() != param.numel()) throw std::invalid_argument("size");
  state.step += 1;
  adam_loop(param, grad, state, opt.lr, opt.beta1, opt.beta2, opt.eps, opt.weight_decay);
}

void adamw_step(torch::Tensor& param, const torch::Tensor& grad, AdamState& state, const AdamWOptions& opt) {
  if (grad.numel() != param.numel()) throw std::invalid_argument("size");
  state.step += 1;
  auto p = param.accessor<double, 1>();
  for (int64_t i = 0; i < param.numel(); ++i) p[i] *= 1 - opt.lr * opt.weight_decay;
  adam_loop(param, grad, state, opt.lr, opt.beta1, opt.beta2, opt.eps, 0.0);
}

}  // namespace drill::optimizers
