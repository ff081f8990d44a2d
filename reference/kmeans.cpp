// Reference k-means: Lloyd's iterations exactly as the contract writes them, and
// k-means++ seeding. The answer key a user reads after a failed attempt.
#include "kmeans.hpp"

#include <stdexcept>

namespace drill::kmeans {

namespace {

// Squared distances, n × k: D(i, j) = ‖xᵢ − cⱼ‖², written directly (no ‖x‖² + ‖c‖² − 2x·c
// cancellation), so equal distances are computed equal.
Eigen::MatrixXd sq_dist(const Eigen::MatrixXd& X, const Eigen::MatrixXd& C) {
  Eigen::MatrixXd D(X.rows(), C.rows());
  for (Eigen::Index j = 0; j < C.rows(); ++j) D.col(j) = (X.rowwise() - C.row(j)).rowwise().squaredNorm();
  return D;
}

// labels (n): each row's nearest centroid; minCoeff keeps the first (lowest) index on ties.
Eigen::VectorXi assign(const Eigen::MatrixXd& X, const Eigen::MatrixXd& C) {
  const Eigen::MatrixXd D = sq_dist(X, C);
  Eigen::VectorXi labels(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) D.row(i).minCoeff(&labels[i]);
  return labels;
}

// Mean of each cluster's rows, into a new matrix: C is read-only here. Empty clusters keep C's row.
Eigen::MatrixXd update(const Eigen::MatrixXd& X, const Eigen::VectorXi& labels, const Eigen::MatrixXd& C) {
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(C.rows(), C.cols());
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(C.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    sums.row(labels[i]) += X.row(i);
    counts[labels[i]] += 1;
  }
  Eigen::MatrixXd next = C;
  for (Eigen::Index j = 0; j < C.rows(); ++j)
    if (counts[j] > 0) next.row(j) = sums.row(j) / counts[j];
  return next;
}

}  // namespace

Result fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& init_centroids, int max_iter) {
  if (max_iter < 1) throw std::invalid_argument("max_iter must be at least 1");
  if (init_centroids.rows() == 0) throw std::invalid_argument("init_centroids is empty");
  Eigen::MatrixXd C = init_centroids;
  Eigen::VectorXi labels, prev;
  int it = 1;
  for (; it <= max_iter; ++it) {
    labels = assign(X, C);
    if (it > 1 && labels == prev) break;
    C = update(X, labels, C);
    prev = labels;
  }
  if (it > max_iter) it = max_iter;  // ran out: the loop counter went one past
  double inertia = 0;
  for (Eigen::Index i = 0; i < X.rows(); ++i) inertia += (X.row(i) - C.row(labels[i])).squaredNorm();
  return {C, labels, inertia, it};
}

// k-means++: the first centre uniform, each next one drawn with probability ∝ D(x)², D the
// distance to the nearest centre so far (0 for a chosen row, so no row is chosen twice).
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
