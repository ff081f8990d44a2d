// expect: compile_error
// message: torch::dropout is this drill in one call
// message: dropout::call
// The forward pass by torch::dropout (the backward by hand): refused before it runs, as autograd is.
#include <torch/torch.h>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { torch::Tensor out; torch::Tensor mask; };

Forward forward(const torch::Tensor& X, double p, bool training, std::mt19937_64& rng) {
  if (p < 0 || p > 1) throw std::invalid_argument("p must be in [0, 1]");
  const torch::Tensor out = torch::dropout(X, p, training);
  return {out, (out != 0).to(torch::kFloat64)};
}

torch::Tensor backward(const torch::Tensor& dOut, const torch::Tensor& mask, double p, bool training) {
  if (!training) return dOut.clone();
  if (p == 1) return torch::zeros_like(dOut);
  return dOut * mask / (1 - p);
}

}  // namespace drill::dropout
