// The scaled dot-product self-attention contract (eigen flavor), exactly as the stub presents it.
// Shapes: n queries, m keys, d_k key width, d_v value width.
// Q is n × d_k, K is m × d_k, V is m × d_v; the output and dOut are n × d_v.
#pragma once
#include <Eigen/Dense>

namespace drill::attention {

struct Grads { Eigen::MatrixXd dQ, dK, dV; };

Eigen::MatrixXd forward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal);
Grads backward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal,
               const Eigen::MatrixXd& dOut);

}  // namespace drill::attention
