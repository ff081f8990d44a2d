// expect: wrong_answer
// case: stability(n=6,m=6,d_k=9,d_v=4,|logits|<=1e3)
// message: subtract each row's own max
// message: numerical stability
// A softmax by hand, exp(S) without subtracting the row max: overflows at logits of 1e3.
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

// Softmax of each row, by hand.
torch::Tensor softmax_rows(const torch::Tensor& S) {
  const torch::Tensor E = S.exp();
  return E / E.sum(1, /*keepdim=*/true);
}
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
