// expect: compile_error
// message: autograd is off in this drill
// message: (your code calls dlopen)
// torch::autograd::grad looked up by its mangled name with dlopen/dlsym, so that its name
// never appears as an import: the dynamic loader itself is refused.
#include <torch/torch.h>
#include <dlfcn.h>
#include <stdexcept>
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

using GradFn = std::vector<torch::Tensor> (*)(const std::vector<torch::Tensor>&, const std::vector<torch::Tensor>&,
                                              const std::vector<torch::Tensor>&, c10::optional<bool>, bool, bool);

Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  void* lib = dlopen("libtorch_cpu.so", RTLD_NOW | RTLD_NOLOAD);
  auto grad = reinterpret_cast<GradFn>(
      dlsym(lib ? lib : RTLD_DEFAULT, "_ZN5torch8autograd4gradERKSt6vectorIN2at6TensorESaIS3_EES7_S7_N3c108optionalIbEEbb"));
  if (!grad) throw std::runtime_error("not found");
  torch::AutoGradMode on(true);
  torch::Tensor wv = w.clone().requires_grad_(true);
  torch::Tensor bv = torch::tensor(b, torch::kFloat64).requires_grad_(true);
  auto g = grad({loss_graph(X, y, wv, bv)}, {wv, bv}, {}, c10::nullopt, false, false);
  return {g[0].detach(), g[1].item<double>()};
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
