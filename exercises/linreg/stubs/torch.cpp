// Linear regression: MSE, its gradient, gradient descent, closed-form ridge — torch flavor (LibTorch,
// double precision). Target: 20 minutes.
// Implement the five functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features. X is n × d (one sample per row), w is d, y is n (real-valued targets);
// tensors arrive as torch::kFloat64 and must be returned as kFloat64 with these shapes.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// Autograd is off: write the backward pass by hand (.backward() and torch::autograd::grad are
// refused). The inputs are shared, not copied: do not modify them in place (clone() first).
// LibTorch 1.13 notes: torch::linalg::solve(A, B, /*left=*/true) needs its third argument;
// torch::eye(d, torch::kFloat64) and torch::zeros({d}, torch::kFloat64) (the default is float32).
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::linreg {

struct Gradient { torch::Tensor dw; double db; };
struct Model    { torch::Tensor w;  double b;  };

// X w + b for each row of X: a 1-D tensor of n predictions.
torch::Tensor predict(const torch::Tensor& X, const torch::Tensor& w, double b) {
  throw std::logic_error("not implemented: predict");
}

// Mean squared error (1/n) Σᵢ (xᵢ·w + b − yᵢ)²: averaged over the n samples, and with NO 1/2
// in front (as PyTorch's nn.MSELoss and scikit-learn's mean_squared_error).
double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  throw std::logic_error("not implemented: loss");
}

// Gradient of loss() with respect to w (a 1-D tensor of d) and b. There is no 1/2 in the loss,
// so the 2 of the square stays: dw = (2/n) Xᵀ r, db = (2/n) Σ r, with r = X w + b − y.
Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  throw std::logic_error("not implemented: gradient");
}

// Full-batch gradient descent from w = 0, b = 0: exactly `epochs` steps of
// w −= learning_rate · dw, b −= learning_rate · db (both from the same gradient() call).
Model fit(const torch::Tensor& X, const torch::Tensor& y, double learning_rate, int epochs) {
  throw std::logic_error("not implemented: fit");
}

// Closed-form ridge, as scikit-learn's Ridge(alpha = lambda): minimises ‖y − X w − b‖² + lambda ‖w‖²,
// the SUM of squared residuals (not the mean), with the bias b NOT penalised. Centre X and y by
// their column means x̄, ȳ (Xc = X − x̄, yc = y − ȳ): w = (Xcᵀ Xc + lambda I)⁻¹ Xcᵀ yc, b = ȳ − x̄·w.
// lambda = 0 is ordinary least squares with an intercept. Any solver is fine (normal equations
// with LDLT/Cholesky, QR, Gaussian elimination). Throws std::invalid_argument if lambda < 0.
Model fit_ridge(const torch::Tensor& X, const torch::Tensor& y, double lambda) {
  throw std::logic_error("not implemented: fit_ridge");
}

}  // namespace drill::linreg
