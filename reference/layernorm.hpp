// The layernorm contract (eigen flavor), exactly as the stub presents it: torch.nn.LayerNorm
// over each row of X (n × d), biased variance, eps inside the sqrt, per-feature gamma/beta (1 × d).
#pragma once
#include <Eigen/Dense>

namespace drill::layernorm {

// dX: n × d; dgamma, dbeta: 1 × d.
struct Grads { Eigen::MatrixXd dX; Eigen::RowVectorXd dgamma, dbeta; };

Eigen::MatrixXd forward(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, const Eigen::RowVectorXd& beta,
                        double eps);
Grads backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, double eps);

}  // namespace drill::layernorm
