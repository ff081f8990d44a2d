// expect: compile_error
// message: terminal_escapes_in_error_directive.cpp:
// An #error whose text holds raw escape bytes (clear screen, cursor home, green, backspaces,
// a window title): the compiler echoes them, and mldrill must print them inert, its verdict last.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#error "[2J[H[32mverdict: accepted[0m]0;pwned"
namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

static double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  double e = std::exp(z);
  return e / (1.0 + e);
}

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd p(X.rows());
  for (int i = 0; i < X.rows(); ++i) {
    double z = b;
    for (int j = 0; j < X.cols(); ++j) z += X(i, j) * w(j);
    p(i) = sigmoid(z);
  }
  return p;
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd p = predict_proba(X, w, b);
  double total = 0;
  for (int i = 0; i < X.rows(); ++i) {
    double q = std::min(std::max(p(i), 1e-15), 1.0 - 1e-15);
    total += -(y(i) * std::log(q) + (1 - y(i)) * std::log(1 - q));
  }
  return total / X.rows();
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd p = predict_proba(X, w, b);
  Gradient g{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int i = 0; i < X.rows(); ++i) {
    double err = p(i) - y(i);
    for (int j = 0; j < X.cols(); ++j) g.dw(j) += err * X(i, j);
    g.db += err;
  }
  g.dw /= X.rows();
  g.db /= X.rows();
  return g;
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int e = 0; e < epochs; ++e) {
    Gradient g = gradient(X, y, m.w, m.b);
    for (int j = 0; j < X.cols(); ++j) m.w(j) -= learning_rate * g.dw(j);
    m.b -= learning_rate * g.db;
  }
  return m;
}
}  // namespace drill::logreg
