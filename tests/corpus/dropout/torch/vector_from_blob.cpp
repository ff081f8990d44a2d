// expect: accepted
// Uniforms >= p drawn into a std::vector, column by column, then torch::from_blob(...).clone() (the vector dies at return); out by torch::where.
#include <torch/torch.h>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { torch::Tensor out; torch::Tensor mask; };

Forward forward(const torch::Tensor& X, double p, bool training, std::mt19937_64& rng) {
  if (p < 0 || p > 1) throw std::invalid_argument("p must be in [0, 1]");
  if (!training) return {X.clone(), torch::ones_like(X)};
  const int64_t n = X.size(0), d = X.size(1);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> keep(size_t(n * d));
  for (int64_t j = 0; j < d; ++j)
    for (int64_t i = 0; i < n; ++i) keep[size_t(i * d + j)] = u(rng) >= p ? 1.0 : 0.0;
  const torch::Tensor mask = torch::from_blob(keep.data(), {n, d}, torch::kFloat64).clone();
  if (p == 1) return {torch::zeros_like(X), mask};
  return {torch::where(mask > 0, X / (1 - p), torch::zeros_like(X)), mask};
}

torch::Tensor backward(const torch::Tensor& dOut, const torch::Tensor& mask, double p, bool training) {
  if (!training) return dOut.clone();
  if (p == 1) return torch::zeros_like(dOut);
  return dOut * mask / (1 - p);
}

}  // namespace drill::dropout
