// expect: wrong_answer
// case: running_stats(n=16|16|10,d=6,momentum=0.1|0.3|0.3)
// message: momentum is an argument
// message: your update used 0.1
// momentum hard-coded to PyTorch's default 0.1 instead of the argument.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::batchnorm {

struct State { torch::Tensor running_mean, running_var; };
struct Grads { torch::Tensor dX; torch::Tensor dgamma, dbeta; };

// Per column: the mean, the biased variance (two-pass), 1 / sqrt(var + eps) and x̂.
struct Stats { torch::Tensor mu, var, istd, xhat; };

Stats stats(const torch::Tensor& X, double eps) {
  const double n = double(X.size(0));
  const torch::Tensor mu = X.mean(0);
  const torch::Tensor c = X - mu;
  const torch::Tensor var = c.pow(2).sum(0) / n;
  const torch::Tensor istd = 1.0 / (var + eps).sqrt();
  return {mu, var, istd, c * istd};
}

torch::Tensor forward_train(const torch::Tensor& X, const torch::Tensor& gamma, const torch::Tensor& beta,
                            State& state, double momentum, double eps) {
  const double n = double(X.size(0));
  if (X.size(0) < 2) throw std::invalid_argument("batchnorm: training needs at least 2 rows");
  const Stats s = stats(X, eps);
  state.running_mean = 0.9 * state.running_mean + 0.1 * s.mu;
  state.running_var = 0.9 * state.running_var + 0.1 * s.var * n / (n - 1);
  return s.xhat * gamma + beta;
}

torch::Tensor forward_eval(const torch::Tensor& X, const torch::Tensor& gamma, const torch::Tensor& beta,
                           const State& state, double eps) {
  const torch::Tensor xhat = (X - state.running_mean) / (state.running_var + eps).sqrt();
  return xhat * gamma + beta;
}

// dX = istd/n · (n·dx̂ − Σdx̂ − x̂·Σ(dx̂∘x̂)) per column, dx̂ = dOut ∘ gamma.
Grads backward(const torch::Tensor& dOut, const torch::Tensor& X, const torch::Tensor& gamma, double eps) {
  const double n = double(X.size(0));
  const Stats s = stats(X, eps);
  const torch::Tensor dxhat = dOut * gamma;
  torch::Tensor inner = n * dxhat;
  inner = inner - dxhat.sum(0);
  inner = inner - s.xhat * (dxhat * s.xhat).sum(0);
  return {inner * (s.istd / n), (dOut * s.xhat).sum(0), dOut.sum(0)};
}

}  // namespace drill::batchnorm
