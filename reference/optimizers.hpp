// The optimizers contract (eigen flavor), exactly as the stub presents it: one step of
// torch.optim's SGD, RMSprop, Adam and AdamW on a parameter vector, state updated in place.
#pragma once
#include <Eigen/Dense>

namespace drill::optimizers {

// Options and per-parameter state, PyTorch's names and defaults.
struct SGDOptions { double lr = 1e-3; double momentum = 0.0; double dampening = 0.0; double weight_decay = 0.0; bool nesterov = false; };
struct SGDState { Eigen::VectorXd momentum_buffer; };  // b: empty until the first step with momentum != 0
struct RMSpropOptions { double lr = 1e-2; double alpha = 0.99; double eps = 1e-8; double weight_decay = 0.0; double momentum = 0.0; bool centered = false; };
struct RMSpropState { Eigen::VectorXd square_avg, momentum_buffer, grad_avg; };  // empty until the first step
struct AdamOptions  { double lr = 1e-3; double beta1 = 0.9; double beta2 = 0.999; double eps = 1e-8; double weight_decay = 0.0; };
struct AdamWOptions { double lr = 1e-3; double beta1 = 0.9; double beta2 = 0.999; double eps = 1e-8; double weight_decay = 1e-2; };
struct AdamState { int step = 0; Eigen::VectorXd exp_avg, exp_avg_sq; };  // step = t after the call; vectors empty before the first

void sgd_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, SGDState& state, const SGDOptions& opt);
void rmsprop_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, RMSpropState& state, const RMSpropOptions& opt);
void adam_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, AdamState& state, const AdamOptions& opt);
void adamw_step(Eigen::VectorXd& param, const Eigen::VectorXd& grad, AdamState& state, const AdamWOptions& opt);

}  // namespace drill::optimizers
