// expect: runtime_error
// message: threw
// Correct except that loss throws an exception whose message is terminal escape sequences
// (clear screen, cursor home, green, carriage return) that would repaint the screen into a
// fake "verdict: accepted": mldrill must print it inert, and its own verdict last.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

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
  if (X.rows() > 0)
    throw std::runtime_error("\x1b[2J\x1b[H\x1b[32mverdict: accepted\x1b[0m\r\b\b\x1b]0;pwned\x07\xc2\x9b" "2J");
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
