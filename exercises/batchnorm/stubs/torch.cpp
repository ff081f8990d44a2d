// Batch normalization, training and eval forward, hand-written backward — torch flavor
// (LibTorch, double precision). Target: 25 minutes. Implement the three functions below;
// `mldrill check` grades them in order.
// Shapes: n samples (rows), d features. X is n × d; gamma, beta and the running statistics
// have d entries (1-D). As torch.nn.BatchNorm1d(d, eps, momentum), each feature (column) j
// is normalised over the batch (the n rows):
//   mu_j = mean_i X(i, j);  var_j = mean_i (X(i, j) − mu_j)²   (BIASED: divide by n)
//   out(i, j) = gamma(j) · (X(i, j) − mu_j) / sqrt(var_j + eps) + beta(j)   (eps inside the sqrt)
// Tensors arrive as torch::kFloat64 and must be returned as kFloat64 with these shapes.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// Autograd is off, and torch::batch_norm / nn::BatchNorm1d (the drill in one call) are
// refused: write both passes from mean, pow, sqrt and sum. The const inputs are shared, not
// copied: do not modify them in place (clone() first); `state` is yours to update.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::batchnorm {

// torch.nn.BatchNorm1d's buffers for d features: running_mean and running_var, d entries each.
struct State { torch::Tensor running_mean, running_var; };
// dX: n × d; dgamma, dbeta: d.
struct Grads { torch::Tensor dX; torch::Tensor dgamma, dbeta; };

// Training mode: out (n × d) with the batch's own statistics as above, and `state` updated in
// place with PyTorch's momentum (the weight of the NEW batch) and the UNBIASED variance:
//   running_mean = (1 − momentum) · running_mean + momentum · mu
//   running_var  = (1 − momentum) · running_var  + momentum · var · n / (n − 1)
// Throws std::invalid_argument when n < 2, leaving `state` unchanged. Stable when |mean| ≫ std.
torch::Tensor forward_train(const torch::Tensor& X, const torch::Tensor& gamma, const torch::Tensor& beta,
                            State& state, double momentum, double eps) {
  throw std::logic_error("not implemented: forward_train");
}

// Eval mode: out(i, j) = gamma(j) · (X(i, j) − running_mean(j)) / sqrt(running_var(j) + eps) + beta(j).
// Only the running statistics (any n ≥ 1, a single row too); the state is not changed.
torch::Tensor forward_eval(const torch::Tensor& X, const torch::Tensor& gamma, const torch::Tensor& beta,
                           const State& state, double eps) {
  throw std::logic_error("not implemented: forward_eval");
}

// Gradients of sum(forward_train(X, gamma, beta, …) ∘ dOut) with respect to X, gamma and beta,
// through the batch statistics (mu and var depend on X), written by hand. dOut is n × d, n ≥ 2;
// dgamma and dbeta are sums over the rows.
Grads backward(const torch::Tensor& dOut, const torch::Tensor& X, const torch::Tensor& gamma, double eps) {
  throw std::logic_error("not implemented: backward");
}

}  // namespace drill::batchnorm
