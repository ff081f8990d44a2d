// Inverted dropout, forward and backward — torch flavor (LibTorch, double precision).
// Target: 15 minutes. Implement the two functions below; `mldrill check` grades them in order.
// As torch.nn.functional.dropout(X, p, training): p is the probability of DROPPING an entry.
//   training: keep each entry independently with probability 1 − p; mask(i, j) = 1.0 if kept,
//     0.0 if dropped; out = X ∘ mask / (1 − p) (inverted dropout: E[out] = X).
//     Every random number comes from rng (the same rng state gives the same mask, and
//     successive calls on one rng give fresh masks): torch::rand and torch::bernoulli draw
//     from torch's own generator, not rng, and fail that. p = 0: out = X; p = 1: all zeros.
//   eval (training = false): the identity, out = X, mask all ones.
// The mask is graded statistically (keep rate, independence, E[out] = X), not against a
// reference mask: any distribution and traversal order that keeps each entry with 1 − p is right.
// Tensors arrive as torch::kFloat64; return out and the mask (0.0/1.0, not kBool) as kFloat64,
// n × d. Autograd is off and torch::dropout (the drill in one call) is refused. The inputs are
// shared, not copied: do not modify them in place (clone() first).
// Keep the names, signatures and structs exactly as they are: the grader calls them.
#include <torch/torch.h>
#include <random>
#include <stdexcept>

namespace drill::dropout {

// out: n × d; mask: n × d, every entry exactly 0.0 (dropped) or 1.0 (kept).
struct Forward { torch::Tensor out; torch::Tensor mask; };

// Throws std::invalid_argument unless 0 ≤ p ≤ 1, in either mode (as PyTorch).
Forward forward(const torch::Tensor& X, double p, bool training, std::mt19937_64& rng) {
  throw std::logic_error("not implemented: forward");
}

// Gradient of sum(forward(X, p, training, rng).out ∘ dOut) with respect to X, given the mask
// that forward drew: training: dOut ∘ mask / (1 − p) (all zeros when p = 1); eval: dOut.
torch::Tensor backward(const torch::Tensor& dOut, const torch::Tensor& mask, double p, bool training) {
  throw std::logic_error("not implemented: backward");
}

}  // namespace drill::dropout
