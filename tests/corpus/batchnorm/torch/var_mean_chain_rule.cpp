// expect: accepted
// torch::var_mean (biased) for the statistics, the state updated in place with mul_/add_, and
// the backward pass as the chain rule written out (dvar, dmu, then dX).
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::batchnorm {

struct State { torch::Tensor running_mean, running_var; };
struct Grads { torch::Tensor dX; torch::Tensor dgamma, dbeta; };

torch::Tensor forward_train(const torch::Tensor& X, const torch::Tensor& gamma, const torch::Tensor& beta,
                            State& state, double momentum, double eps) {
  const int64_t n = X.size(0);
  if (n < 2) throw std::invalid_argument("training mode needs n >= 2");
  auto [var, mu] = torch::var_mean(X, {0}, /*unbiased=*/false);
  state.running_mean.mul_(1 - momentum).add_(mu, momentum);
  state.running_var.mul_(1 - momentum).add_(var * (double(n) / double(n - 1)), momentum);
  return (X - mu) * torch::rsqrt(var + eps) * gamma + beta;
}

torch::Tensor forward_eval(const torch::Tensor& X, const torch::Tensor& gamma, const torch::Tensor& beta,
                           const State& state, double eps) {
  return (X - state.running_mean) * torch::rsqrt(state.running_var + eps) * gamma + beta;
}

Grads backward(const torch::Tensor& dOut, const torch::Tensor& X, const torch::Tensor& gamma, double eps) {
  const double n = double(X.size(0));
  auto [var, mu] = torch::var_mean(X, {0}, /*unbiased=*/false);
  const torch::Tensor istd = torch::rsqrt(var + eps);
  const torch::Tensor c = X - mu;
  const torch::Tensor dxhat = dOut * gamma;
  const torch::Tensor dvar = (dxhat * c).sum(0) * -0.5 * istd.pow(3);
  const torch::Tensor dmu = -(dxhat * istd).sum(0) + dvar * (-2.0 / n) * c.sum(0);
  const torch::Tensor dX = dxhat * istd + dvar * 2.0 * c / n + dmu / n;
  return {dX, (dOut * c * istd).sum(0), dOut.sum(0)};
}

}  // namespace drill::batchnorm
