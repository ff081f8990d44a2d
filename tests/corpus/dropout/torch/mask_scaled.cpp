// expect: wrong_answer
// case: train_structure(n=40,d=30,p=0.3,seeds=1..5)
// message: the mask holds 0/1
// The mask returned already scaled: 0 or 1/(1 − p) instead of 0/1.
#include <torch/torch.h>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { torch::Tensor out; torch::Tensor mask; };

Forward forward(const torch::Tensor& X, double p, bool training, std::mt19937_64& rng) {
  if (p < 0 || p > 1) throw std::invalid_argument("p must be in [0, 1]");
  if (!training) return {X.clone(), torch::ones_like(X)};
  torch::Tensor mask = torch::empty_like(X);
  auto m = mask.accessor<double, 2>();
  std::bernoulli_distribution keep(1 - p);
  for (int64_t i = 0; i < X.size(0); ++i)
    for (int64_t j = 0; j < X.size(1); ++j) m[i][j] = keep(rng) ? 1.0 : 0.0;
  if (p == 1) return {torch::zeros_like(X), mask};
  const torch::Tensor scaled = mask / (1 - p);
  return {X * scaled, scaled};
}

torch::Tensor backward(const torch::Tensor& dOut, const torch::Tensor& mask, double p, bool training) {
  if (!training) return dOut.clone();
  if (p == 1) return torch::zeros_like(dOut);
  return dOut * mask / (1 - p);
}

}  // namespace drill::dropout
