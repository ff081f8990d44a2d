// expect: wrong_answer
// case: loss(n=40,d=6)
// message: off by about ε = 1e-07
// message: epsilon inside the log
// message: clip p to [1e-15, 1 − 1e-15]
// absent: scale factor
// absent: times the expected
// absent: float
// Translated from NumPy: loss = -np.mean(y*np.log(p + eps) + (1-y)*np.log(1 - p + eps)),
// eps = 1e-7 (a common homework guard). Off by ~1e-7, which once read as "1 times the
// expected one: a scale factor is wrong".
#include <Eigen/Dense>
#include <cmath>

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

namespace {
const double eps = 1e-7;
Eigen::ArrayXd sigmoid(const Eigen::ArrayXd& z) { return 1.0 / (1.0 + (-z).exp()); }
}  // namespace

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  return sigmoid((X * w).array() + b).matrix();
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const Eigen::ArrayXd p = predict_proba(X, w, b).array();
  const Eigen::ArrayXd Y = y.array();
  return -(Y * (p + eps).log() + (1 - Y) * (1 - p + eps).log()).mean();
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const Eigen::VectorXd err = predict_proba(X, w, b) - y;
  const double n = double(X.rows());
  return {X.transpose() * err / n, err.sum() / n};
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.w, m.b);
    m.w -= learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  return m;
}
}  // namespace drill::logreg
