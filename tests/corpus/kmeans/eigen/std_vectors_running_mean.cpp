// expect: accepted
// Rows copied into std::vector, centroids updated as running means, convergence through a
// flag, k-means++ with std::discrete_distribution.
#include <Eigen/Dense>
#include <limits>
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

using Row = std::vector<double>;

static double dist2(const Row& a, const Row& b) {
  double s = 0;
  for (size_t c = 0; c < a.size(); ++c) s += (a[c] - b[c]) * (a[c] - b[c]);
  return s;
}

static std::vector<Row> rows(const Eigen::MatrixXd& M) {
  std::vector<Row> r(size_t(M.rows()), Row(size_t(M.cols())));
  for (Eigen::Index i = 0; i < M.rows(); ++i)
    for (Eigen::Index c = 0; c < M.cols(); ++c) r[size_t(i)][size_t(c)] = M(i, c);
  return r;
}

Result fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& init_centroids, int max_iter) {
  if (max_iter < 1 || init_centroids.rows() < 1) throw std::invalid_argument("fit: bad arguments");
  const std::vector<Row> xs = rows(X);
  std::vector<Row> cs = rows(init_centroids);
  std::vector<int> labels(xs.size(), -1), prev;
  int iterations = 0;
  bool converged = false;
  while (!converged && iterations < max_iter) {
    ++iterations;
    for (size_t i = 0; i < xs.size(); ++i) {
      double best = std::numeric_limits<double>::infinity();
      for (size_t j = 0; j < cs.size(); ++j) {
        const double d = dist2(xs[i], cs[j]);
        if (d < best) best = d, labels[i] = int(j);
      }
    }
    converged = labels == prev;
    if (converged) break;
    std::vector<Row> next = cs;  // a copy: empty clusters keep their centroid
    std::vector<int> count(cs.size(), 0);
    for (size_t i = 0; i < xs.size(); ++i) {
      Row& c = next[size_t(labels[i])];
      const int m = ++count[size_t(labels[i])];
      for (size_t q = 0; q < c.size(); ++q) c[q] = (m == 1) ? xs[i][q] : c[q] + (xs[i][q] - c[q]) / m;
    }
    cs = next;
    prev = labels;
  }
  Result r{Eigen::MatrixXd(cs.size(), X.cols()), Eigen::VectorXi(labels.size()), 0.0, iterations};
  for (size_t j = 0; j < cs.size(); ++j)
    for (size_t q = 0; q < cs[j].size(); ++q) r.centroids(Eigen::Index(j), Eigen::Index(q)) = cs[j][q];
  for (size_t i = 0; i < xs.size(); ++i) {
    r.labels[Eigen::Index(i)] = labels[i];
    r.inertia += dist2(xs[i], cs[size_t(labels[i])]);
  }
  return r;
}

Eigen::MatrixXd init_plus_plus(const Eigen::MatrixXd& X, int k, std::mt19937_64& rng) {
  const std::vector<Row> xs = rows(X);
  std::vector<size_t> chosen{std::uniform_int_distribution<size_t>(0, xs.size() - 1)(rng)};
  std::vector<double> w(xs.size());
  while (int(chosen.size()) < k) {
    for (size_t i = 0; i < xs.size(); ++i) {
      w[i] = std::numeric_limits<double>::infinity();
      for (size_t c : chosen) w[i] = std::min(w[i], dist2(xs[i], xs[c]));
    }
    chosen.push_back(std::discrete_distribution<size_t>(w.begin(), w.end())(rng));
  }
  Eigen::MatrixXd C(k, X.cols());
  for (int j = 0; j < k; ++j) C.row(j) = X.row(Eigen::Index(chosen[size_t(j)]));
  return C;
}
}  // namespace drill::kmeans
