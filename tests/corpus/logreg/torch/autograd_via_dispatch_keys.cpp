// expect: compile_error
// message: autograd is off in this drill
// message: c10::impl::
// Puts the Autograd dispatch keys back into this thread's dispatch state (the grader
// excludes them around every call), then differentiates by a virtual call on the graph's
// node, which names no autograd function.
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
  c10::impl::tls_set_dispatch_key_excluded(c10::DispatchKey::AutogradCPU, false);
  torch::AutoGradMode on(true);
  torch::Tensor wv = w.clone().requires_grad_(true);
  torch::Tensor bv = torch::tensor(b, torch::kFloat64).requires_grad_(true);
  const torch::Tensor L = loss_graph(X, y, wv, bv);
  if (!L.grad_fn()) throw std::runtime_error("no graph");
  throw std::runtime_error("a graph");
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
