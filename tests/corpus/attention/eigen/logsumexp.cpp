// expect: accepted
// Log-sum-exp softmax (P = exp(S − lse)), masking with Eigen's select, and dK written
// as (Qᵀ dS)ᵀ.
#include <Eigen/Dense>
#include <cmath>
#include <limits>

namespace drill::attention {
struct Grads { Eigen::MatrixXd dQ, dK, dV; };

static Eigen::MatrixXd probs(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, bool causal) {
  const Eigen::Index n = Q.rows(), m = K.rows();
  Eigen::ArrayXXd S = (Q * K.transpose()).array() / std::sqrt(double(Q.cols()));
  if (causal) {
    Eigen::ArrayXXi row = Eigen::VectorXi::LinSpaced(n, 0, int(n) - 1).replicate(1, m).array();
    Eigen::ArrayXXi col = Eigen::RowVectorXi::LinSpaced(m, 0, int(m) - 1).replicate(n, 1).array();
    S = (col > row).select(-std::numeric_limits<double>::infinity(), S);
  }
  Eigen::ArrayXd mx = S.rowwise().maxCoeff();
  Eigen::ArrayXd lse = mx + (S.colwise() - mx).exp().rowwise().sum().log();
  return (S.colwise() - lse).exp().matrix();
}

Eigen::MatrixXd forward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal) {
  return probs(Q, K, causal) * V;
}

Grads backward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal,
               const Eigen::MatrixXd& dOut) {
  const Eigen::MatrixXd P = probs(Q, K, causal);
  const Eigen::ArrayXXd dP = (dOut * V.transpose()).array();
  const Eigen::ArrayXXd PdP = P.array() * dP;
  const Eigen::ArrayXd rowsum = PdP.rowwise().sum();
  const Eigen::MatrixXd dS = (PdP - P.array().colwise() * rowsum).matrix() / std::sqrt(double(Q.cols()));
  Grads g;
  g.dQ = dS * K;
  g.dK = (Q.transpose() * dS).transpose();
  g.dV = P.transpose() * dOut;
  return g;
}
}  // namespace drill::attention
