// Inverted dropout, forward and backward — xtensor flavor (NumPy-like). Target: 15 minutes.
// Implement the two functions below; `mldrill check` grades them in this order.
// As torch.nn.functional.dropout(X, p, training): p is the probability of DROPPING an entry.
//   training: keep each entry independently with probability 1 − p; mask(i, j) = 1.0 if kept,
//     0.0 if dropped; out = X ∘ mask / (1 − p) (inverted dropout: E[out] = X).
//     Every random number comes from rng (the same rng state gives the same mask, and
//     successive calls on one rng give fresh masks); xt::random uses a generator of its own
//     unless you pass it rng. p = 0: out = X; p = 1: all zeros (no 0/0).
//   eval (training = false): the identity, out = X, mask all ones.
// The mask is graded statistically (keep rate, independence, E[out] = X), not against a
// reference mask: any distribution and traversal order that keeps each entry with 1 − p is right.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <random>
#include <stdexcept>

namespace drill::dropout {

// out: n × d; mask: n × d, every entry exactly 0.0 (dropped) or 1.0 (kept).
struct Forward { xt::xtensor<double, 2> out; xt::xtensor<double, 2> mask; };

// Throws std::invalid_argument unless 0 ≤ p ≤ 1, in either mode (as PyTorch).
Forward forward(const xt::xtensor<double, 2>& X, double p, bool training, std::mt19937_64& rng) {
  throw std::logic_error("not implemented: forward");
}

// Gradient of sum(forward(X, p, training, rng).out ∘ dOut) with respect to X, given the mask
// that forward drew: training: dOut ∘ mask / (1 − p) (all zeros when p = 1); eval: dOut.
xt::xtensor<double, 2> backward(const xt::xtensor<double, 2>& dOut, const xt::xtensor<double, 2>& mask, double p,
                                bool training) {
  throw std::logic_error("not implemented: backward");
}

}  // namespace drill::dropout
