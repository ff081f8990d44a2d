// expect: wrong_answer
// case: stability(forward,n=4,d=12,|mean|~1e6·std)
// message: catastrophic cancellation when |mean| ≫ std
// var = mean(X²) − mean(X)²: one pass, every digit lost at |mean| ~ 1e6·std.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

struct Grads { torch::Tensor dX; torch::Tensor dgamma, dbeta; };

// The statistics in one pass: mean(X²) − mean(X)².
torch::Tensor inv_std(const torch::Tensor& X, double eps, torch::Tensor& mean) {
  mean = X.mean(1, /*keepdim=*/true);
  const torch::Tensor var = X.pow(2).mean(1, /*keepdim=*/true) - mean.pow(2);
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
