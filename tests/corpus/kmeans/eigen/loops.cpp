// expect: accepted
// Plain loops everywhere: distances, argmin, sums and counts; k-means++ with a hand-written
// inverse-CDF draw from raw generator output.
#include <Eigen/Dense>
#include <random>
#include <stdexcept>

namespace drill::kmeans {
struct Result {
  Eigen::MatrixXd centroids;
  Eigen::VectorXi labels;
  double inertia;
  int iterations;
};

static double sq(const Eigen::MatrixXd& A, int i, const Eigen::MatrixXd& B, int j) {
  double s = 0;
  for (int c = 0; c < A.cols(); ++c) s += (A(i, c) - B(j, c)) * (A(i, c) - B(j, c));
  return s;
}

Result fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& init_centroids, int max_iter) {
  if (max_iter < 1 || init_centroids.rows() == 0) throw std::invalid_argument("bad arguments");
  const int n = int(X.rows()), k = int(init_centroids.rows()), d = int(X.cols());
  Eigen::MatrixXd C = init_centroids;
  Eigen::VectorXi labels(n), prev(n);
  int it = 0;
  for (int step = 1; step <= max_iter; ++step) {
    it = step;
    for (int i = 0; i < n; ++i) {
      int best = 0;
      double bd = sq(X, i, C, 0);
      for (int j = 1; j < k; ++j) {
        double dj = sq(X, i, C, j);
        if (dj < bd) { bd = dj; best = j; }
      }
      labels[i] = best;
    }
    if (step > 1 && labels == prev) break;
    Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(k, d);
    std::vector<int> counts(k, 0);
    for (int i = 0; i < n; ++i) {
      for (int c = 0; c < d; ++c) sums(labels[i], c) += X(i, c);
      counts[labels[i]]++;
    }
    for (int j = 0; j < k; ++j)
      if (counts[j] > 0)
        for (int c = 0; c < d; ++c) C(j, c) = sums(j, c) / counts[j];
    prev = labels;
  }
  double inertia = 0;
  for (int i = 0; i < n; ++i) inertia += sq(X, i, C, labels[i]);
  return {C, labels, inertia, it};
}

Eigen::MatrixXd init_plus_plus(const Eigen::MatrixXd& X, int k, std::mt19937_64& rng) {
  const int n = int(X.rows());
  Eigen::MatrixXd C(k, X.cols());
  C.row(0) = X.row(int(rng() % uint64_t(n)));
  std::vector<double> d2(n);
  for (int i = 0; i < n; ++i) d2[i] = sq(X, i, C, 0);
  for (int c = 1; c < k; ++c) {
    double total = 0;
    for (double v : d2) total += v;
    const double u = double(rng() >> 11) * 0x1.0p-53 * total;
    int pick = -1;
    double acc = 0;
    for (int i = 0; i < n; ++i) {
      if (d2[i] == 0) continue;
      acc += d2[i];
      pick = i;
      if (u < acc) break;
    }
    C.row(c) = X.row(pick);
    for (int i = 0; i < n; ++i) d2[i] = std::min(d2[i], sq(X, i, C, c));
  }
  return C;
}
}  // namespace drill::kmeans
