// expect: accepted
// Whole-vector Eigen expressions; Adam in LibTorch's order (sqrt(v)/sqrt(1 − β2^t) + eps, step lr/(1 − β1^t)).
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

static void need_same_size(const Eigen::VectorXd& p, const Eigen::VectorXd& g) {
  if (p.size() != g.size()) throw std::invalid_argument("grad and param differ in size");
}

// PyTorch's lazy state: zeros of param's size on first use.
static void init(Eigen::VectorXd& v, Eigen::Index d) {
  if (v.size() == 0) v = Eigen::VectorXd::Zero(d);
}

void sgd_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, SGDState& state, const SGDOptions& opt) {
  need_same_size(param, grad);
  if (opt.nesterov && (opt.momentum <= 0 || opt.dampening != 0)) throw std::invalid_argument("nesterov");
  Eigen::VectorXd g = grad + opt.weight_decay * param;
  if (opt.momentum != 0) {
    Eigen::VectorXd& b = state.momentum_buffer;
    if (b.size() == 0) b = g;
    else b = opt.momentum * b + (1 - opt.dampening) * g;
    g = opt.nesterov ? Eigen::VectorXd(g + opt.momentum * b) : b;
  }
  param -= opt.lr * g;
}

void rmsprop_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, RMSpropState& state, const RMSpropOptions& opt) {
  need_same_size(param, grad);
  const Eigen::ArrayXd g = grad.array() + opt.weight_decay * param.array();
  init(state.square_avg, param.size());
  state.square_avg = (opt.alpha * state.square_avg.array() + (1 - opt.alpha) * g.square()).matrix();
  Eigen::ArrayXd v = state.square_avg.array();
  if (opt.centered) {
    init(state.grad_avg, param.size());
    state.grad_avg = (opt.alpha * state.grad_avg.array() + (1 - opt.alpha) * g).matrix();
    v -= state.grad_avg.array().square();
  }
  const Eigen::ArrayXd denom = v.sqrt() + opt.eps;
  if (opt.momentum > 0) {
    init(state.momentum_buffer, param.size());
    state.momentum_buffer = (opt.momentum * state.momentum_buffer.array() + g / denom).matrix();
    param -= opt.lr * state.momentum_buffer;
  } else {
    param.array() -= opt.lr * g / denom;
  }
}

// LibTorch's order: denom = sqrt(v) / sqrt(1 − β2^t) + eps, step size lr / (1 − β1^t).
static void adam_update(Eigen::VectorXd& param, const Eigen::VectorXd& g, AdamState& state, double lr, double beta1,
                        double beta2, double eps) {
  init(state.exp_avg, param.size());
  init(state.exp_avg_sq, param.size());
  const int t = state.step;
  state.exp_avg = beta1 * state.exp_avg + (1 - beta1) * g;
  state.exp_avg_sq = (beta2 * state.exp_avg_sq.array() + (1 - beta2) * g.array().square()).matrix();
  const double c1 = 1 - std::pow(beta1, t), c2 = 1 - std::pow(beta2, t);
  const Eigen::ArrayXd denom = state.exp_avg_sq.array().sqrt() / std::sqrt(c2) + eps;
  param.array() -= (lr / c1) * state.exp_avg.array() / denom;
}

void adam_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, AdamState& state, const AdamOptions& opt) {
  need_same_size(param, grad);
  ++state.step;
  adam_update(param, grad + opt.weight_decay * param, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

void adamw_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, AdamState& state, const AdamWOptions& opt) {
  need_same_size(param, grad);
  ++state.step;
  param *= 1 - opt.lr * opt.weight_decay;
  adam_update(param, grad, state, opt.lr, opt.beta1, opt.beta2, opt.eps);
}

}  // namespace drill::optimizers
