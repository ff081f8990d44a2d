// expect: wrong_answer
// case: fit_ridge(n=50,d=5,lambda=3)
// message: lambda is n times too strong: the penalty is against the SUM of squares (scikit-learn's alpha)
// Ridge on the mean squared error: (XcᵀXc/n + lambda I) w = Xcᵀyc/n.
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
  if (lambda < 0) throw std::invalid_argument("lambda < 0");
  const double n = double(X.rows());
  Eigen::RowVectorXd xm = X.colwise().mean();
  Eigen::MatrixXd Xc = X.rowwise() - xm;
  Eigen::VectorXd yc = y.array() - y.mean();
  Eigen::MatrixXd M = Xc.transpose() * Xc / n + lambda * Eigen::MatrixXd::Identity(X.cols(), X.cols());
  Eigen::VectorXd w = M.ldlt().solve(Xc.transpose() * yc / n);
  return {w, y.mean() - xm.dot(w)};
}
}  // namespace drill::linreg
