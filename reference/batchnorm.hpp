// The batchnorm contract (eigen flavor), exactly as the stub presents it: torch.nn.BatchNorm1d
// over each column of X (n × d): training forward with running statistics, eval forward, backward.
#pragma once
#include <Eigen/Dense>

namespace drill::batchnorm {

// torch.nn.BatchNorm1d's buffers for d features: running_mean and running_var, 1 × d each.
struct State { Eigen::RowVectorXd running_mean, running_var; };
// dX: n × d; dgamma, dbeta: 1 × d.
struct Grads { Eigen::MatrixXd dX; Eigen::RowVectorXd dgamma, dbeta; };

Eigen::MatrixXd forward_train(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma,
                              const Eigen::RowVectorXd& beta, State& state, double momentum, double eps);
Eigen::MatrixXd forward_eval(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma,
                             const Eigen::RowVectorXd& beta, const State& state, double eps);
Grads backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, double eps);

}  // namespace drill::batchnorm
