// expect: compile_error
// message: torch::layer_norm is this drill in one call
// message: native_layer_norm
// The forward pass by at::native_layer_norm, the kernel below torch::layer_norm: refused too.
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

torch::Tensor forward(const torch::Tensor& X, const torch::Tensor& gamma, const torch::Tensor& beta, double eps) {
  return std::get<0>(at::native_layer_norm(X, {X.size(1)}, gamma, beta, eps));
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
