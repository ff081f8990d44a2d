// Reference layer normalization: the answer key. Two-pass statistics (the mean first, then
// the mean square of the centred row), so |mean| ≫ std loses nothing to cancellation.
#include "layernorm.hpp"

#include <cmath>

namespace drill::layernorm {

namespace {
// x̂ = (X − mu) · istd per row, and istd = 1 / sqrt(var + eps) per row (n × 1).
struct Normalised {
  Eigen::MatrixXd xhat;
  Eigen::VectorXd istd;
};

Normalised normalise(const Eigen::MatrixXd& X, double eps) {
  const Eigen::MatrixXd centred = X.colwise() - X.rowwise().mean();
  const Eigen::VectorXd var = centred.array().square().rowwise().mean().matrix();
  const Eigen::VectorXd istd = (var.array() + eps).rsqrt().matrix();
  return {(centred.array().colwise() * istd.array()).matrix(), istd};
}
}  // namespace

Eigen::MatrixXd forward(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, const Eigen::RowVectorXd& beta,
                        double eps) {
  const Eigen::MatrixXd xhat = normalise(X, eps).xhat;
  return ((xhat.array().rowwise() * gamma.array()).rowwise() + beta.array()).matrix();
}

// With dx̂ = dOut ∘ gamma, per row: dX = istd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ∘ x̂)), the
// chain rule through x̂, the row mean and the row variance, collapsed.
Grads backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, double eps) {
  const Normalised s = normalise(X, eps);
  const Eigen::ArrayXXd dxhat = dOut.array().rowwise() * gamma.array();
  const Eigen::VectorXd mean_dxhat = dxhat.rowwise().mean().matrix();
  const Eigen::VectorXd mean_dxhat_xhat = (dxhat * s.xhat.array()).rowwise().mean().matrix();
  Grads g;
  g.dX = (((dxhat.colwise() - mean_dxhat.array()) - s.xhat.array().colwise() * mean_dxhat_xhat.array()).colwise() *
          s.istd.array())
             .matrix();
  g.dgamma = (dOut.array() * s.xhat.array()).colwise().sum().matrix();
  g.dbeta = dOut.colwise().sum();
  return g;
}

}  // namespace drill::layernorm
