// expect: accepted
// Plain loops: Welford's running mean and variance per column, and a backward pass that writes
// the chain rule out (dvar, then dmu, then dX) instead of the collapsed formula.
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::batchnorm {

struct State { Eigen::RowVectorXd running_mean, running_var; };
struct Grads { Eigen::MatrixXd dX; Eigen::RowVectorXd dgamma, dbeta; };

// Welford over column j: its mean and its biased variance M2 / n.
void welford(const Eigen::MatrixXd& X, Eigen::Index j, double& mean, double& var) {
  mean = 0;
  double m2 = 0;
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    const double delta = X(i, j) - mean;
    mean += delta / double(i + 1);
    m2 += delta * (X(i, j) - mean);
  }
  var = m2 / double(X.rows());
}

Eigen::MatrixXd forward_train(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma,
                              const Eigen::RowVectorXd& beta, State& state, double momentum, double eps) {
  const Eigen::Index n = X.rows(), d = X.cols();
  if (n < 2) throw std::invalid_argument("training mode needs n >= 2");
  Eigen::MatrixXd out(n, d);
  for (Eigen::Index j = 0; j < d; ++j) {
    double mu, var;
    welford(X, j, mu, var);
    const double istd = 1.0 / std::sqrt(var + eps);
    for (Eigen::Index i = 0; i < n; ++i) out(i, j) = gamma(j) * (X(i, j) - mu) * istd + beta(j);
    state.running_mean(j) = (1 - momentum) * state.running_mean(j) + momentum * mu;
    state.running_var(j) = (1 - momentum) * state.running_var(j) + momentum * var * double(n) / double(n - 1);
  }
  return out;
}

Eigen::MatrixXd forward_eval(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma,
                             const Eigen::RowVectorXd& beta, const State& state, double eps) {
  Eigen::MatrixXd out(X.rows(), X.cols());
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const double istd = 1.0 / std::sqrt(state.running_var(j) + eps);
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      out(i, j) = gamma(j) * (X(i, j) - state.running_mean(j)) * istd + beta(j);
  }
  return out;
}

// Per column: dx̂ = dOut·gamma; dvar = Σ dx̂·(x − mu)·(−½)(var + eps)^(−3/2);
// dmu = −Σ dx̂·istd + dvar·Σ −2(x − mu)/n (= 0); dX = dx̂·istd + dvar·2(x − mu)/n + dmu/n.
Grads backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, double eps) {
  const Eigen::Index n = X.rows(), d = X.cols();
  Grads g{Eigen::MatrixXd(n, d), Eigen::RowVectorXd::Zero(d), Eigen::RowVectorXd::Zero(d)};
  for (Eigen::Index j = 0; j < d; ++j) {
    double mu, var;
    welford(X, j, mu, var);
    const double istd = 1.0 / std::sqrt(var + eps);
    double dvar = 0, dmu = 0, centred_sum = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double dxhat = dOut(i, j) * gamma(j);
      dvar += dxhat * (X(i, j) - mu) * -0.5 * istd * istd * istd;
      dmu -= dxhat * istd;
      centred_sum += X(i, j) - mu;
      g.dgamma(j) += dOut(i, j) * (X(i, j) - mu) * istd;
      g.dbeta(j) += dOut(i, j);
    }
    dmu += dvar * -2.0 * centred_sum / double(n);
    for (Eigen::Index i = 0; i < n; ++i)
      g.dX(i, j) = dOut(i, j) * gamma(j) * istd + dvar * 2.0 * (X(i, j) - mu) / double(n) + dmu / double(n);
  }
  return g;
}

}  // namespace drill::batchnorm
