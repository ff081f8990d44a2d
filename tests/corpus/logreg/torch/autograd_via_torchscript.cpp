// expect: compile_error
// message: autograd is off in this drill
// message: torch::jit
// The gradient from TorchScript: a compiled script function that calls torch.autograd.grad.
#include <torch/torch.h>
#include <torch/jit.h>
#include <memory>

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
  static std::shared_ptr<torch::jit::CompilationUnit> cu = torch::jit::compile(R"JIT(
def grad(X: Tensor, y: Tensor, w: Tensor, b: Tensor):
    wv = w.clone().requires_grad_(True)
    bv = b.clone().requires_grad_(True)
    z = X.matmul(wv) + bv
    L = (z.clamp_min(0) + (-z.abs()).exp().log1p() - y * z).mean()
    g = torch.autograd.grad([L], [wv, bv])
    return g[0], g[1]
)JIT");
  auto out = cu->run_method("grad", X, y, w, torch::tensor(b, torch::kFloat64)).toTuple();
  return {out->elements()[0].toTensor().detach(), out->elements()[1].toTensor().item<double>()};
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
