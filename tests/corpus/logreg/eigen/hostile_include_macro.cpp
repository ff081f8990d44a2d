// expect: compile_error
// message: is refused
// message: only standard and library headers
// Names the file through a macro, which a look at the text alone would not see. The include rule refuses it before the compiler opens anything.
#define ANSWER_KEY "/etc/hostname"
#include ANSWER_KEY
#include <Eigen/Dense>

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };
}

#include <cmath>

namespace drill::logreg {

namespace {
// sigmoid without overflow: exp() only ever sees a non-positive argument.
double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}
// log(1 + exp(z)) without overflow.
double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z))); }
}  // namespace

// p (n) = sigmoid(X w + b)
Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd z = (X * w).array() + b;
  return z.unaryExpr(&sigmoid);
}

// Mean binary cross-entropy, written on the logits: -[y log p + (1-y) log(1-p)] = softplus(z) - y z.
double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::ArrayXd z = ((X * w).array() + b);
  return (z.unaryExpr(&softplus) - y.array() * z).mean();
}

// dL/dw (d) = Xᵀ (p - y) / n,  dL/db = mean(p - y)
Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const Eigen::VectorXd err = predict_proba(X, w, b) - y;
  const double n = static_cast<double>(X.rows());
  return {X.transpose() * err / n, err.sum() / n};
}

// Full-batch gradient descent from zero.
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
