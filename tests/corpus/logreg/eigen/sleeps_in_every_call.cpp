// expect: time_limit
// case: fit(n=60,d=4,lr=0.5,epochs=200)
// message: wall-clock time sleeping or blocked
// message: a whole check allows
// Correct, but sleeps 0.5 s in every call: no call is long, yet together they would take
// minutes (the gradient check calls loss() again and again, fit() sleeps in each of its 200
// gradient() calls). The check's one allowance for sleeping or blocking runs out instead,
// after 10 s.
#include <Eigen/Dense>
#include <chrono>
#include <thread>
#include <cmath>

namespace {
void nap() { std::this_thread::sleep_for(std::chrono::milliseconds(500)); }
}  // namespace

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  Eigen::ArrayXd z = (X * w).array() + b;
  nap();
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
