// expect: accepted
// Another correct style: the loss from LibTorch's own binary_cross_entropy_with_logits (a
// forward function: no autograd involved), the gradient by hand with mv(), and fit() on a
// w updated in place (it is this function's own tensor, never an input).
#include <torch/torch.h>

namespace drill::logreg {

struct Gradient { torch::Tensor dw; double db; };
struct Model    { torch::Tensor w;  double b;  };

torch::Tensor predict_proba(const torch::Tensor& X, const torch::Tensor& w, double b) {
  return torch::sigmoid(X.mv(w) + b);
}

double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  return torch::binary_cross_entropy_with_logits(X.mv(w) + b, y).item<double>();  // mean by default
}

Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  const torch::Tensor err = predict_proba(X, w, b) - y;
  const double n = double(X.size(0));
  return {X.t().mv(err) / n, err.sum().item<double>() / n};
}

Model fit(const torch::Tensor& X, const torch::Tensor& y, double learning_rate, int epochs) {
  Model m{torch::zeros({X.size(1)}, torch::kFloat64), 0.0};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.w, m.b);
    m.w.sub_(learning_rate * g.dw);
    m.b -= learning_rate * g.db;
  }
  return m;
}

}  // namespace drill::logreg
