// Layer normalization, forward and backward — eigen flavor. Target: 20 minutes.
// Implement the two functions below; `mldrill check` grades them in this order.
// Shapes: n samples (rows), d features. X is n × d; gamma and beta are 1 × d (per feature).
// As torch.nn.LayerNorm(d, eps), each row i is normalised over its own d features:
//   mu_i = mean_j X(i, j);  var_i = mean_j (X(i, j) − mu_i)²   (biased: divide by d)
//   out(i, j) = gamma(j) · (X(i, j) − mu_i) / sqrt(var_i + eps) + beta(j)   (eps inside the sqrt)
// Keep the names, signatures and structs exactly as they are: the grader calls them.
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

// dX: n × d; dgamma, dbeta: 1 × d.
struct Grads { Eigen::MatrixXd dX; Eigen::RowVectorXd dgamma, dbeta; };

// out (n × d) as above. Any n ≥ 1, d ≥ 1: a constant row (variance 0, e.g. d = 1) gives
// out = beta, never NaN. Stable when |mean| ≫ std: subtract the mean before squaring.
Eigen::MatrixXd forward(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, const Eigen::RowVectorXd& beta,
                        double eps) {
  throw std::logic_error("not implemented: forward");
}

// Gradients of sum(forward(X, gamma, beta, eps) ∘ dOut) with respect to X, gamma and beta
// (beta does not enter them), written by hand. dOut is n × d; dgamma and dbeta are sums over
// the rows.
Grads backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, double eps) {
  throw std::logic_error("not implemented: backward");
}

}  // namespace drill::layernorm
