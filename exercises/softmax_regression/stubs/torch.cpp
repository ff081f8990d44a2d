// Softmax regression: stable softmax, cross-entropy with L2, its gradient, gradient descent — torch
// flavor (LibTorch, double precision). Target: 25 minutes.
// Implement the six functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features, c classes. X is n × d (one sample per row), W is d × c, b has c
// entries (1-D, broadcast over the rows of X W), y is n class indices in 0 .. c − 1 (torch::kInt64).
// Tensors arrive as torch::kFloat64; return kFloat64 (predict: kInt64 labels) with these shapes.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// Autograd is off: write the gradient by hand (.backward() and torch::autograd::grad are refused).
// torch::softmax and torch::log_softmax are allowed: the drill is the gradient. The inputs are
// shared, not copied: do not modify them in place (clone() first). torch::argmax returns the
// first maximum; torch::zeros({d, c}, torch::kFloat64) (the default dtype is float32).
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::softmax_regression {

struct Gradient { torch::Tensor dW; torch::Tensor db; };  // d × c, c
struct Model    { torch::Tensor W;  torch::Tensor b;  };  // d × c, c

// Softmax of each ROW of Z (n × c): exp, then divide by the row's sum. Stable for |entries| up
// to 1e3 (subtract each row's max first); a row of equal entries gives 1/c.
torch::Tensor softmax(const torch::Tensor& Z) {
  throw std::logic_error("not implemented: softmax");
}

// softmax(X W + b): n × c class probabilities, each row sums to 1.
torch::Tensor predict_proba(const torch::Tensor& X, const torch::Tensor& W, const torch::Tensor& b) {
  throw std::logic_error("not implemented: predict_proba");
}

// Class of each row: argmax over the logits X W + b; equal logits → the LOWEST class index
// (NumPy's argmax). n labels in 0 .. c − 1.
torch::Tensor predict(const torch::Tensor& X, const torch::Tensor& W, const torch::Tensor& b) {
  throw std::logic_error("not implemented: predict");
}

// Mean cross-entropy plus an L2 penalty on W only:
//   −(1/n) Σᵢ log softmax(xᵢ W + b)[yᵢ]  +  (l2 / 2) · ‖W‖²_F      (b is NOT penalised)
// Finite for logits up to 1e3: log-sum-exp on the logits, or the log of a probability clipped at 1e-15.
double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& W, const torch::Tensor& b,
            double l2) {
  throw std::logic_error("not implemented: loss");
}

// Gradient of loss(): with P = predict_proba, Y one-hot (n × c),
//   dW = Xᵀ (P − Y) / n + l2 · W,   db = column sums of (P − Y) / n.
Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& W,
                  const torch::Tensor& b, double l2) {
  throw std::logic_error("not implemented: gradient");
}

// Full-batch gradient descent from W = 0 (d × num_classes), b = 0: exactly `epochs` steps of
// W −= learning_rate · dW, b −= learning_rate · db, with gradient(…, l2).
Model fit(const torch::Tensor& X, const torch::Tensor& y, int num_classes, double learning_rate, int epochs,
          double l2) {
  throw std::logic_error("not implemented: fit");
}

}  // namespace drill::softmax_regression
