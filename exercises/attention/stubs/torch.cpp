// Scaled dot-product self-attention, forward and backward — torch flavor (LibTorch, double
// precision). Target: 30 minutes. Implement the two functions below; `mldrill check` grades
// them in this order.
// Shapes: n queries, m keys, d_k key width, d_v value width.
// Q is n × d_k, K is m × d_k, V is m × d_v; the output and dOut are n × d_v.
// Tensors arrive as torch::kFloat64 and must be returned as kFloat64 with these shapes.
// Keep the names, signatures and struct exactly as they are: the grader calls them.
// Autograd is off: write the backward pass by hand (.backward() and torch::autograd::grad are
// refused). The inputs are shared, not copied: do not modify them in place (clone() first).
#include <torch/torch.h>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace drill::attention {

struct Grads { torch::Tensor dQ, dK, dV; };

// softmax(Q Kᵀ / sqrt(d_k) + mask) V, the softmax over each row (one query, all its keys).
// causal: query i may not attend to key j > i (mask = −inf there, 0 elsewhere; needs n == m).
// Stable for logits up to 1e3.
torch::Tensor forward(const torch::Tensor& Q, const torch::Tensor& K, const torch::Tensor& V, bool causal) {
  throw std::logic_error("not implemented: forward");
}

// Gradients of sum(forward(Q, K, V, causal) ∘ dOut) with respect to Q, K and V
// (dQ is n × d_k, dK is m × d_k, dV is m × d_v). Written by hand: no autograd.
Grads backward(const torch::Tensor& Q, const torch::Tensor& K, const torch::Tensor& V, bool causal,
               const torch::Tensor& dOut) {
  throw std::logic_error("not implemented: backward");
}

}  // namespace drill::attention
