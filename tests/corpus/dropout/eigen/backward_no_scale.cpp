// expect: gradient_mismatch
// case: backward(n=6,d=5,p=0.4,seed=7)
// message: the forward scaled the kept entries, so does the backward
// Backward without the 1/(1 − p) scale: dX = dOut ∘ mask.
#include <Eigen/Dense>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { Eigen::MatrixXd out; Eigen::MatrixXd mask; };

Forward forward(const Eigen::MatrixXd& X, double p, bool training, std::mt19937_64& rng) {
  if (p < 0 || p > 1) throw std::invalid_argument("p must be in [0, 1]");
  if (!training) return {X, Eigen::MatrixXd::Ones(X.rows(), X.cols())};
  Eigen::MatrixXd mask(X.rows(), X.cols());
  std::bernoulli_distribution keep(1 - p);
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j) mask(i, j) = keep(rng) ? 1.0 : 0.0;
  if (p == 1) return {Eigen::MatrixXd::Zero(X.rows(), X.cols()), mask};
  return {X.cwiseProduct(mask) / (1 - p), mask};
}

Eigen::MatrixXd backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& mask, double p, bool training) {
  if (!training) return dOut;
  return dOut.cwiseProduct(mask);
}

}  // namespace drill::dropout
