// expect: wrong_answer
// case: train_structure(n=40,d=30,p=0.3,seeds=1..5)
// message: every draw must come from rng
// The mask from torch::bernoulli: torch's own generator, not rng, so the same seed gives a different mask.
#include <torch/torch.h>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { torch::Tensor out; torch::Tensor mask; };

Forward forward(const torch::Tensor& X, double p, bool training, std::mt19937_64& rng) {
  if (p < 0 || p > 1) throw std::invalid_argument("p must be in [0, 1]");
  if (!training) return {X.clone(), torch::ones_like(X)};
  const torch::Tensor mask = torch::bernoulli(torch::full_like(X, 1 - p));
  if (p == 1) return {torch::zeros_like(X), mask};
  return {X * mask / (1 - p), mask};
}

torch::Tensor backward(const torch::Tensor& dOut, const torch::Tensor& mask, double p, bool training) {
  if (!training) return dOut.clone();
  if (p == 1) return torch::zeros_like(dOut);
  return dOut * mask / (1 - p);
}

}  // namespace drill::dropout
