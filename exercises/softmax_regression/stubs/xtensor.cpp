// Softmax regression: stable softmax, cross-entropy with L2, its gradient, gradient descent — xtensor
// flavor (NumPy's API in C++). Target: 25 minutes.
// Implement the six functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features, c classes. X is n × d (one sample per row), W is d × c, b has c
// entries (1-D, broadcast over the rows of X W), y is n class indices in 0 .. c − 1.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// xtensor 0.24 notes: xt::linalg::dot(X, W) is X @ W; xt::amax(Z, {1}, xt::keep_dims) is
// Z.max(axis=1, keepdims=True); xt::sum(Z, {1}, xt::keep_dims) likewise; xt::argmax(row)()
// returns the first maximum. Expressions are lazy: assign to an xt::xtensor before reusing one.
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::softmax_regression {

struct Gradient { xt::xtensor<double, 2> dW; xt::xtensor<double, 1> db; };  // d × c, c
struct Model    { xt::xtensor<double, 2> W;  xt::xtensor<double, 1> b;  };  // d × c, c

// Softmax of each ROW of Z (n × c): exp, then divide by the row's sum. Stable for |entries| up
// to 1e3 (subtract each row's max first); a row of equal entries gives 1/c.
xt::xtensor<double, 2> softmax(const xt::xtensor<double, 2>& Z) {
  throw std::logic_error("not implemented: softmax");
}

// softmax(X W + b): n × c class probabilities, each row sums to 1.
xt::xtensor<double, 2> predict_proba(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 2>& W, const xt::xtensor<double, 1>& b) {
  throw std::logic_error("not implemented: predict_proba");
}

// Class of each row: argmax over the logits X W + b; equal logits → the LOWEST class index
// (NumPy's argmax). n labels in 0 .. c − 1.
xt::xtensor<int, 1> predict(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 2>& W, const xt::xtensor<double, 1>& b) {
  throw std::logic_error("not implemented: predict");
}

// Mean cross-entropy plus an L2 penalty on W only:
//   −(1/n) Σᵢ log softmax(xᵢ W + b)[yᵢ]  +  (l2 / 2) · ‖W‖²_F      (b is NOT penalised)
// Finite for logits up to 1e3: log-sum-exp on the logits, or the log of a probability clipped at 1e-15.
double loss(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, const xt::xtensor<double, 2>& W, const xt::xtensor<double, 1>& b,
            double l2) {
  throw std::logic_error("not implemented: loss");
}

// Gradient of loss(): with P = predict_proba, Y one-hot (n × c),
//   dW = Xᵀ (P − Y) / n + l2 · W,   db = column sums of (P − Y) / n.
Gradient gradient(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, const xt::xtensor<double, 2>& W,
                  const xt::xtensor<double, 1>& b, double l2) {
  throw std::logic_error("not implemented: gradient");
}

// Full-batch gradient descent from W = 0 (d × num_classes), b = 0: exactly `epochs` steps of
// W −= learning_rate · dW, b −= learning_rate · db, with gradient(…, l2).
Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, int num_classes, double learning_rate, int epochs,
          double l2) {
  throw std::logic_error("not implemented: fit");
}

}  // namespace drill::softmax_regression
