// expect: accepted
// Vectorised: two-pass column statistics, the compact dX = istd/n · (n·dx̂ − Σdx̂ − x̂·Σdx̂∘x̂).
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::batchnorm {

struct State { Eigen::RowVectorXd running_mean, running_var; };
struct Grads { Eigen::MatrixXd dX; Eigen::RowVectorXd dgamma, dbeta; };

// Per column: the mean, the biased variance (two-pass), 1 / sqrt(var + eps) and x̂.
struct Stats { Eigen::RowVectorXd mu, var, istd; Eigen::ArrayXXd xhat; };

Stats stats(const Eigen::MatrixXd& X, double eps) {
  Stats s;
  const double n = double(X.rows());
  s.mu = X.colwise().mean();
  const Eigen::ArrayXXd c = (X.rowwise() - s.mu).array();
  s.var = (c.square().colwise().sum() / n).matrix();
  s.istd = (s.var.array() + eps).sqrt().inverse().matrix();
  s.xhat = c.rowwise() * s.istd.array();
  return s;
}

Eigen::MatrixXd forward_train(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma,
                              const Eigen::RowVectorXd& beta, State& state, double momentum, double eps) {
  const double n = double(X.rows());
  if (X.rows() < 2) throw std::invalid_argument("batchnorm: training needs at least 2 rows");
  const Stats s = stats(X, eps);
  state.running_mean = (1 - momentum) * state.running_mean + momentum * s.mu;
  state.running_var = (1 - momentum) * state.running_var + momentum * s.var * n / (n - 1);
  return ((s.xhat.rowwise() * gamma.array()).rowwise() + beta.array()).matrix();
}

Eigen::MatrixXd forward_eval(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma,
                             const Eigen::RowVectorXd& beta, const State& state, double eps) {
  const Eigen::ArrayXXd xhat =
      (X.rowwise() - state.running_mean).array().rowwise() / (state.running_var.array() + eps).sqrt();
  return ((xhat.rowwise() * gamma.array()).rowwise() + beta.array()).matrix();
}

// dX = istd/n · (n·dx̂ − Σdx̂ − x̂·Σ(dx̂∘x̂)) per column, dx̂ = dOut ∘ gamma.
Grads backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, double eps) {
  const double n = double(X.rows());
  const Stats s = stats(X, eps);
  const Eigen::ArrayXXd dxhat = dOut.array().rowwise() * gamma.array();
  Eigen::ArrayXXd inner = n * dxhat;
  inner.rowwise() -= dxhat.colwise().sum();
  inner -= s.xhat.rowwise() * (dxhat * s.xhat).colwise().sum();
  Grads g;
  g.dX = (inner.rowwise() * (s.istd.array() / n)).matrix();
  g.dgamma = (dOut.array() * s.xhat).colwise().sum().matrix();
  g.dbeta = dOut.colwise().sum();
  return g;
}

}  // namespace drill::batchnorm
