// expect: wrong_answer
// case: train_structure(n=40,d=30,p=0.3,seeds=1..5)
// message: scale the kept entries by 1/(1 − p), so E[out] = X
// The kept entries are not scaled: out = X ∘ mask (E[out] = (1 − p)·X).
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
  return {X.cwiseProduct(mask), mask};
}

Eigen::MatrixXd backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& mask, double p, bool training) {
  if (!training) return dOut;
  if (p == 1) return Eigen::MatrixXd::Zero(dOut.rows(), dOut.cols());
  return dOut.cwiseProduct(mask) / (1 - p);
}

}  // namespace drill::dropout
