// expect: compile_error
// message: is refused
// message: only standard and library headers
// Includes /etc/shadow by path: refused in every flavor.
#include "/etc/shadow"
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::logreg {

struct Gradient { torch::Tensor dw; double db; };
struct Model    { torch::Tensor w;  double b;  };

// p = sigmoid(X @ w + b); torch::sigmoid is stable for any z.
torch::Tensor predict_proba(const torch::Tensor& X, const torch::Tensor& w, double b) {
  return torch::sigmoid(X.matmul(w) + b);
}

// Mean BCE on the logits: softplus(z) - y z, softplus(z) = max(z, 0) + log1p(exp(-|z|)).
// (torch::softplus returns z itself above its threshold of 20: close, not exact.)
double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  const torch::Tensor z = X.matmul(w) + b;
  return (torch::clamp_min(z, 0) + torch::log1p(torch::exp(-z.abs())) - y * z).mean().item<double>();
}

// dL/dw = X.T @ (p - y) / n,  dL/db = mean(p - y)
Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  const torch::Tensor err = predict_proba(X, w, b) - y;
  const double n = static_cast<double>(X.size(0));
  return {X.t().matmul(err) / n, err.mean().item<double>()};
}

Model fit(const torch::Tensor& X, const torch::Tensor& y, double learning_rate, int epochs) {
  Model m{torch::zeros({X.size(1)}, torch::kFloat64), 0.0};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.w, m.b);
    m.w = m.w - learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  return m;
}

}  // namespace drill::logreg
