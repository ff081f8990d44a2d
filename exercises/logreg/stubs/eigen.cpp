// Logistic regression from scratch — eigen flavor. Target: 15 minutes.
// Implement the four functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features. X is n × d (one sample per row), w is d, y is n (0.0 or 1.0).
// Keep the names, signatures and structs exactly as they are: the grader calls them.
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::logreg {

struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

// sigmoid(X w + b) for each row of X: a vector of n probabilities.
// Must stay finite and in [0, 1] for logits |z| up to 1e4.
Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  throw std::logic_error("not implemented: predict_proba");
}

// Mean binary cross-entropy over the n samples; y holds 0.0 or 1.0.
// Finite even when a probability rounds to 0 or 1 (clip at 1e-15, or use log-sum-exp).
double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  throw std::logic_error("not implemented: loss");
}

// Gradient of loss() with respect to w (a vector of d) and b.
Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  throw std::logic_error("not implemented: gradient");
}

// Full-batch gradient descent from w = 0, b = 0: exactly `epochs` steps of size learning_rate.
Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  throw std::logic_error("not implemented: fit");
}

}  // namespace drill::logreg
