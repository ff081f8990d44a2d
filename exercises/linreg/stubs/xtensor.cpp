// Linear regression: MSE, its gradient, gradient descent, closed-form ridge — xtensor flavor (NumPy's
// API in C++). Target: 20 minutes.
// Implement the five functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features. X is n × d (one sample per row), w is d, y is n (real-valued targets).
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// xtensor 0.24 notes: xt::linalg::dot(X, w) is X @ w; xt::transpose(X) is X.T; xt::mean(v)()
// and xt::sum(v)() give scalars (note the trailing ()); xt::mean(X, {0}) is X.mean(axis=0);
// xt::linalg::solve(A, b) is np.linalg.solve; xt::eye<double>(d) is np.eye(d). Expressions are
// lazy, so assign to an xt::xtensor (or call xt::eval) before reusing a reduction inside a broadcast.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::linreg {

struct Gradient { xt::xtensor<double, 1> dw; double db; };
struct Model    { xt::xtensor<double, 1> w;  double b;  };

// X w + b for each row of X: a vector of n predictions.
xt::xtensor<double, 1> predict(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& w, double b) {
  throw std::logic_error("not implemented: predict");
}

// Mean squared error (1/n) Σᵢ (xᵢ·w + b − yᵢ)²: averaged over the n samples, and with NO 1/2
// in front (as PyTorch's nn.MSELoss and scikit-learn's mean_squared_error).
double loss(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
            double b) {
  throw std::logic_error("not implemented: loss");
}

// Gradient of loss() with respect to w (a vector of d) and b. There is no 1/2 in the loss,
// so the 2 of the square stays: dw = (2/n) Xᵀ r, db = (2/n) Σ r, with r = X w + b − y.
Gradient gradient(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
                  double b) {
  throw std::logic_error("not implemented: gradient");
}

// Full-batch gradient descent from w = 0, b = 0: exactly `epochs` steps of
// w −= learning_rate · dw, b −= learning_rate · db (both from the same gradient() call).
Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double learning_rate, int epochs) {
  throw std::logic_error("not implemented: fit");
}

// Closed-form ridge, as scikit-learn's Ridge(alpha = lambda): minimises ‖y − X w − b‖² + lambda ‖w‖²,
// the SUM of squared residuals (not the mean), with the bias b NOT penalised. Centre X and y by
// their column means x̄, ȳ (Xc = X − x̄, yc = y − ȳ): w = (Xcᵀ Xc + lambda I)⁻¹ Xcᵀ yc, b = ȳ − x̄·w.
// lambda = 0 is ordinary least squares with an intercept. Any solver is fine (normal equations
// with LDLT/Cholesky, QR, Gaussian elimination). Throws std::invalid_argument if lambda < 0.
Model fit_ridge(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double lambda) {
  throw std::logic_error("not implemented: fit_ridge");
}

}  // namespace drill::linreg
