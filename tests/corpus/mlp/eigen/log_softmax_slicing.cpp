// expect: accepted
// Log-softmax written out (log-sum-exp), arrays and Eigen 3.4 index slicing for batches,
// a generic momentum lambda, and init by NullaryExpr with one distribution per layer.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace drill::mlp {

struct Params { Eigen::MatrixXd W1; Eigen::RowVectorXd b1; Eigen::MatrixXd W2; Eigen::RowVectorXd b2; };
using Grads = Params;
struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };

namespace {
Eigen::ArrayXXd log_softmax(const Eigen::MatrixXd& L) {
  Eigen::ArrayXXd shifted = L.array().colwise() - L.array().rowwise().maxCoeff();
  Eigen::ArrayXd lse = shifted.exp().rowwise().sum().log();
  return shifted.colwise() - lse;
}
}  // namespace

Eigen::MatrixXd forward(const Params& p, const Eigen::MatrixXd& X) {
  Eigen::MatrixXd A = (X * p.W1).rowwise() + p.b1;
  A = A.array().max(0.0).matrix();
  Eigen::MatrixXd out = A * p.W2;
  out.rowwise() += p.b2;
  return out;
}

double loss_and_grads(const Params& p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, Grads& grads) {
  const double n = X.rows();
  Eigen::MatrixXd Z1 = (X * p.W1).rowwise() + p.b1;
  Eigen::MatrixXd A1 = Z1.array().max(0.0).matrix();
  Eigen::MatrixXd Z2 = (A1 * p.W2).rowwise() + p.b2;
  Eigen::ArrayXXd logp = log_softmax(Z2);
  Eigen::MatrixXd onehot = Eigen::MatrixXd::Zero(Z2.rows(), Z2.cols());
  for (Eigen::Index i = 0; i < y.size(); ++i) onehot(i, y(i)) = 1.0;
  const double loss = -(logp * onehot.array()).sum() / n;
  Eigen::MatrixXd dZ2 = (logp.exp().matrix() - onehot) / n;
  grads.W2.noalias() = A1.transpose() * dZ2;
  grads.b2 = dZ2.colwise().sum();
  Eigen::MatrixXd dA1 = dZ2 * p.W2.transpose();
  Eigen::MatrixXd dZ1 = (Z1.array() > 0).select(dA1, 0.0);
  grads.W1.noalias() = X.transpose() * dZ1;
  grads.b1 = dZ1.colwise().sum();
  return loss;
}

Params init(int d, int h, int c, std::mt19937_64& rng) {
  auto he = [&](int rows, int cols) {
    std::normal_distribution<double> dist(0.0, std::sqrt(2.0 / rows));
    return Eigen::MatrixXd(Eigen::MatrixXd::NullaryExpr(rows, cols, [&]() { return dist(rng); }));
  };
  Params p;
  p.W1 = he(d, h);
  p.b1 = Eigen::RowVectorXd::Zero(h);
  p.W2 = he(h, c);
  p.b2 = Eigen::RowVectorXd::Zero(c);
  return p;
}

Params train(Params p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const TrainOptions& opt,
             std::mt19937_64& rng) {
  Params vel{p.W1 * 0.0, p.b1 * 0.0, p.W2 * 0.0, p.b2 * 0.0};
  auto sgd = [&](auto& theta, auto& v, const auto& g) {
    v *= opt.momentum;
    v += g;
    theta -= opt.learning_rate * v;
  };
  std::vector<int> perm(X.rows());
  std::iota(perm.begin(), perm.end(), 0);
  for (int e = 0; e < opt.epochs; ++e) {
    std::shuffle(perm.begin(), perm.end(), rng);
    for (size_t start = 0; start < perm.size(); start += opt.batch_size) {
      const size_t stop = std::min(perm.size(), start + size_t(opt.batch_size));
      std::vector<int> rows(perm.begin() + start, perm.begin() + stop);
      Eigen::MatrixXd Xb = X(rows, Eigen::all);
      Eigen::VectorXi yb = y(rows);
      Grads g;
      loss_and_grads(p, Xb, yb, g);
      sgd(p.W1, vel.W1, g.W1);
      sgd(p.b1, vel.b1, g.b1);
      sgd(p.W2, vel.W2, g.W2);
      sgd(p.b2, vel.b2, g.b2);
    }
  }
  return p;
}

}  // namespace drill::mlp
