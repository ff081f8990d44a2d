// expect: wrong_answer
// case: edges(p=0|1,training)
// message: p = 1 drops everything: return zeros
// p = 1 not special-cased: X ∘ 0 / 0 = NaN.
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
  return {X.cwiseProduct(mask) / (1 - p), mask};
}

Eigen::MatrixXd backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& mask, double p, bool training) {
  if (!training) return dOut;
  return dOut.cwiseProduct(mask) / (1 - p);
}

}  // namespace drill::dropout
