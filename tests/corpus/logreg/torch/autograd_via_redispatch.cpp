// expect: compile_error
// message: autograd is off in this drill
// message: redispatch
// The backward pass entered below the dispatcher's front door: at::_ops::_backward's
// redispatch with an explicit key set, so that no call to Tensor::backward appears.
#include <torch/torch.h>
#include <vector>

namespace drill::logreg {

struct Gradient { torch::Tensor dw; double db; };
struct Model    { torch::Tensor w;  double b;  };

torch::Tensor predict_proba(const torch::Tensor& X, const torch::Tensor& w, double b) {
  return torch::sigmoid(X.matmul(w) + b);
}

double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  const torch::Tensor z = X.matmul(w) + b;
  return (torch::clamp_min(z, 0) + torch::log1p(torch::exp(-z.abs())) - y * z).mean().item<double>();
}

// The mean cross-entropy of (wv, bv), built so that autograd could differentiate it.
torch::Tensor loss_graph(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& wv,
                         const torch::Tensor& bv) {
  const torch::Tensor z = X.matmul(wv) + bv;
  return (torch::clamp_min(z, 0) + torch::log1p(torch::exp(-z.abs())) - y * z).mean();
}

Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  torch::AutoGradMode on(true);
  torch::Tensor wv = w.clone().requires_grad_(true);
  torch::Tensor bv = torch::tensor(b, torch::kFloat64).requires_grad_(true);
  const torch::Tensor L = loss_graph(X, y, wv, bv);
  at::_ops::_backward::redispatch(c10::DispatchKeySet(c10::DispatchKey::AutogradCPU), L, {}, c10::nullopt,
                                  c10::nullopt, false);
  return {wv.grad().detach(), bv.grad().item<double>()};
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
