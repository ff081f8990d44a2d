// expect: wrong_answer
// case: init_plus_plus(distinct rows,iris,k=3|8,seeds=1..20)
// message: are the same point
// Draws k rows uniformly with replacement.
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
  if (max_iter < 1 || init_centroids.rows() == 0) throw std::invalid_argument("bad arguments");
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
  Eigen::MatrixXd C(k, X.cols());
  for (int c = 0; c < k; ++c) C.row(c) = X.row(Eigen::Index(rng() % uint64_t(X.rows())));
  return C;
}
}  // namespace drill::kmeans
