// The dropout contract (eigen flavor), exactly as the stub presents it: inverted dropout as
// torch.nn.functional.dropout (p = the probability of dropping), the 0/1 mask it drew, backward.
#pragma once
#include <Eigen/Dense>
#include <random>

namespace drill::dropout {

// out: n × d; mask: n × d, every entry exactly 0.0 (dropped) or 1.0 (kept).
struct Forward { Eigen::MatrixXd out; Eigen::MatrixXd mask; };

Forward forward(const Eigen::MatrixXd& X, double p, bool training, std::mt19937_64& rng);
Eigen::MatrixXd backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& mask, double p, bool training);

}  // namespace drill::dropout
