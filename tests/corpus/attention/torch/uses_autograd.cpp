// expect: compile_error
// message: autograd is off in this drill: write the backward pass by hand
// The gradients from autograd instead of by hand: refused before it runs.
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
  torch::AutoGradMode on(true);
  const torch::Tensor q = Q.detach().requires_grad_(), k = K.detach().requires_grad_(),
                      v = V.detach().requires_grad_();
  (forward(q, k, v, causal) * dOut).sum().backward();
  return {q.grad(), k.grad(), v.grad()};
}

}  // namespace drill::attention
