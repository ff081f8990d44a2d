// Reference scaled dot-product attention in the torch flavor: graded as a candidate (must be
// accepted), with the backward pass by hand (autograd is off). Stable for any finite logits.
#include <torch/torch.h>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace drill::attention {

struct Grads { torch::Tensor dQ, dK, dV; };

namespace {
// S (n × m) = Q Kᵀ / sqrt(d_k); causal: S[i, j] = −inf for j > i, so exp() makes it 0.
torch::Tensor scores(const torch::Tensor& Q, const torch::Tensor& K, bool causal) {
  const int64_t n = Q.size(0), m = K.size(0);
  if (causal && n != m) throw std::invalid_argument("causal attention needs n == m");
  torch::Tensor S = Q.matmul(K.t()) / std::sqrt(double(Q.size(1)));
  if (causal) {
    const torch::Tensor future = torch::ones({n, m}, torch::kBool).triu(/*diagonal=*/1);  // j > i
    S = S.masked_fill(future, -std::numeric_limits<double>::infinity());
  }
  return S;
}

// Softmax of each row; torch::softmax subtracts the row's max itself (the diagonal is never
// masked, so every row's max is finite).
torch::Tensor softmax_rows(const torch::Tensor& S) { return torch::softmax(S, /*dim=*/1); }
}  // namespace

// O (n × d_v) = softmax(S) V
torch::Tensor forward(const torch::Tensor& Q, const torch::Tensor& K, const torch::Tensor& V, bool causal) {
  return softmax_rows(scores(Q, K, causal)).matmul(V);
}

// With P = softmax(S) and O = P V:
//   dV = Pᵀ dOut,  dP = dOut Vᵀ,  dS = P ∘ (dP − rowsum(P ∘ dP)),
//   dQ = dS K / sqrt(d_k),  dK = dSᵀ Q / sqrt(d_k)
Grads backward(const torch::Tensor& Q, const torch::Tensor& K, const torch::Tensor& V, bool causal,
               const torch::Tensor& dOut) {
  const torch::Tensor P = softmax_rows(scores(Q, K, causal));
  const torch::Tensor dP = dOut.matmul(V.t());
  const torch::Tensor dS = P * (dP - (P * dP).sum(1, /*keepdim=*/true));
  const double scale = 1.0 / std::sqrt(double(Q.size(1)));
  return {dS.matmul(K) * scale, dS.t().matmul(Q) * scale, P.t().matmul(dOut)};
}

}  // namespace drill::attention
