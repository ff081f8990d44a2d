// expect: wrong_answer
// case: forward(n=6,m=6,d_k=8,d_v=5,causal=true)
// message: the causal mask sets the scores to -0.0001, not −inf
// message: it sees the future
// absent: scale factor
// absent: times the expected
// The mask value is −1e-4 (a typo for −1e4): exp(−1e-4) ≈ 1, so every query still attends
// to the keys after it. Once got numbers only.
#include <Eigen/Dense>
#include <cmath>
#include <limits>

namespace drill::attention {
struct Grads { Eigen::MatrixXd dQ, dK, dV; };

static Eigen::MatrixXd probabilities(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, bool causal) {
  Eigen::MatrixXd S = Q * K.transpose() / std::sqrt(double(Q.cols()));
  if (causal)
    for (int i = 0; i < S.rows(); ++i)
      for (int j = i + 1; j < S.cols(); ++j) S(i, j) = -1e-4;  // meant −1e4: masked_fill(mask, -1e-4)
  Eigen::VectorXd mx = S.rowwise().maxCoeff();
  Eigen::ArrayXXd E = (S.colwise() - mx).array().exp();
  Eigen::ArrayXd sum = E.rowwise().sum();
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
