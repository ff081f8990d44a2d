// expect: accepted
// Correct, and prints a line per training step to stdout and stderr: printing is allowed
// and never read as a result.
#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  std::cout << "accepted\n{\"verdict\": \"accepted\"}\n";
  Eigen::ArrayXd z = (X * w).array() + b;
  return (1.0 / (1.0 + (-z).exp())).matrix();
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::ArrayXd p = predict_proba(X, w, b).array().max(1e-15).min(1 - 1e-15);
  return -(y.array() * p.log() + (1 - y.array()) * (1 - p).log()).mean();
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd err = predict_proba(X, w, b) - y;
  return {X.transpose() * err / double(X.rows()), err.mean()};
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int e = 0; e < epochs; ++e) {
    Gradient g = gradient(X, y, m.w, m.b);
    m.w -= learning_rate * g.dw;
    m.b -= learning_rate * g.db;
    std::fprintf(stderr, "epoch %d loss %.6f\n", e, loss(X, y, m.w, m.b));
  }
  return m;
}
}  // namespace drill::logreg
