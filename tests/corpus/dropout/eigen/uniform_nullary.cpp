// expect: accepted
// std::uniform_real_distribution >= p through Eigen's NullaryExpr, which fills column by column; the scale as X.array() * (1 / (1 − p)).
#include <Eigen/Dense>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { Eigen::MatrixXd out; Eigen::MatrixXd mask; };

Forward forward(const Eigen::MatrixXd& X, double p, bool training, std::mt19937_64& rng) {
  if (p < 0 || p > 1) throw std::invalid_argument("p must be in [0, 1]");
  if (!training) return {X, Eigen::MatrixXd::Ones(X.rows(), X.cols())};
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const Eigen::MatrixXd mask = Eigen::MatrixXd::NullaryExpr(X.rows(), X.cols(), [&] { return u(rng) >= p ? 1.0 : 0.0; });
  if (p == 1) return {Eigen::MatrixXd::Zero(X.rows(), X.cols()), mask};
  return {(X.array() * mask.array() * (1.0 / (1 - p))).matrix(), mask};
}

Eigen::MatrixXd backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& mask, double p, bool training) {
  if (!training) return dOut;
  if (p == 1) return Eigen::MatrixXd::Zero(dOut.rows(), dOut.cols());
  return dOut.cwiseProduct(mask) / (1 - p);
}

}  // namespace drill::dropout
