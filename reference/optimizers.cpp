// Reference optimizer steps: the answer key. Each is torch.optim's documented algorithm
// line by line (the oracle test checks the trajectories against LibTorch's torch::optim).
#include "optimizers.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace drill::optimizers {

namespace {

void check_sizes(const Eigen::VectorXd& param, const Eigen::VectorXd& grad, const char* fn) {
  if (grad.size() != param.size())
    throw std::invalid_argument(std::string(fn) + ": grad has " + std::to_string(grad.size()) + " entries, param " +
                                std::to_string(param.size()));
}

// PyTorch's lazy state: a buffer is created as zeros (of param's size) on its first use.
void zeros_if_empty(Eigen::VectorXd& v, Eigen::Index d) {
  if (v.size() == 0) v = Eigen::VectorXd::Zero(d);
}

// Adam's moments and bias-corrected update on the gradient g (L2 decay already in it, or not).
void adam_update(Eigen::VectorXd& param, const Eigen::VectorXd& g, AdamState& state, double lr, double beta1,
                 double beta2, double eps) {
  zeros_if_empty(state.exp_avg, param.size());
  zeros_if_empty(state.exp_avg_sq, param.size());
  const int t = state.step;  // already incremented by the caller: 1 on the first step
  state.exp_avg = beta1 * state.exp_avg + (1 - beta1) * g;
  state.exp_avg_sq = (beta2 * state.exp_avg_sq.array() + (1 - beta2) * g.array().square()).matrix();
  // m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t), in one pass (no d-sized temporaries).
  const auto m_hat = state.exp_avg.array() / (1 - std::pow(beta1, t));
  const auto v_hat = state.exp_avg_sq.array() / (1 - std::pow(beta2, t));
  param.array() -= lr * m_hat / (v_hat.sqrt() + eps);
}

}  // namespace

void sgd_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, SGDState& state, const SGDOptions& opt) {
  check_sizes(param, grad, "sgd_step");
  if (opt.nesterov && (opt.momentum <= 0 || opt.dampening != 0))
    throw std::invalid_argument("sgd_step: Nesterov momentum requires momentum > 0 and dampening = 0");
  Eigen::VectorXd g = grad;
  if (opt.weight_decay != 0) g += opt.weight_decay * param;
  if (opt.momentum != 0) {
    Eigen::VectorXd& b = state.momentum_buffer;
    if (b.size() == 0) b = g;  // the first buffer is a copy of g: no dampening
    else b = opt.momentum * b + (1 - opt.dampening) * g;
    g = opt.nesterov ? Eigen::VectorXd(g + opt.momentum * b) : b;
  }
  param -= opt.lr * g;
}

void rmsprop_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, RMSpropState& state,
                  const RMSpropOptions& opt) {
  check_sizes(param, grad, "rmsprop_step");
  const Eigen::Index d = param.size();
  Eigen::ArrayXd g = grad.array();
  if (opt.weight_decay != 0) g += opt.weight_decay * param.array();
  zeros_if_empty(state.square_avg, d);
  state.square_avg = (opt.alpha * state.square_avg.array() + (1 - opt.alpha) * g.square()).matrix();
  Eigen::ArrayXd v = state.square_avg.array();
  if (opt.centered) {
    zeros_if_empty(state.grad_avg, d);
    state.grad_avg = (opt.alpha * state.grad_avg.array() + (1 - opt.alpha) * g).matrix();
    v -= state.grad_avg.array().square();
  }
  const Eigen::ArrayXd denom = v.sqrt() + opt.eps;  // eps outside the root
  if (opt.momentum > 0) {
    zeros_if_empty(state.momentum_buffer, d);
    state.momentum_buffer = (opt.momentum * state.momentum_buffer.array() + g / denom).matrix();
    param -= opt.lr * state.momentum_buffer;
  } else {
    param.array() -= opt.lr * g / denom;
  }
}

void adam_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, AdamState& state, const AdamOptions& opt) {
  check_sizes(param, grad, "adam_step");
  ++state.step;
  // L2: through the moments, g formed in one pass.
  const Eigen::VectorXd g = opt.weight_decay != 0 ? Eigen::VectorXd(grad + opt.weight_decay * param) : grad;
  adam_update(param, g, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

void adamw_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, AdamState& state, const AdamWOptions& opt) {
  check_sizes(param, grad, "adamw_step");
  ++state.step;
  param *= 1 - opt.lr * opt.weight_decay;  // decoupled: the weights, not the gradient
  adam_update(param, grad, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

}  // namespace drill::optimizers
