// expect: accepted
// Plain loops: Welford's running mean and variance per row, and a backward pass that writes
// the chain rule out (dvar, then dmu, then dX) instead of the collapsed formula.
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

struct Grads { Eigen::MatrixXd dX; Eigen::RowVectorXd dgamma, dbeta; };

// Welford over row i: mean and the biased variance M2 / d.
void row_stats(const Eigen::MatrixXd& X, Eigen::Index i, double& mean, double& var) {
  mean = 0;
  double m2 = 0;
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const double x = X(i, j), delta = x - mean;
    mean += delta / double(j + 1);
    m2 += delta * (x - mean);
  }
  var = m2 / double(X.cols());
}

Eigen::MatrixXd forward(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, const Eigen::RowVectorXd& beta,
                        double eps) {
  Eigen::MatrixXd out(X.rows(), X.cols());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    double mean, var;
    row_stats(X, i, mean, var);
    const double stddev = std::sqrt(var + eps);
    for (Eigen::Index j = 0; j < X.cols(); ++j) out(i, j) = gamma[j] * (X(i, j) - mean) / stddev + beta[j];
  }
  return out;
}

Grads backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, double eps) {
  const Eigen::Index n = X.rows(), d = X.cols();
  Grads g{Eigen::MatrixXd(n, d), Eigen::RowVectorXd::Zero(d), Eigen::RowVectorXd::Zero(d)};
  for (Eigen::Index i = 0; i < n; ++i) {
    double mean, var;
    row_stats(X, i, mean, var);
    const double istd = 1.0 / std::sqrt(var + eps);
    double dvar = 0, dmu = 0, sum_centred = 0;
    for (Eigen::Index j = 0; j < d; ++j) {
      const double xc = X(i, j) - mean, dxhat = dOut(i, j) * gamma[j];
      g.dgamma[j] += dOut(i, j) * xc * istd;
      g.dbeta[j] += dOut(i, j);
      dvar += dxhat * xc * -0.5 * istd * istd * istd;  // ∂x̂/∂var = −½ (x − mu) (var + eps)^−3/2
      dmu -= dxhat * istd;                              // ∂x̂/∂mu = −istd
      sum_centred += xc;
    }
    dmu += dvar * -2.0 * sum_centred / double(d);       // var's own dependence on mu (≈ 0)
    for (Eigen::Index j = 0; j < d; ++j) {
      const double xc = X(i, j) - mean, dxhat = dOut(i, j) * gamma[j];
      g.dX(i, j) = dxhat * istd + dvar * 2.0 * xc / double(d) + dmu / double(d);
    }
  }
  return g;
}

}  // namespace drill::layernorm
