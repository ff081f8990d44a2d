// expect: runtime_error
// case: predict_proba(n=40,d=6)
// message: crashed
// message: segmentation fault
// message: start-up (a global or static initialiser
// A static initialiser writes through a null pointer before any case runs: the first case
// reports the crash (the grader's wait for the process to start must not swallow it).
#include <Eigen/Dense>
#include <cstdio>
#include <cstdlib>
#include <cmath>

namespace {
int* volatile nowhere = nullptr;
int crash = [] { *nowhere = 1; return 0; }();
}

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  Eigen::ArrayXd z = (X * w).array() + b;
  return (1.0 / (1.0 + (-z).exp())).matrix();
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::ArrayXd p = predict_proba(X, w, b).array().max(1e-15).min(1 - 1e-15);
  Eigen::ArrayXd t = y.array();
  return -(t * p.log() + (1 - t) * (1 - p).log()).mean();
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd err = predict_proba(X, w, b) - y;
  const double n = static_cast<double>(X.rows());
  return {X.transpose() * err / n, err.sum() / n};
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int e = 0; e < epochs; ++e) {
    Gradient g = gradient(X, y, m.w, m.b);
    m.w -= learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  return m;
}
}  // namespace drill::logreg
