// expect: accepted
// Correct, with a Latin-1 comment (café) and a first call that prints the byte 0xFF and then
// one ASCII byte and 80 KB of "Ã©", so the 64 KiB output cap falls inside a character: bytes
// that are not UTF-8 must not cost the verdict.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

static double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  double e = std::exp(z);
  return e / (1.0 + e);
}

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  static bool printed = false;
  if (!printed) {
    printed = true;
    std::string e_acute = "\xff\nx";
    for (int i = 0; i < 40000; ++i) e_acute += "\xc3\xa9";
    std::fwrite(e_acute.data(), 1, e_acute.size(), stdout);
    std::fflush(stdout);
  }
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
