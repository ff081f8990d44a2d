// expect: accepted
// Another correct style: scores with torch::einsum, an additive mask of −inf built with
// torch::full(...).triu(1), the softmax as exp(S − logsumexp(S)), and the backward pass
// written with einsum too (dS = P ∘ (dP − Σⱼ Pᵢⱼ dPᵢⱼ)).
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::attention {

struct Grads { torch::Tensor dQ, dK, dV; };

namespace {
torch::Tensor weights(const torch::Tensor& Q, const torch::Tensor& K, bool causal) {
  const int64_t n = Q.size(0), m = K.size(0);
  if (causal && n != m) throw std::invalid_argument("causal attention needs as many queries as keys");
  torch::Tensor S = torch::einsum("id,jd->ij", {Q, K}) / std::sqrt(double(Q.size(1)));
  if (causal) S = S + torch::full({n, m}, -INFINITY, torch::kFloat64).triu(1);
  return (S - S.logsumexp(1, /*keepdim=*/true)).exp();
}
}  // namespace

torch::Tensor forward(const torch::Tensor& Q, const torch::Tensor& K, const torch::Tensor& V, bool causal) {
  return torch::einsum("ij,jv->iv", {weights(Q, K, causal), V});
}

Grads backward(const torch::Tensor& Q, const torch::Tensor& K, const torch::Tensor& V, bool causal,
               const torch::Tensor& dOut) {
  const torch::Tensor P = weights(Q, K, causal);
  const torch::Tensor dP = torch::einsum("iv,jv->ij", {dOut, V});
  const torch::Tensor dS = P * (dP - torch::einsum("ij,ij->i", {P, dP}).unsqueeze(1)) / std::sqrt(double(Q.size(1)));
  return {torch::einsum("ij,jd->id", {dS, K}), torch::einsum("ij,id->jd", {dS, Q}),
          torch::einsum("ij,iv->jv", {P, dOut})};
}

}  // namespace drill::attention
