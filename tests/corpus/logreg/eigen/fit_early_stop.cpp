// expect: wrong_answer
// case: fit(n=60,d=4,lr=0.5,epochs=1500)
// message: fit stopped after
// message: of 1500 epochs
// absent: scale factor
// absent: one step too
// A scikit-learn-like class: fit() stops when the loss changes by less than tol = 1e-6,
// which the contract does not allow (exactly `epochs` steps). 200 epochs never trigger it.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

namespace {
class LogisticRegression {
 public:
  LogisticRegression(double lr, int max_iter, double tol = 1e-6) : lr_(lr), max_iter_(max_iter), tol_(tol) {}

  static Eigen::VectorXd sigmoid(const Eigen::VectorXd& z) { return (1.0 / (1.0 + (-z.array()).exp())).matrix(); }

  static double cost(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
    const Eigen::ArrayXd p = sigmoid((X * w).array() + b).array().min(1 - 1e-15).max(1e-15);
    return -(y.array() * p.log() + (1 - y.array()) * (1 - p).log()).mean();
  }

  Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
    Eigen::VectorXd w = Eigen::VectorXd::Zero(X.cols());
    double b = 0, prev = cost(X, y, w, b);
    for (int it = 0; it < max_iter_; ++it) {
      const Eigen::VectorXd err = sigmoid((X * w).array() + b) - y;
      w -= lr_ * X.transpose() * err / double(X.rows());
      b -= lr_ * err.mean();
      const double now = cost(X, y, w, b);
      if (std::abs(prev - now) < tol_) break;  // converged
      prev = now;
    }
    return {w, b};
  }

 private:
  double lr_;
  int max_iter_;
  double tol_;
};
}  // namespace

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  return LogisticRegression::sigmoid((X * w).array() + b);
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  return LogisticRegression::cost(X, y, w, b);
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const Eigen::VectorXd err = predict_proba(X, w, b) - y;
  return {X.transpose() * err / double(X.rows()), err.mean()};
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  return LogisticRegression(learning_rate, epochs).fit(X, y);
}
}  // namespace drill::logreg
