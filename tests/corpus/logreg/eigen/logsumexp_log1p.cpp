// expect: accepted
// Loss on the logits with a stable softplus (log-sum-exp), sigmoid through tanh.
#include <Eigen/Dense>
#include <cmath>

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  Eigen::ArrayXd z = (X * w).array() + b;
  return (0.5 * (1.0 + (0.5 * z).tanh())).matrix();
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const Eigen::ArrayXd z = (X * w).array() + b;
  // -[y log σ(z) + (1-y) log(1-σ(z))] = log(1 + e^z) - y z
  const Eigen::ArrayXd softplus = z.max(0.0) + (-z.abs()).exp().log1p();
  return (softplus - y.array() * z).sum() / static_cast<double>(z.size());
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const Eigen::RowVectorXd err = (predict_proba(X, w, b) - y).transpose();
  const double n = static_cast<double>(X.rows());
  Gradient g;
  g.dw = (err * X).transpose() / n;
  g.db = err.mean();
  return g;
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Eigen::VectorXd w = Eigen::VectorXd::Zero(X.cols());
  double b = 0;
  while (epochs-- > 0) {
    const Gradient g = gradient(X, y, w, b);
    w.noalias() -= learning_rate * g.dw;
    b -= learning_rate * g.db;
  }
  return {w, b};
}
}  // namespace drill::logreg
