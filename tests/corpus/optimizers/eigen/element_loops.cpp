// expect: accepted
// Element by element, one loop per step; Adam with m̂ and v̂ formed explicitly.
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::optimizers {

struct SGDOptions { double lr = 1e-3; double momentum = 0.0; double dampening = 0.0; double weight_decay = 0.0; bool nesterov = false; };
struct SGDState { Eigen::VectorXd momentum_buffer; };
struct RMSpropOptions { double lr = 1e-2; double alpha = 0.99; double eps = 1e-8; double weight_decay = 0.0; double momentum = 0.0; bool centered = false; };
struct RMSpropState { Eigen::VectorXd square_avg, momentum_buffer, grad_avg; };
struct AdamOptions  { double lr = 1e-3; double beta1 = 0.9; double beta2 = 0.999; double eps = 1e-8; double weight_decay = 0.0; };
struct AdamWOptions { double lr = 1e-3; double beta1 = 0.9; double beta2 = 0.999; double eps = 1e-8; double weight_decay = 1e-2; };
struct AdamState { int step = 0; Eigen::VectorXd exp_avg, exp_avg_sq; };

void sgd_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, SGDState& state, const SGDOptions& opt) {
  if (grad.size() != param.size()) throw std::invalid_argument("size");
  if (opt.nesterov && (opt.momentum <= 0 || opt.dampening != 0)) throw std::invalid_argument("nesterov");
  const bool first = state.momentum_buffer.size() == 0;
  if (opt.momentum != 0 && first) state.momentum_buffer.setZero(param.size());
  for (Eigen::Index i = 0; i < param.size(); ++i) {
    double g = grad[i] + opt.weight_decay * param[i];
    if (opt.momentum != 0) {
      double& b = state.momentum_buffer[i];
      b = first ? g : opt.momentum * b + (1 - opt.dampening) * g;
      g = opt.nesterov ? g + opt.momentum * b : b;
    }
    param[i] -= opt.lr * g;
  }
}

void rmsprop_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, RMSpropState& state, const RMSpropOptions& opt) {
  if (grad.size() != param.size()) throw std::invalid_argument("size");
  const Eigen::Index d = param.size();
  if (state.square_avg.size() == 0) state.square_avg.setZero(d);
  if (opt.centered && state.grad_avg.size() == 0) state.grad_avg.setZero(d);
  if (opt.momentum > 0 && state.momentum_buffer.size() == 0) state.momentum_buffer.setZero(d);
  for (Eigen::Index i = 0; i < d; ++i) {
    const double g = grad[i] + opt.weight_decay * param[i];
    double& v = state.square_avg[i];
    v = opt.alpha * v + (1 - opt.alpha) * g * g;
    double var = v;
    if (opt.centered) {
      double& gbar = state.grad_avg[i];
      gbar = opt.alpha * gbar + (1 - opt.alpha) * g;
      var -= gbar * gbar;
    }
    const double denom = std::sqrt(var) + opt.eps;
    if (opt.momentum > 0) {
      double& b = state.momentum_buffer[i];
      b = opt.momentum * b + g / denom;
      param[i] -= opt.lr * b;
    } else {
      param[i] -= opt.lr * g / denom;
    }
  }
}

// One Adam step on entry i's moments, after the step count was incremented.
static void adam_loop(Eigen::VectorXd& param, const Eigen::VectorXd& grad, AdamState& s, double lr, double b1,
                      double b2, double eps, double l2) {
  if (s.exp_avg.size() == 0) s.exp_avg.setZero(param.size());
  if (s.exp_avg_sq.size() == 0) s.exp_avg_sq.setZero(param.size());
  const double c1 = 1 - std::pow(b1, s.step), c2 = 1 - std::pow(b2, s.step);
  for (Eigen::Index i = 0; i < param.size(); ++i) {
    const double g = grad[i] + l2 * param[i];
    s.exp_avg[i] = b1 * s.exp_avg[i] + (1 - b1) * g;
    s.exp_avg_sq[i] = b2 * s.exp_avg_sq[i] + (1 - b2) * g * g;
    const double m_hat = s.exp_avg[i] / c1, v_hat = s.exp_avg_sq[i] / c2;
    param[i] -= lr * m_hat / (std::sqrt(v_hat) + eps);
  }
}

void adam_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, AdamState& state, const AdamOptions& opt) {
  if (grad.size() != param.size()) throw std::invalid_argument("size");
  state.step += 1;
  adam_loop(param, grad, state, opt.lr, opt.beta1, opt.beta2, opt.eps, opt.weight_decay);
}

void adamw_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, AdamState& state, const AdamWOptions& opt) {
  if (grad.size() != param.size()) throw std::invalid_argument("size");
  state.step += 1;
  for (Eigen::Index i = 0; i < param.size(); ++i) param[i] *= 1 - opt.lr * opt.weight_decay;
  adam_loop(param, grad, state, opt.lr, opt.beta1, opt.beta2, opt.eps, 0.0);
}

}  // namespace drill::optimizers
