// expect: wrong_answer
// case: predict_proba(n=40,d=6)
// message: float instead of double
// absent: scale factor
// absent: times the expected
// absent: epsilon
// Works in single precision throughout (MatrixXf, float literals), converting at the
// boundary: every value is about 1e-7 relative off, which once read as a scale factor.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

namespace {
Eigen::VectorXf probs(const Eigen::MatrixXf& X, const Eigen::VectorXf& w, float b) {
  Eigen::VectorXf z = (X * w).array() + b;
  return (1.0f / (1.0f + (-z.array()).exp())).matrix();
}
}  // namespace

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  return probs(X.cast<float>(), w.cast<float>(), float(b)).cast<double>();
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const Eigen::VectorXf p = probs(X.cast<float>(), w.cast<float>(), float(b));
  float total = 0.0f;
  for (int i = 0; i < p.size(); ++i) {
    const float q = std::min(std::max(p[i], 1e-7f), 1.0f - 1e-7f);
    total -= float(y[i]) * std::log(q) + (1.0f - float(y[i])) * std::log(1.0f - q);
  }
  return total / float(p.size());
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const Eigen::VectorXf err = probs(X.cast<float>(), w.cast<float>(), float(b)) - y.cast<float>();
  const float n = float(X.rows());
  const Eigen::VectorXf dw = X.cast<float>().transpose() * err / n;
  return {dw.cast<double>(), double(err.sum() / n)};
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
