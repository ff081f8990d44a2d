// expect: accepted
// Cholesky (LLT) on the centred normal equations; the MSE through squaredNorm, the gradient
// through the residual's mean.
#include <Eigen/Dense>
#include <stdexcept>

namespace drill::linreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  return X * w + Eigen::VectorXd::Constant(X.rows(), b);
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  return (X * w + Eigen::VectorXd::Constant(X.rows(), b) - y).squaredNorm() / X.rows();
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd r = X * w + Eigen::VectorXd::Constant(X.rows(), b) - y;
  Gradient g;
  g.dw = (2.0 / X.rows()) * (X.transpose() * r);
  g.db = 2.0 * r.mean();
  return g;
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  while (epochs-- > 0) {
    Gradient g = gradient(X, y, m.w, m.b);
    m.w = m.w - learning_rate * g.dw;
    m.b = m.b - learning_rate * g.db;
  }
  return m;
}

Model fit_ridge(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lambda) {
  if (lambda < 0.0) throw std::invalid_argument("lambda must be non-negative");
  Eigen::RowVectorXd mu = X.colwise().mean();
  Eigen::MatrixXd Xc = X.rowwise() - mu;
  Eigen::VectorXd yc = y.array() - y.mean();
  Eigen::MatrixXd A = Xc.transpose() * Xc + lambda * Eigen::MatrixXd::Identity(X.cols(), X.cols());
  Eigen::VectorXd w = A.llt().solve(Xc.transpose() * yc);
  return {w, y.mean() - mu * w};
}
}  // namespace drill::linreg
