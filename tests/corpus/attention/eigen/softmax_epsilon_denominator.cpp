// expect: wrong_answer
// case: forward(n=6,m=6,d_k=8,d_v=5,causal=false)
// message: off by about ε = 1e-06
// message: softmax's denominator
// absent: scale factor
// absent: times the expected
// An ε in the softmax's denominator "to avoid division by zero" (after subtracting the max
// the sum is at least 1, so it only makes every probability slightly small). Once read as
// "every entry is 0.999999 times the expected one: a scale factor is wrong".
#include <Eigen/Dense>
#include <cmath>
#include <limits>

namespace drill::attention {
struct Grads { Eigen::MatrixXd dQ, dK, dV; };

static Eigen::MatrixXd probabilities(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, bool causal) {
  Eigen::MatrixXd S = Q * K.transpose() / std::sqrt(double(Q.cols()));
  if (causal)
    for (int i = 0; i < S.rows(); ++i)
      for (int j = i + 1; j < S.cols(); ++j) S(i, j) = -std::numeric_limits<double>::infinity();
  Eigen::VectorXd mx = S.rowwise().maxCoeff();
  Eigen::ArrayXXd E = (S.colwise() - mx).array().exp();
  Eigen::ArrayXd sum = E.rowwise().sum() + 1e-6;  // "avoid division by zero"
  return (E.colwise() / sum).matrix();
}

Eigen::MatrixXd forward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal) {
  return probabilities(Q, K, causal) * V;
}

Grads backward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal,
               const Eigen::MatrixXd& dOut) {
  Eigen::MatrixXd P = probabilities(Q, K, causal);
  Eigen::MatrixXd dP = dOut * V.transpose();
  Eigen::VectorXd rowdot = (P.array() * dP.array()).rowwise().sum();
  Eigen::MatrixXd dS = P.array() * (dP.colwise() - rowdot).array();
  double scale = 1.0 / std::sqrt(double(Q.cols()));
  Grads g;
  g.dQ = dS * K * scale;
  g.dK = dS.transpose() * Q * scale;
  g.dV = P.transpose() * dOut;
  return g;
}
}  // namespace drill::attention
