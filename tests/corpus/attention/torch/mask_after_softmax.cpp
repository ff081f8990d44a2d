// expect: wrong_answer
// case: forward(n=6,m=6,d_k=8,d_v=5,causal=true)
// message: after the softmax
// message: before the softmax
// Softmax over all keys, then the future probabilities zeroed (rows no longer sum to 1).
#include <torch/torch.h>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace drill::attention {

struct Grads { torch::Tensor dQ, dK, dV; };

namespace {
// P = softmax(Q Kᵀ / sqrt(d_k)) over all keys; causal: then P[i, j] = 0 for j > i.
torch::Tensor scores(const torch::Tensor& Q, const torch::Tensor& K, bool causal) {
  const int64_t n = Q.size(0), m = K.size(0);
  if (causal && n != m) throw std::invalid_argument("causal attention needs n == m");
  torch::Tensor S = Q.matmul(K.t()) / std::sqrt(double(Q.size(1)));
  if (causal) {
    const torch::Tensor future = torch::ones({n, m}, torch::kBool).triu(/*diagonal=*/1);  // j > i
    return torch::softmax(S, /*dim=*/1).masked_fill(future, 0.0);
  }
  return torch::softmax(S, /*dim=*/1);
}

torch::Tensor softmax_rows(const torch::Tensor& P) { return P; }  // scores() already did it
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
