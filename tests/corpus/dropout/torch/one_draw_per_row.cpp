// expect: wrong_answer
// case: independence(n=250,d=200,p=0.2|0.5|0.75)
// message: each entry is kept independently
// One keep/drop per row, broadcast over the row's entries.
#include <torch/torch.h>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { torch::Tensor out; torch::Tensor mask; };

Forward forward(const torch::Tensor& X, double p, bool training, std::mt19937_64& rng) {
  if (p < 0 || p > 1) throw std::invalid_argument("p must be in [0, 1]");
  if (!training) return {X.clone(), torch::ones_like(X)};
  std::bernoulli_distribution keep(1 - p);
  torch::Tensor rows = torch::empty({X.size(0), 1}, torch::kFloat64);
  auto r = rows.accessor<double, 2>();
  for (int64_t i = 0; i < X.size(0); ++i) r[i][0] = keep(rng) ? 1.0 : 0.0;
  const torch::Tensor mask = rows.expand_as(X).clone();
  if (p == 1) return {torch::zeros_like(X), mask};
  return {X * mask / (1 - p), mask};
}

torch::Tensor backward(const torch::Tensor& dOut, const torch::Tensor& mask, double p, bool training) {
  if (!training) return dOut.clone();
  if (p == 1) return torch::zeros_like(dOut);
  return dOut * mask / (1 - p);
}

}  // namespace drill::dropout
