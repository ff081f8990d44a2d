// expect: wrong_answer
// case: forward(n=6,d=10)
// message: torch.nn.LayerNorm uses the biased variance (divide by d)
// torch::var_mean's default, unbiased = true (divide by d − 1).
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

struct Grads { torch::Tensor dX; torch::Tensor dgamma, dbeta; };

// torch::var_mean with unbiased = false: the biased variance, two-pass inside LibTorch.
torch::Tensor inv_std(const torch::Tensor& X, double eps, torch::Tensor& mean) {
  auto [var, mu] = torch::var_mean(X, {1}, /*unbiased=*/true, /*keepdim=*/true);
  mean = mu;
  return (var + eps).rsqrt();
}

torch::Tensor forward(const torch::Tensor& X, const torch::Tensor& gamma, const torch::Tensor& beta, double eps) {
  torch::Tensor mean;
  const torch::Tensor istd = inv_std(X, eps, mean);
  return (X - mean) * istd * gamma + beta;
}

Grads backward(const torch::Tensor& dOut, const torch::Tensor& X, const torch::Tensor& gamma, double eps) {
  torch::Tensor mean;
  const torch::Tensor istd = inv_std(X, eps, mean);
  const torch::Tensor xhat = (X - mean) * istd;
  const torch::Tensor dxhat = dOut * gamma;
  const double d = double(X.size(1));
  const torch::Tensor dX = istd / d * (d * dxhat - dxhat.sum(1, true) - xhat * (dxhat * xhat).sum(1, true));
  return {dX, (dOut * xhat).sum(0), dOut.sum(0)};
}

}  // namespace drill::layernorm
