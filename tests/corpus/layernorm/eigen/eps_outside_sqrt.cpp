// expect: wrong_answer
// case: forward(n=6,d=10)
// message: eps goes inside: sqrt(var + eps)
// (x − mu) / (sqrt(var) + eps): eps added to the standard deviation.
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

struct Grads { Eigen::MatrixXd dX; Eigen::RowVectorXd dgamma, dbeta; };

// x̂ and 1 / sqrt(var + eps), per row.
struct Stats { Eigen::ArrayXXd xhat; Eigen::ArrayXd istd; };

Stats stats(const Eigen::MatrixXd& X, double eps) {
  const Eigen::ArrayXXd centred = (X.colwise() - X.rowwise().mean()).array();
  const Eigen::ArrayXd var = centred.square().rowwise().sum() / double(X.cols());
  const Eigen::ArrayXd istd = 1.0 / (var.sqrt() + eps);
  return {centred.colwise() * istd, istd};
}

Eigen::MatrixXd forward(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, const Eigen::RowVectorXd& beta,
                        double eps) {
  const Stats s = stats(X, eps);
  return ((s.xhat.rowwise() * gamma.array()).rowwise() + beta.array()).matrix();
}

Grads backward(const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& X, const Eigen::RowVectorXd& gamma, double eps) {
  const Stats s = stats(X, eps);
  const double d = double(X.cols());
  const Eigen::ArrayXXd dxhat = dOut.array().rowwise() * gamma.array();
  const Eigen::ArrayXd sum_dxhat = dxhat.rowwise().sum();
  const Eigen::ArrayXd sum_dxhat_xhat = (dxhat * s.xhat).rowwise().sum();
  Grads g;
  // dX = istd / d · (d·dx̂ − Σ dx̂ − x̂ · Σ dx̂∘x̂), row by row.
  g.dX = (((d * dxhat).colwise() - sum_dxhat - s.xhat.colwise() * sum_dxhat_xhat).colwise() * (s.istd / d)).matrix();
  g.dgamma = (dOut.array() * s.xhat).colwise().sum().matrix();
  g.dbeta = dOut.colwise().sum();
  return g;
}

}  // namespace drill::layernorm
