// expect: accepted
// Vectorised: distances as ‖x‖² + ‖c‖² − 2 X Cᵀ (clamped at 0), new centroids as a one-hot
// matrix product; k-means++ through a cumulative sum and std::upper_bound.
#include <Eigen/Dense>
#include <algorithm>
#include <random>
#include <stdexcept>

namespace drill::kmeans {
struct Result {
  Eigen::MatrixXd centroids;
  Eigen::VectorXi labels;
  double inertia;
  int iterations;
};

namespace {
Eigen::MatrixXd sq_dists(const Eigen::MatrixXd& X, const Eigen::MatrixXd& C) {
  Eigen::MatrixXd D = -2.0 * X * C.transpose();
  D.colwise() += X.rowwise().squaredNorm();
  D.rowwise() += C.rowwise().squaredNorm().transpose();
  return D.cwiseMax(0.0);
}

Eigen::VectorXi argmin_rows(const Eigen::MatrixXd& D) {
  Eigen::VectorXi l(D.rows());
  for (Eigen::Index i = 0; i < D.rows(); ++i) D.row(i).minCoeff(&l[i]);
  return l;
}
}  // namespace

Result fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& init_centroids, int max_iter) {
  if (max_iter < 1) throw std::invalid_argument("max_iter < 1");
  if (init_centroids.size() == 0) throw std::invalid_argument("no centroids");
  const Eigen::Index n = X.rows(), k = init_centroids.rows();
  Eigen::MatrixXd C = init_centroids;
  Eigen::VectorXi labels, prev;
  int it;
  for (it = 1; it <= max_iter; ++it) {
    labels = argmin_rows(sq_dists(X, C));
    if (prev.size() == labels.size() && labels == prev) break;
    Eigen::MatrixXd onehot = Eigen::MatrixXd::Zero(n, k);
    for (Eigen::Index i = 0; i < n; ++i) onehot(i, labels[i]) = 1.0;
    const Eigen::VectorXd counts = onehot.colwise().sum().transpose();
    const Eigen::MatrixXd sums = onehot.transpose() * X;
    for (Eigen::Index j = 0; j < k; ++j)
      if (counts[j] > 0) C.row(j) = sums.row(j) / counts[j];
    prev = labels;
  }
  it = std::min(it, max_iter);
  const double inertia = (X - C(labels, Eigen::all)).squaredNorm();
  return {C, labels, inertia, it};
}

Eigen::MatrixXd init_plus_plus(const Eigen::MatrixXd& X, int k, std::mt19937_64& rng) {
  const Eigen::Index n = X.rows();
  std::vector<Eigen::Index> picked{std::uniform_int_distribution<Eigen::Index>(0, n - 1)(rng)};
  Eigen::VectorXd d2 = (X.rowwise() - X.row(picked[0])).rowwise().squaredNorm();
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  while (Eigen::Index(picked.size()) < k) {
    std::vector<double> cdf(static_cast<size_t>(n));
    std::partial_sum(d2.data(), d2.data() + n, cdf.begin());
    Eigen::Index i = std::upper_bound(cdf.begin(), cdf.end(), unit(rng) * cdf.back()) - cdf.begin();
    i = std::min(i, n - 1);
    while (d2[i] == 0) --i;  // a rounding edge: never a row at distance 0
    picked.push_back(i);
    d2 = d2.cwiseMin((X.rowwise() - X.row(i)).rowwise().squaredNorm());
  }
  return X(picked, Eigen::all);
}
}  // namespace drill::kmeans
