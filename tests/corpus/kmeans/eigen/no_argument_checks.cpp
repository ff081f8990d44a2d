// expect: wrong_answer
// case: fit(invalid,max_iter=0,k=0)
// message: it must throw std::invalid_argument
// Never checks max_iter: with 0 steps it returns the initial centroids.
#include <Eigen/Dense>
#include <random>
#include <stdexcept>
#include <vector>

namespace drill::kmeans {
struct Result {
  Eigen::MatrixXd centroids;
  Eigen::VectorXi labels;
  double inertia;
  int iterations;
};

static Eigen::VectorXi assign(const Eigen::MatrixXd& X, const Eigen::MatrixXd& C) {
  Eigen::VectorXi labels(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    Eigen::Index best = 0;
    double bd = (X.row(i) - C.row(0)).squaredNorm();
    for (Eigen::Index j = 1; j < C.rows(); ++j) {
      const double d = (X.row(i) - C.row(j)).squaredNorm();
      if (d < bd) { bd = d; best = j; }
    }
    labels[i] = int(best);
  }
  return labels;
}

static Eigen::MatrixXd update(const Eigen::MatrixXd& X, const Eigen::VectorXi& labels, const Eigen::MatrixXd& C) {
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(C.rows(), C.cols());
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(C.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    sums.row(labels[i]) += X.row(i);
    counts[labels[i]] += 1;
  }
  Eigen::MatrixXd next = C;
  for (Eigen::Index j = 0; j < C.rows(); ++j) {
    if (counts[j] > 0) next.row(j) = sums.row(j) / counts[j];
  }
  return next;
}

Result fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& init_centroids, int max_iter) {
  if (max_iter < 1) return {init_centroids, Eigen::VectorXi::Zero(X.rows()), 0.0, 0};
  Eigen::MatrixXd C = init_centroids;
  Eigen::VectorXi labels, prev;
  int it = 1;
  for (; it <= max_iter; ++it) {
    labels = assign(X, C);
    if (it > 1 && labels == prev) break;
    C = update(X, labels, C);
    prev = labels;
  }
  if (it > max_iter) it = max_iter;
  double inertia = 0;
  for (Eigen::Index i = 0; i < X.rows(); ++i) inertia += (X.row(i) - C.row(labels[i])).squaredNorm();
  return {C, labels, inertia, it};
}

Eigen::MatrixXd init_plus_plus(const Eigen::MatrixXd& X, int k, std::mt19937_64& rng) {
  const Eigen::Index n = X.rows();
  Eigen::MatrixXd C(k, X.cols());
  C.row(0) = X.row(std::uniform_int_distribution<Eigen::Index>(0, n - 1)(rng));
  Eigen::VectorXd d2 = (X.rowwise() - C.row(0)).rowwise().squaredNorm();
  for (int c = 1; c < k; ++c) {
    std::discrete_distribution<Eigen::Index> pick(d2.data(), d2.data() + n);
    C.row(c) = X.row(pick(rng));
    d2 = d2.cwiseMin((X.rowwise() - C.row(c)).rowwise().squaredNorm());
  }
  return C;
}
}  // namespace drill::kmeans
