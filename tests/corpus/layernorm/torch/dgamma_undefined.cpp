// expect: gradient_mismatch
// case: backward(n=5,d=8,eps=1e-05)
// message: dgamma: expected a tensor of shape 8, got an undefined tensor (a default-constructed torch::Tensor)
// dgamma left as a default-constructed torch::Tensor: it travels as "undefined" and is named so,
// not as a shape of 0 entries.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

struct Grads { torch::Tensor dX; torch::Tensor dgamma, dbeta; };

// torch::var_mean with unbiased = false: the biased variance, two-pass inside LibTorch.
torch::Tensor inv_std(const torch::Tensor& X, double eps, torch::Tensor& mean) {
  auto [var, mu] = torch::var_mean(X, {1}, /*unbiased=*/false, /*keepdim=*/true);
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
  return {dX, torch::Tensor(), dOut.sum(0)};
}

}  // namespace drill::layernorm
