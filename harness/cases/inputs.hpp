// Seeded inputs for grading cases, identical on every platform (Box–Muller and uniform
// draws from raw mt19937_64 output; the standard distributions are implementation-defined),
// and the problem generators drills share: labels, learnable linear problems, blobs, grids.
// Each generator documents its draw order: a case's data (and the numbers its corpus
// messages quote) depend on it.
#pragma once
#include <Eigen/Dense>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <stdexcept>
#include <vector>

#include "data/dataset.hpp"

namespace mldrill::cases {

class Draw {
 public:
  explicit Draw(uint64_t seed) : rng_(seed) {}
  double uniform() { return double(rng_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  double normal() {
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }
  int below(int n) { return int(rng_() % uint64_t(n)); }
  // rows × cols of N(0, scale²), row by row.
  Eigen::MatrixXd normal(Eigen::Index rows, Eigen::Index cols, double scale = 1.0) {
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
      for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = scale * normal();
    return m;
  }
  Eigen::VectorXd normal_vector(Eigen::Index n, double scale = 1.0) { return normal(n, 1, scale).col(0); }
  // n draws of U(lo, hi), as a row (a bias of a layer).
  Eigen::RowVectorXd uniform_row(Eigen::Index n, double lo, double hi) {
    Eigen::RowVectorXd v(n);
    for (Eigen::Index j = 0; j < n; ++j) v[j] = uniform(lo, hi);
    return v;
  }
  // n class labels, each uniform in 0 .. classes − 1.
  Eigen::VectorXi labels(Eigen::Index n, int classes) {
    Eigen::VectorXi y(n);
    for (Eigen::Index i = 0; i < n; ++i) y[i] = below(classes);
    return y;
  }
  // n binary targets 0.0 / 1.0, each a fair coin (logistic regression's y).
  Eigen::VectorXd coin_labels(Eigen::Index n) {
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) y[i] = uniform() < 0.5 ? 0.0 : 1.0;
    return y;
  }
  // rows × cols small integers 0 .. span − 1, row by row: every distance between them is exact.
  Eigen::MatrixXd integers(Eigen::Index rows, Eigen::Index cols, int span) {
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
      for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = below(span);
    return m;
  }
  std::mt19937_64& engine() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

// Rows with a class label each.
struct Labelled {
  Eigen::MatrixXd X;  // n × d
  Eigen::VectorXi y;  // n, in 0 .. classes − 1
};

// A hidden linear rule: y = X w + b + noise·ε, X and ε ~ N(0, 1), w ~ N(0, 1).
// Draws X (row by row), then w, then ε row by row.
struct Linear {
  Eigen::MatrixXd X;  // n × d
  Eigen::VectorXd w;  // d
  double b;
  Eigen::VectorXd y;  // n: regression targets
};
inline Linear linear_problem(Draw& r, int n, int d, double b, double noise) {
  Linear p{r.normal(n, d), r.normal_vector(d), b, Eigen::VectorXd(n)};
  for (int i = 0; i < n; ++i) p.y[i] = p.X.row(i).dot(p.w) + b + noise * r.normal();
  return p;
}
// 1.0 where the score is above 0, else 0.0: a linear problem's targets as binary labels.
inline Eigen::VectorXd above_zero(const Eigen::VectorXd& scores) {
  return (scores.array() > 0).cast<double>().matrix();
}

// n rows on the integer grid 0 .. span − 1 in d dimensions, each with a random label among
// `classes`. Draws each row's coordinates, then its label, row by row.
inline Labelled labelled_grid(Draw& r, int n, int d, int span, int classes) {
  Labelled p{Eigen::MatrixXd(n, d), Eigen::VectorXi(n)};
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) p.X(i, j) = r.below(span);
    p.y[i] = r.below(classes);
  }
  return p;
}

// Gaussian blobs around `centres` (one per row), `per` rows each, N(0, spread²) around the
// centre, in a seeded shuffled order; y is each row's blob. Draws the rows blob by blob.
inline Labelled blobs(const Eigen::MatrixXd& centres, int per, double spread, uint64_t seed) {
  Draw r(seed);
  const Eigen::Index d = centres.cols();
  Eigen::MatrixXd grouped(centres.rows() * per, d);
  for (Eigen::Index i = 0; i < grouped.rows(); ++i) grouped.row(i) = centres.row(i / per) + r.normal(1, d, spread);
  const std::vector<int> order = data::permutation(int(grouped.rows()), seed);
  Labelled p{Eigen::MatrixXd(grouped.rows(), d), Eigen::VectorXi(grouped.rows())};
  for (Eigen::Index i = 0; i < p.X.rows(); ++i) {
    p.X.row(i) = grouped.row(order[size_t(i)]);
    p.y[i] = int(order[size_t(i)] / per);
  }
  return p;
}

// A matrix written out row by row: matrix(2, 2, {1, 2, 3, 4}).
inline Eigen::MatrixXd matrix(Eigen::Index rows, Eigen::Index cols, std::initializer_list<double> v) {
  if (Eigen::Index(v.size()) != rows * cols) throw std::logic_error("matrix(): entries do not fill rows × cols");
  Eigen::MatrixXd m(rows, cols);
  auto it = v.begin();
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = *it++;
  return m;
}

// The rows idx[0], idx[1], … of X, in that order.
inline Eigen::MatrixXd rows_of(const Eigen::MatrixXd& X, const std::vector<int>& idx) {
  Eigen::MatrixXd C(Eigen::Index(idx.size()), X.cols());
  for (size_t j = 0; j < idx.size(); ++j) C.row(Eigen::Index(j)) = X.row(idx[j]);
  return C;
}

}  // namespace mldrill::cases
