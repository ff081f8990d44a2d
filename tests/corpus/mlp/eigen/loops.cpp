// expect: accepted
// Plain loops everywhere, log-sum-exp loss, gradients accumulated from zero, its own
// Fisher–Yates shuffle, and momentum in the v = μ v − lr g; θ += v form (the same steps).
#include <Eigen/Dense>
#include <cmath>
#include <random>
#include <vector>

namespace drill::mlp {

struct Params { Eigen::MatrixXd W1; Eigen::RowVectorXd b1; Eigen::MatrixXd W2; Eigen::RowVectorXd b2; };
using Grads = Params;
struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };

static void hidden(const Params& p, const Eigen::MatrixXd& X, Eigen::MatrixXd& Z, Eigen::MatrixXd& H) {
  const int n = X.rows(), d = X.cols(), h = p.W1.cols();
  Z.resize(n, h);
  H.resize(n, h);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < h; ++j) {
      double z = p.b1(j);
      for (int k = 0; k < d; ++k) z += X(i, k) * p.W1(k, j);
      Z(i, j) = z;
      H(i, j) = z > 0 ? z : 0.0;
    }
}

static Eigen::MatrixXd output(const Params& p, const Eigen::MatrixXd& H) {
  const int n = H.rows(), h = H.cols(), c = p.W2.cols();
  Eigen::MatrixXd L(n, c);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < c; ++j) {
      double s = p.b2(j);
      for (int k = 0; k < h; ++k) s += H(i, k) * p.W2(k, j);
      L(i, j) = s;
    }
  return L;
}

Eigen::MatrixXd forward(const Params& p, const Eigen::MatrixXd& X) {
  Eigen::MatrixXd Z, H;
  hidden(p, X, Z, H);
  return output(p, H);
}

double loss_and_grads(const Params& p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, Grads& grads) {
  Eigen::MatrixXd Z, H;
  hidden(p, X, Z, H);
  Eigen::MatrixXd L = output(p, H);
  const int n = X.rows(), d = X.cols(), h = p.W1.cols(), c = p.W2.cols();
  grads.W1.setZero(d, h);
  grads.b1.setZero(h);
  grads.W2.setZero(h, c);
  grads.b2.setZero(c);
  double total = 0;
  Eigen::MatrixXd dH = Eigen::MatrixXd::Zero(n, h);
  for (int i = 0; i < n; ++i) {
    double mx = L(i, 0);
    for (int j = 1; j < c; ++j) mx = std::max(mx, L(i, j));
    double sum = 0;
    for (int j = 0; j < c; ++j) sum += std::exp(L(i, j) - mx);
    total += mx + std::log(sum) - L(i, y(i));
    for (int j = 0; j < c; ++j) {
      double g = (std::exp(L(i, j) - mx) / sum - (j == y(i) ? 1.0 : 0.0)) / n;
      grads.b2(j) += g;
      for (int k = 0; k < h; ++k) {
        grads.W2(k, j) += H(i, k) * g;
        dH(i, k) += p.W2(k, j) * g;
      }
    }
  }
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < h; ++k) {
      if (Z(i, k) <= 0) continue;
      grads.b1(k) += dH(i, k);
      for (int q = 0; q < d; ++q) grads.W1(q, k) += X(i, q) * dH(i, k);
    }
  return total / n;
}

Params init(int d, int h, int c, std::mt19937_64& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  Params p;
  p.W1.resize(d, h);
  p.W2.resize(h, c);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < h; ++j) p.W1(i, j) = normal(rng) * std::sqrt(2.0 / d);
  for (int i = 0; i < h; ++i)
    for (int j = 0; j < c; ++j) p.W2(i, j) = normal(rng) * std::sqrt(2.0 / h);
  p.b1 = Eigen::RowVectorXd::Zero(h);
  p.b2 = Eigen::RowVectorXd::Zero(c);
  return p;
}

static void update(Eigen::MatrixXd& theta, Eigen::MatrixXd& v, const Eigen::MatrixXd& g, const TrainOptions& o) {
  for (int i = 0; i < theta.rows(); ++i)
    for (int j = 0; j < theta.cols(); ++j) {
      v(i, j) = o.momentum * v(i, j) - o.learning_rate * g(i, j);
      theta(i, j) += v(i, j);
    }
}
static void update(Eigen::RowVectorXd& theta, Eigen::RowVectorXd& v, const Eigen::RowVectorXd& g,
                   const TrainOptions& o) {
  for (int j = 0; j < theta.size(); ++j) {
    v(j) = o.momentum * v(j) - o.learning_rate * g(j);
    theta(j) += v(j);
  }
}

Params train(Params p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const TrainOptions& opt,
             std::mt19937_64& rng) {
  Params v;
  v.W1 = Eigen::MatrixXd::Zero(p.W1.rows(), p.W1.cols());
  v.b1 = Eigen::RowVectorXd::Zero(p.b1.size());
  v.W2 = Eigen::MatrixXd::Zero(p.W2.rows(), p.W2.cols());
  v.b2 = Eigen::RowVectorXd::Zero(p.b2.size());
  const int n = X.rows();
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  Grads g;
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    for (int i = n - 1; i > 0; --i) std::swap(order[i], order[rng() % (i + 1)]);
    for (int start = 0; start < n; start += opt.batch_size) {
      const int m = std::min(opt.batch_size, n - start);
      Eigen::MatrixXd Xb(m, X.cols());
      Eigen::VectorXi yb(m);
      for (int k = 0; k < m; ++k) {
        for (int q = 0; q < X.cols(); ++q) Xb(k, q) = X(order[start + k], q);
        yb(k) = y(order[start + k]);
      }
      loss_and_grads(p, Xb, yb, g);
      update(p.W1, v.W1, g.W1, opt);
      update(p.b1, v.b1, g.b1, opt);
      update(p.W2, v.W2, g.W2, opt);
      update(p.b2, v.b2, g.b2, opt);
    }
  }
  return p;
}

}  // namespace drill::mlp
