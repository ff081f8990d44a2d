// Logistic regression from scratch — xtensor flavor (NumPy's API in C++). Target: 15 minutes.
// Implement the four functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features. X is n × d (one sample per row), w is d, y is n (0.0 or 1.0).
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// xtensor 0.24 notes: xt::linalg::dot(X, w) is X @ w; xt::transpose(X) is X.T; xt::mean(v)()
// and xt::sum(v)() give scalars (note the trailing ()); expressions are lazy, so assign to an
// xt::xtensor (or call xt::eval) before reusing a reduction inside a broadcast.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::logreg {

struct Gradient { xt::xtensor<double, 1> dw; double db; };
struct Model    { xt::xtensor<double, 1> w;  double b;  };

// sigmoid(X w + b) for each row of X: a vector of n probabilities.
// Must stay finite and in [0, 1] for logits |z| up to 1e4.
xt::xtensor<double, 1> predict_proba(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& w, double b) {
  throw std::logic_error("not implemented: predict_proba");
}

// Mean binary cross-entropy over the n samples; y holds 0.0 or 1.0.
// Finite even when a probability rounds to 0 or 1 (clip at 1e-15, or use log-sum-exp).
double loss(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
            double b) {
  throw std::logic_error("not implemented: loss");
}

// Gradient of loss() with respect to w (a vector of d) and b.
Gradient gradient(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
                  double b) {
  throw std::logic_error("not implemented: gradient");
}

// Full-batch gradient descent from w = 0, b = 0: exactly `epochs` steps of size learning_rate.
Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double learning_rate, int epochs) {
  throw std::logic_error("not implemented: fit");
}

}  // namespace drill::logreg
