// expect: compile_error
// message: so is a group, instance or batch norm over the same numbers
// message: group_norm
// The forward pass by group_norm with one group (each sample over its d features): refused too.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

struct Grads { torch::Tensor dX; torch::Tensor dgamma, dbeta; };

// Two-pass statistics over the last dimension: the row mean first, then the biased variance
// of the centred row, so |mean| ≫ std cancels nothing.
struct Normalised {
  torch::Tensor xhat, istd;  // n × d, n × 1
};

Normalised normalise(const torch::Tensor& X, double eps) {
  const torch::Tensor centred = X - X.mean(1, /*keepdim=*/true);
  const torch::Tensor istd = (centred.pow(2).mean(1, /*keepdim=*/true) + eps).rsqrt();
  return {centred * istd, istd};
}

// group_norm with one group normalises each sample over all its features: LayerNorm again.
torch::Tensor forward(const torch::Tensor& X, const torch::Tensor& gamma, const torch::Tensor& beta, double eps) {
  return torch::group_norm(X.unsqueeze(1), 1, {}, {}, eps).squeeze(1) * gamma + beta;
}

// dxhat = dOut * gamma; dX = istd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) per row.
Grads backward(const torch::Tensor& dOut, const torch::Tensor& X, const torch::Tensor& gamma, double eps) {
  const Normalised s = normalise(X, eps);
  const torch::Tensor dxhat = dOut * gamma;
  const torch::Tensor dX =
      s.istd * (dxhat - dxhat.mean(1, true) - s.xhat * (dxhat * s.xhat).mean(1, true));
  return {dX, (dOut * s.xhat).sum(0), dOut.sum(0)};
}

}  // namespace drill::layernorm
