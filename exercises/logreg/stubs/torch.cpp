// Logistic regression from scratch — torch flavor (LibTorch, double precision). Target: 15 minutes.
// Implement the four functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features. X is n × d (one sample per row), w is d, y is n (0.0 or 1.0);
// tensors arrive as torch::kFloat64 and must be returned as kFloat64 with these shapes.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// Autograd is off: write the backward pass by hand (.backward() and torch::autograd::grad are
// refused). The inputs are shared, not copied: do not modify them in place (clone() first).
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::logreg {

struct Gradient { torch::Tensor dw; double db; };
struct Model    { torch::Tensor w;  double b;  };

// sigmoid(X w + b) for each row of X: a 1-D tensor of n probabilities.
// Must stay finite and in [0, 1] for logits |z| up to 1e4.
torch::Tensor predict_proba(const torch::Tensor& X, const torch::Tensor& w, double b) {
  throw std::logic_error("not implemented: predict_proba");
}

// Mean binary cross-entropy over the n samples; y holds 0.0 or 1.0.
// Finite even when a probability rounds to 0 or 1 (clip at 1e-15, or use log-sum-exp).
double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  throw std::logic_error("not implemented: loss");
}

// Gradient of loss() with respect to w (a 1-D tensor of d) and b.
Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  throw std::logic_error("not implemented: gradient");
}

// Full-batch gradient descent from w = 0, b = 0: exactly `epochs` steps of size learning_rate.
Model fit(const torch::Tensor& X, const torch::Tensor& y, double learning_rate, int epochs) {
  throw std::logic_error("not implemented: fit");
}

}  // namespace drill::logreg
