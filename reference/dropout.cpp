// Reference inverted dropout: the answer key. One std::bernoulli_distribution(1 − p) draw per
// entry, row by row, every draw from the caller's engine; p = 1 special-cased to zeros (no 0/0).
#include "dropout.hpp"

#include <stdexcept>

namespace drill::dropout {

namespace {
void check_p(double p) {
  if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("dropout probability has to be between 0 and 1");
}
// 1/(1 − p), and 0 at p = 1 where every entry is dropped (the mask is all zeros anyway).
double scale(double p) { return p < 1.0 ? 1.0 / (1.0 - p) : 0.0; }
}  // namespace

Forward forward(const Eigen::MatrixXd& X, double p, bool training, std::mt19937_64& rng) {
  check_p(p);
  if (!training) return {X, Eigen::MatrixXd::Ones(X.rows(), X.cols())};
  Eigen::MatrixXd mask(X.rows(), X.cols());
  std::bernoulli_distribution keep(1.0 - p);
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j) mask(i, j) = keep(rng) ? 1.0 : 0.0;
  return {(X.array() * mask.array() * scale(p)).matrix(), mask};
}

Eigen::MatrixXd backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& mask, double p, bool training) {
  if (!training) return dOut;
  return (dOut.array() * mask.array() * scale(p)).matrix();
}

}  // namespace drill::dropout
