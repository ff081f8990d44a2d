// Scaled dot-product self-attention, forward and backward — xtensor flavor (NumPy-like).
// Target: 30 minutes. Implement the two functions below; `mldrill check` grades them in this order.
// Shapes: n queries, m keys, d_k key width, d_v value width.
// Q is n × d_k, K is m × d_k, V is m × d_v; the output and dOut are n × d_v.
// Keep the names, signatures and struct exactly as they are: the grader calls them.
// xtensor 0.24 notes: xt::linalg::dot(Q, xt::transpose(K)) is Q @ K.T; evaluate a keep_dims
// reducer into a tensor before it broadcasts (xt::xtensor<double, 2> mx = xt::amax(S, {1},
// xt::keep_dims); then S - mx).
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace drill::attention {

struct Grads { xt::xtensor<double, 2> dQ, dK, dV; };

// softmax(Q Kᵀ / sqrt(d_k) + mask) V, the softmax over each row (one query, all its keys).
// causal: query i may not attend to key j > i (mask = −inf there, 0 elsewhere; needs n == m).
// Stable for logits up to 1e3.
xt::xtensor<double, 2> forward(const xt::xtensor<double, 2>& Q, const xt::xtensor<double, 2>& K,
                               const xt::xtensor<double, 2>& V, bool causal) {
  throw std::logic_error("not implemented: forward");
}

// Gradients of sum(forward(Q, K, V, causal) ∘ dOut) with respect to Q, K and V
// (dQ is n × d_k, dK is m × d_k, dV is m × d_v). Written by hand: no autograd.
Grads backward(const xt::xtensor<double, 2>& Q, const xt::xtensor<double, 2>& K, const xt::xtensor<double, 2>& V,
               bool causal, const xt::xtensor<double, 2>& dOut) {
  throw std::logic_error("not implemented: backward");
}

}  // namespace drill::attention
