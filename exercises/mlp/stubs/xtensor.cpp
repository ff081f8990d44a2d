// Two-layer network with hand-written backprop — xtensor flavor (NumPy-like). Target: 60 minutes.
// Implement the four functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features, h hidden units, c classes. X is n × d (one sample per row),
// y is n labels in [0, c). W1 is d × h, b1 is h (1-D), W2 h × c, b2 c (1-D).
//   logits = relu(X @ W1 + b1) @ W2 + b2      (xt::linalg::dot(X, W1) + b1 broadcasts b1)
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// xtensor 0.24 trap: evaluate a keep_dims reducer into a tensor before it broadcasts
// (xt::xtensor<double, 2> m = xt::amax(L, {1}, xt::keep_dims); then L - m).
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <cmath>
#include <random>
#include <stdexcept>

namespace drill::mlp {

struct Params { xt::xtensor<double, 2> W1; xt::xtensor<double, 1> b1; xt::xtensor<double, 2> W2; xt::xtensor<double, 1> b2; };
using Grads = Params;  // same shapes, holding dL/dparam

struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };

// The n × c logits: relu(X @ W1 + b1) @ W2 + b2 (no softmax).
xt::xtensor<double, 2> forward(const Params& p, const xt::xtensor<double, 2>& X) {
  throw std::logic_error("not implemented: forward");
}

// Mean softmax cross-entropy over the n rows (labels in [0, c)); fills every field of grads
// with dL/dparam (assign them: their old contents are garbage). Stable for logits up to 1e3:
// subtract each row's max before exp().
double loss_and_grads(const Params& p, const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, Grads& grads) {
  throw std::logic_error("not implemented: loss_and_grads");
}

// He initialisation: W1, W2 drawn from a normal with std sqrt(2 / fan_in) (fan_in = rows of W),
// biases zero. Draw every number from rng (std::normal_distribution).
Params init(int d, int h, int c, std::mt19937_64& rng) {
  throw std::logic_error("not implemented: init");
}

// Minibatch SGD with momentum, as PyTorch's SGD: for each parameter θ, a velocity v (zero at
// the start, kept across all steps and epochs): v = momentum · v + dL/dθ;  θ −= learning_rate · v.
// Each epoch shuffles the rows with rng, then steps once per batch of batch_size rows (the
// last batch may be smaller): xt::view(X, xt::keep(rows), xt::all()).
Params train(Params p, const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, const TrainOptions& opt,
             std::mt19937_64& rng) {
  throw std::logic_error("not implemented: train");
}

}  // namespace drill::mlp
