// Two-layer network with hand-written backprop — torch flavor (LibTorch, double precision).
// Target: 60 minutes. Implement the four functions below; `mldrill check` grades them in order.
// Shapes: n samples, d features, h hidden units, c classes. X is n × d (one sample per row),
// y is n labels in [0, c) (torch::kInt64). W1 is d × h, b1 is h (1-D), W2 h × c, b2 c (1-D).
//   logits = relu(X @ W1 + b1) @ W2 + b2      (a 1-D bias broadcasts over the rows)
// Tensors arrive as torch::kFloat64 and must be returned as kFloat64 with these shapes.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// Autograd is off: write the backward pass by hand (.backward() and torch::autograd::grad are
// refused). The inputs are shared, not copied: do not modify them in place (clone() first).
#include <torch/torch.h>
#include <cmath>
#include <random>
#include <stdexcept>

namespace drill::mlp {

struct Params { torch::Tensor W1; torch::Tensor b1; torch::Tensor W2; torch::Tensor b2; };
using Grads = Params;  // same shapes, holding dL/dparam

struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };

// The n × c logits: relu(X @ W1 + b1) @ W2 + b2 (no softmax).
torch::Tensor forward(const Params& p, const torch::Tensor& X) {
  throw std::logic_error("not implemented: forward");
}

// Mean softmax cross-entropy over the n rows (labels in [0, c)); fills every field of grads
// with dL/dparam (assign them: their old contents are garbage). Stable for logits up to 1e3:
// subtract each row's max before exp().
double loss_and_grads(const Params& p, const torch::Tensor& X, const torch::Tensor& y, Grads& grads) {
  throw std::logic_error("not implemented: loss_and_grads");
}

// He initialisation: W1, W2 drawn from a normal with std sqrt(2 / fan_in) (fan_in = rows of W),
// biases zero. Draw every number from rng (std::normal_distribution), not torch's generator.
Params init(int d, int h, int c, std::mt19937_64& rng) {
  throw std::logic_error("not implemented: init");
}

// Minibatch SGD with momentum, as PyTorch's SGD: for each parameter θ, a velocity v (zero at
// the start, kept across all steps and epochs): v = momentum · v + dL/dθ;  θ −= learning_rate · v.
// Each epoch shuffles the rows with rng, then steps once per batch of batch_size rows (the
// last batch may be smaller).
Params train(Params p, const torch::Tensor& X, const torch::Tensor& y, const TrainOptions& opt,
             std::mt19937_64& rng) {
  throw std::logic_error("not implemented: train");
}

}  // namespace drill::mlp
