// expect: wrong_answer
// case: train(xor,h=8,batch=4,epochs=1000)
// message: train stopped after
// message: of 1000 epochs
// absent: one epoch too
// A training loop with a convergence test: it stops once the epoch's loss changes by less
// than 1e-6, which the contract does not allow (exactly `epochs` epochs).
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

namespace drill::mlp {

struct Params { Eigen::MatrixXd W1; Eigen::RowVectorXd b1; Eigen::MatrixXd W2; Eigen::RowVectorXd b2; };
using Grads = Params;
struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };

Eigen::MatrixXd forward(const Params& p, const Eigen::MatrixXd& X) {
  Eigen::MatrixXd H = ((X * p.W1).rowwise() + p.b1).cwiseMax(0.0);
  return (H * p.W2).rowwise() + p.b2;
}

double loss_and_grads(const Params& p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, Grads& grads) {
  const int n = int(X.rows());
  Eigen::MatrixXd Z = (X * p.W1).rowwise() + p.b1;
  Eigen::MatrixXd H = Z.cwiseMax(0.0);
  Eigen::MatrixXd L = (H * p.W2).rowwise() + p.b2;
  Eigen::MatrixXd P = (L.colwise() - L.rowwise().maxCoeff()).array().exp();
  P.array().colwise() /= P.rowwise().sum().array();
  double loss = 0;
  for (int i = 0; i < n; ++i) loss -= std::log(std::max(P(i, y[i]), 1e-300));
  loss /= n;
  Eigen::MatrixXd dL = P;
  for (int i = 0; i < n; ++i) dL(i, y[i]) -= 1.0;
  dL /= n;
  grads.W2 = H.transpose() * dL;
  grads.b2 = dL.colwise().sum();
  Eigen::MatrixXd dZ = (dL * p.W2.transpose()).array() * (Z.array() > 0).cast<double>();
  grads.W1 = X.transpose() * dZ;
  grads.b1 = dZ.colwise().sum();
  return loss;
}

Params init(int d, int h, int c, std::mt19937_64& rng) {
  std::normal_distribution<double> n1(0.0, std::sqrt(2.0 / d)), n2(0.0, std::sqrt(2.0 / h));
  Params p{Eigen::MatrixXd(d, h), Eigen::RowVectorXd::Zero(h), Eigen::MatrixXd(h, c), Eigen::RowVectorXd::Zero(c)};
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < h; ++j) p.W1(i, j) = n1(rng);
  for (int i = 0; i < h; ++i)
    for (int j = 0; j < c; ++j) p.W2(i, j) = n2(rng);
  return p;
}

Params train(Params p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const TrainOptions& opt,
             std::mt19937_64& rng) {
  Params v{Eigen::MatrixXd::Zero(p.W1.rows(), p.W1.cols()), Eigen::RowVectorXd::Zero(p.b1.size()),
           Eigen::MatrixXd::Zero(p.W2.rows(), p.W2.cols()), Eigen::RowVectorXd::Zero(p.b2.size())};
  std::vector<int> idx(X.rows());
  std::iota(idx.begin(), idx.end(), 0);
  Grads g;
  double previous = std::numeric_limits<double>::infinity();
  for (int e = 0; e < opt.epochs; ++e) {
    double epoch_loss = 0;
    std::shuffle(idx.begin(), idx.end(), rng);
    for (int s = 0; s < X.rows(); s += opt.batch_size) {
      int m = std::min<int>(opt.batch_size, int(X.rows()) - s);
      Eigen::MatrixXd Xb(m, X.cols());
      Eigen::VectorXi yb(m);
      for (int k = 0; k < m; ++k) {
        Xb.row(k) = X.row(idx[s + k]);
        yb[k] = y[idx[s + k]];
      }
      epoch_loss += loss_and_grads(p, Xb, yb, g) * m / double(X.rows());
      v.W1 = opt.momentum * v.W1 + g.W1;
      v.b1 = opt.momentum * v.b1 + g.b1;
      v.W2 = opt.momentum * v.W2 + g.W2;
      v.b2 = opt.momentum * v.b2 + g.b2;
      p.W1 -= opt.learning_rate * v.W1;
      p.b1 -= opt.learning_rate * v.b1;
      p.W2 -= opt.learning_rate * v.W2;
      p.b2 -= opt.learning_rate * v.b2;
    }
    if (std::abs(previous - epoch_loss) < 1e-6) break;  // converged: stop early
    previous = epoch_loss;
  }
  return p;
}

}  // namespace drill::mlp
