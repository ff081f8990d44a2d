// Reference batch normalization: the answer key. Column by column (Eigen stores a column
// contiguously, so each feature is a few cache-friendly passes), with two-pass statistics (the
// mean first, then the mean square of the centred column): |mean| ≫ std loses nothing.
#include "batchnorm.hpp"

#include <cmath>
#include <stdexcept>

namespace drill::batchnorm {

namespace {
// One feature's batch statistics: the mean, the biased variance and istd = 1 / sqrt(var + eps).
struct ColumnStats {
  double mu, var, istd;
};

ColumnStats column_stats(const Eigen::Ref<const Eigen::VectorXd>& x, double eps) {
  const double mu = x.mean();
  const double var = (x.array() - mu).square().mean();
  return {mu, var, 1.0 / std::sqrt(var + eps)};
}
}  // namespace

Eigen::MatrixXd forward_train(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma,
                              const Eigen::RowVectorXd& beta, State& state, double momentum, double eps) {
  const Eigen::Index n = X.rows();
  if (n < 2) throw std::invalid_argument("batchnorm: expected more than 1 value per channel when training");
  Eigen::MatrixXd out(n, X.cols());
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const ColumnStats s = column_stats(X.col(j), eps);
    out.col(j) = ((X.col(j).array() - s.mu) * (gamma(j) * s.istd) + beta(j)).matrix();
    // PyTorch's momentum weighs the new batch; running_var is fed the unbiased variance.
    state.running_mean(j) = (1 - momentum) * state.running_mean(j) + momentum * s.mu;
    state.running_var(j) = (1 - momentum) * state.running_var(j) + momentum * s.var * (double(n) / double(n - 1));
  }
  return out;
}

Eigen::MatrixXd forward_eval(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma,
                             const Eigen::RowVectorXd& beta, const State& state, double eps) {
  Eigen::MatrixXd out(X.rows(), X.cols());
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const double scale = gamma(j) / std::sqrt(state.running_var(j) + eps);
    out.col(j) = ((X.col(j).array() - state.running_mean(j)) * scale + beta(j)).matrix();
  }
  return out;
}

// With dx̂ = dOut ∘ gamma, per column: dX = istd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ∘ x̂)), the
// chain rule through x̂, the batch mean and the batch variance, collapsed.
Grads backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, double eps) {
  const Eigen::Index d = X.cols();
  Grads g{Eigen::MatrixXd(X.rows(), d), Eigen::RowVectorXd(d), Eigen::RowVectorXd(d)};
  for (Eigen::Index j = 0; j < d; ++j) {
    const ColumnStats s = column_stats(X.col(j), eps);
    const Eigen::ArrayXd xhat = (X.col(j).array() - s.mu) * s.istd;
    const Eigen::ArrayXd dxhat = dOut.col(j).array() * gamma(j);
    const double mean_dxhat = dxhat.mean(), mean_dxhat_xhat = (dxhat * xhat).mean();
    g.dX.col(j) = (s.istd * (dxhat - mean_dxhat - xhat * mean_dxhat_xhat)).matrix();
    g.dgamma(j) = (dOut.col(j).array() * xhat).sum();
    g.dbeta(j) = dOut.col(j).sum();
  }
  return g;
}

}  // namespace drill::batchnorm
