// Reference batch normalization: the answer key. Two-pass column statistics (the mean first,
// then the mean square of the centred column), so |mean| ≫ std loses nothing to cancellation.
#include "batchnorm.hpp"

#include <cmath>
#include <stdexcept>

namespace drill::batchnorm {

namespace {
// Per column: x̂ = (X − mu) · istd, mu, the biased variance and istd = 1 / sqrt(var + eps).
struct Normalised {
  Eigen::MatrixXd xhat;
  Eigen::RowVectorXd mu, var, istd;
};

Normalised normalise(const Eigen::MatrixXd& X, double eps) {
  Normalised s;
  s.mu = X.colwise().mean();
  const Eigen::MatrixXd centred = X.rowwise() - s.mu;
  s.var = centred.array().square().colwise().mean().matrix();
  s.istd = (s.var.array() + eps).rsqrt().matrix();
  s.xhat = (centred.array().rowwise() * s.istd.array()).matrix();
  return s;
}

Eigen::MatrixXd affine(const Eigen::MatrixXd& xhat, const Eigen::RowVectorXd& gamma, const Eigen::RowVectorXd& beta) {
  return ((xhat.array().rowwise() * gamma.array()).rowwise() + beta.array()).matrix();
}
}  // namespace

Eigen::MatrixXd forward_train(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma,
                              const Eigen::RowVectorXd& beta, State& state, double momentum, double eps) {
  const Eigen::Index n = X.rows();
  if (n < 2) throw std::invalid_argument("batchnorm: expected more than 1 value per channel when training");
  const Normalised s = normalise(X, eps);
  // PyTorch's momentum weighs the new batch; running_var is fed the unbiased variance.
  state.running_mean = (1 - momentum) * state.running_mean + momentum * s.mu;
  state.running_var = (1 - momentum) * state.running_var + momentum * s.var * (double(n) / double(n - 1));
  return affine(s.xhat, gamma, beta);
}

Eigen::MatrixXd forward_eval(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma,
                             const Eigen::RowVectorXd& beta, const State& state, double eps) {
  const Eigen::RowVectorXd istd = (state.running_var.array() + eps).rsqrt().matrix();
  const Eigen::MatrixXd xhat = ((X.rowwise() - state.running_mean).array().rowwise() * istd.array()).matrix();
  return affine(xhat, gamma, beta);
}

// With dx̂ = dOut ∘ gamma, per column: dX = istd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ∘ x̂)), the
// chain rule through x̂, the batch mean and the batch variance, collapsed.
Grads backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, double eps) {
  const Normalised s = normalise(X, eps);
  const Eigen::ArrayXXd dxhat = dOut.array().rowwise() * gamma.array();
  const Eigen::RowVectorXd mean_dxhat = dxhat.colwise().mean().matrix();
  const Eigen::RowVectorXd mean_dxhat_xhat = (dxhat * s.xhat.array()).colwise().mean().matrix();
  Grads g;
  g.dX = (((dxhat.rowwise() - mean_dxhat.array()) - s.xhat.array().rowwise() * mean_dxhat_xhat.array()).rowwise() *
          s.istd.array())
             .matrix();
  g.dgamma = (dOut.array() * s.xhat.array()).colwise().sum().matrix();
  g.dbeta = dOut.colwise().sum();
  return g;
}

}  // namespace drill::batchnorm
