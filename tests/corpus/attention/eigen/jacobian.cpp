// expect: accepted
// Row by row with the softmax Jacobian written out, J = diag(p) − p pᵀ; Q is scaled before
// the product, and the causal mask is an additive −1e9.
#include <Eigen/Dense>
#include <cmath>

namespace drill::attention {
struct Grads { Eigen::MatrixXd dQ, dK, dV; };

static Eigen::RowVectorXd softmax(const Eigen::RowVectorXd& s) {
  Eigen::RowVectorXd e = (s.array() - s.maxCoeff()).exp();
  return e / e.sum();
}

static Eigen::MatrixXd weights(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, bool causal) {
  Eigen::MatrixXd S = (Q / std::sqrt(double(Q.cols()))) * K.transpose();
  if (causal) {
    Eigen::MatrixXd mask = Eigen::MatrixXd::Zero(S.rows(), S.cols());
    mask.triangularView<Eigen::StrictlyUpper>().setConstant(-1e9);
    S += mask;
  }
  Eigen::MatrixXd P(S.rows(), S.cols());
  for (int i = 0; i < S.rows(); ++i) P.row(i) = softmax(S.row(i));
  return P;
}

Eigen::MatrixXd forward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal) {
  return weights(Q, K, causal) * V;
}

Grads backward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal,
               const Eigen::MatrixXd& dOut) {
  const Eigen::MatrixXd P = weights(Q, K, causal);
  const Eigen::MatrixXd dP = dOut * V.transpose();
  Eigen::MatrixXd dS(P.rows(), P.cols());
  for (int i = 0; i < P.rows(); ++i) {
    Eigen::VectorXd p = P.row(i).transpose();
    Eigen::MatrixXd J = Eigen::MatrixXd(p.asDiagonal()) - p * p.transpose();
    dS.row(i) = (J * dP.row(i).transpose()).transpose();
  }
  const double r = std::sqrt(double(Q.cols()));
  return {dS * K / r, dS.transpose() * Q / r, P.transpose() * dOut};
}
}  // namespace drill::attention
