// expect: wrong_answer
// case: invalid(p=-0.1|1.5,training|eval)
// message: returned instead of throwing std::invalid_argument
// message: unless 0 ≤ p ≤ 1
// No range check on p: eval mode returns where it must throw.
#include <torch/torch.h>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { torch::Tensor out; torch::Tensor mask; };

Forward forward(const torch::Tensor& X, double p, bool training, std::mt19937_64& rng) {
  if (!training) return {X.clone(), torch::ones_like(X)};
  torch::Tensor mask = torch::empty_like(X);
  auto m = mask.accessor<double, 2>();
  std::bernoulli_distribution keep(1 - p);
  for (int64_t i = 0; i < X.size(0); ++i)
    for (int64_t j = 0; j < X.size(1); ++j) m[i][j] = keep(rng) ? 1.0 : 0.0;
  if (p == 1) return {torch::zeros_like(X), mask};
  return {X * mask / (1 - p), mask};
}

torch::Tensor backward(const torch::Tensor& dOut, const torch::Tensor& mask, double p, bool training) {
  if (!training) return dOut.clone();
  if (p == 1) return torch::zeros_like(dOut);
  return dOut * mask / (1 - p);
}

}  // namespace drill::dropout
