// Reference linear regression: the answer key. MSE without a 1/2 (as nn.MSELoss), and
// ridge exactly as scikit-learn's Ridge(alpha, fit_intercept=True): the intercept unpenalised.
#include "linreg.hpp"

#include <stdexcept>

namespace drill::linreg {

// ŷ (n) = X w + b
Eigen::VectorXd predict(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  return (X * w).array() + b;
}

// (1/n) Σ (ŷᵢ − yᵢ)²
double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  return (predict(X, w, b) - y).squaredNorm() / static_cast<double>(X.rows());
}

// dL/dw (d) = (2/n) Xᵀ r,  dL/db = (2/n) Σ r,  r = X w + b − y
Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const Eigen::VectorXd r = predict(X, w, b) - y;
  const double n = static_cast<double>(X.rows());
  return {2.0 / n * (X.transpose() * r), 2.0 / n * r.sum()};
}

// Full-batch gradient descent from zero: exactly `epochs` steps.
Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.w, m.b);
    m.w -= learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  return m;
}

// Centre X and y so the intercept drops out of the penalised problem, then solve
// (Xcᵀ Xc + λI) w = Xcᵀ yc by LDLT (symmetric positive (semi)definite); b = ȳ − x̄·w.
Model fit_ridge(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lambda) {
  if (!(lambda >= 0)) throw std::invalid_argument("fit_ridge: lambda must be >= 0");
  const Eigen::RowVectorXd x_mean = X.colwise().mean();
  const double y_mean = y.mean();
  const Eigen::MatrixXd Xc = X.rowwise() - x_mean;
  const Eigen::VectorXd yc = y.array() - y_mean;
  Eigen::MatrixXd A = Xc.transpose() * Xc;
  A.diagonal().array() += lambda;
  const Eigen::VectorXd w = A.ldlt().solve(Xc.transpose() * yc);
  return {w, y_mean - x_mean.dot(w)};
}

}  // namespace drill::linreg
