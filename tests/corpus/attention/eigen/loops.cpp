// expect: accepted
// Plain loops everywhere: masked keys are skipped rather than set to −inf, the softmax
// subtracts each row's max, and the backward pass accumulates entry by entry.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <vector>

namespace drill::attention {
struct Grads { Eigen::MatrixXd dQ, dK, dV; };

// P (n × m): row i is the softmax over the keys query i may see; the others stay 0.
static Eigen::MatrixXd attention_weights(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, bool causal) {
  const int n = Q.rows(), m = K.rows(), dk = Q.cols();
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(n, m);
  for (int i = 0; i < n; ++i) {
    const int last = causal ? i : m - 1;
    double best = -1e300;
    for (int j = 0; j <= last; ++j) {
      double s = 0;
      for (int k = 0; k < dk; ++k) s += Q(i, k) * K(j, k);
      P(i, j) = s / std::sqrt(double(dk));
      best = std::max(best, P(i, j));
    }
    double total = 0;
    for (int j = 0; j <= last; ++j) {
      P(i, j) = std::exp(P(i, j) - best);
      total += P(i, j);
    }
    for (int j = 0; j <= last; ++j) P(i, j) /= total;
  }
  return P;
}

Eigen::MatrixXd forward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal) {
  Eigen::MatrixXd P = attention_weights(Q, K, causal);
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(Q.rows(), V.cols());
  for (int i = 0; i < P.rows(); ++i)
    for (int j = 0; j < P.cols(); ++j)
      for (int c = 0; c < V.cols(); ++c) out(i, c) += P(i, j) * V(j, c);
  return out;
}

Grads backward(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& K, const Eigen::MatrixXd& V, bool causal,
               const Eigen::MatrixXd& dOut) {
  const int n = Q.rows(), m = K.rows(), dk = Q.cols(), dv = V.cols();
  const double scale = 1.0 / std::sqrt(double(dk));
  Eigen::MatrixXd P = attention_weights(Q, K, causal);
  Grads g{Eigen::MatrixXd::Zero(n, dk), Eigen::MatrixXd::Zero(m, dk), Eigen::MatrixXd::Zero(m, dv)};
  for (int i = 0; i < n; ++i) {
    // dP[i, j] = dOut[i] · V[j]; dS[i, j] = P[i, j] (dP[i, j] − Σ_l P[i, l] dP[i, l])
    std::vector<double> dP(m, 0.0);
    double weighted = 0;
    for (int j = 0; j < m; ++j) {
      for (int c = 0; c < dv; ++c) dP[j] += dOut(i, c) * V(j, c);
      weighted += P(i, j) * dP[j];
    }
    for (int j = 0; j < m; ++j) {
      const double dS = P(i, j) * (dP[j] - weighted);
      for (int k = 0; k < dk; ++k) {
        g.dQ(i, k) += dS * K(j, k) * scale;
        g.dK(j, k) += dS * Q(i, k) * scale;
      }
      for (int c = 0; c < dv; ++c) g.dV(j, c) += P(i, j) * dOut(i, c);
    }
  }
  return g;
}
}  // namespace drill::attention
