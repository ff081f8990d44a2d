// Reference scaled dot-product attention: the answer key. Stable for any finite logits.
#include "attention.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace drill::attention {

namespace {
// S (n × m) = Q Kᵀ / sqrt(d_k); causal: S[i, j] = −inf for j > i, so exp() makes it 0.
Eigen::MatrixXd scores(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, bool causal) {
  if (causal && Q.rows() != K.rows()) throw std::invalid_argument("causal attention needs n == m");
  Eigen::MatrixXd S = (Q * K.transpose()) / std::sqrt(double(Q.cols()));
  if (causal) S.triangularView<Eigen::StrictlyUpper>().setConstant(-std::numeric_limits<double>::infinity());
  return S;
}

// Softmax of each row, shifted by the row's max so exp() never overflows (the diagonal is
// never masked, so every row's max is finite).
Eigen::MatrixXd softmax_rows(const Eigen::MatrixXd& S) {
  Eigen::ArrayXXd E = (S.colwise() - S.rowwise().maxCoeff()).array().exp();
  return (E.colwise() / E.rowwise().sum()).matrix();
}
}  // namespace

// O (n × d_v) = softmax(S) V
Eigen::MatrixXd forward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal) {
  return softmax_rows(scores(Q, K, causal)) * V;
}

// With P = softmax(S) and O = P V:
//   dV = Pᵀ dOut                       (m × d_v)
//   dP = dOut Vᵀ                       (n × m)
//   dS = P ∘ (dP − rowsum(P ∘ dP))     (softmax backward, one row at a time; masked P = 0)
//   dQ = dS K / sqrt(d_k),  dK = dSᵀ Q / sqrt(d_k)
Grads backward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal,
               const Eigen::MatrixXd& dOut) {
  const Eigen::MatrixXd P = softmax_rows(scores(Q, K, causal));
  const Eigen::MatrixXd dP = dOut * V.transpose();
  const Eigen::VectorXd row_dot = (P.array() * dP.array()).rowwise().sum();
  const Eigen::MatrixXd dS = (P.array() * (dP.colwise() - row_dot).array()).matrix();
  const double scale = 1.0 / std::sqrt(double(Q.cols()));
  return {dS * K * scale, dS.transpose() * Q * scale, P.transpose() * dOut};
}

}  // namespace drill::attention
