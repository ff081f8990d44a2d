// expect: wrong_answer
// case: fit_ridge(invalid,lambda=-1|-1e-12)
// message: threw std::runtime_error
// Throws, but not std::invalid_argument.
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::linreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  return (X * w).array() + b;
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  return (predict(X, w, b) - y).array().square().mean();
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const Eigen::VectorXd r = predict(X, w, b) - y;
  const double n = double(X.rows());
  return {2.0 * X.transpose() * r / n, 2.0 * r.sum() / n};
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Eigen::VectorXd w = Eigen::VectorXd::Zero(X.cols());
  double b = 0;
  for (int e = 0; e < epochs; ++e) {
    Gradient g = gradient(X, y, w, b);
    w -= learning_rate * g.dw;
    b -= learning_rate * g.db;
  }
  return {w, b};
}

Model fit_ridge(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lambda) {
  if (lambda < 0) throw std::runtime_error("lambda < 0");
  const Eigen::Index n = X.rows(), d = X.cols();
  Eigen::RowVectorXd xm = X.colwise().mean();
  double ym = y.mean();
  Eigen::MatrixXd A(n + d, d);
  A << X.rowwise() - xm, std::sqrt(lambda) * Eigen::MatrixXd::Identity(d, d);
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n + d);
  rhs.head(n) = y.array() - ym;
  Eigen::VectorXd w = A.householderQr().solve(rhs);
  return {w, ym - xm.dot(w)};
}
}  // namespace drill::linreg
