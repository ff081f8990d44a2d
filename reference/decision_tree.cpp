// Reference CART classifier (eigen): Gini impurity, the best split by a sorted scan of each
// column with running class counts (midpoint thresholds between distinct values, ties to the
// lowest feature then the lowest threshold), a recursive pre-order build, and predict.
#include "decision_tree.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace drill::decision_tree {
namespace {

// Gini of a class-count table over `n` rows.
double gini_of(const std::vector<int>& counts, int n) {
  if (n == 0) return 0.0;
  double sum = 0;
  for (int c : counts) sum += double(c) / n * (double(c) / n);
  return 1.0 - sum;
}

std::vector<int> class_counts(const Eigen::VectorXi& y, int classes) {
  std::vector<int> counts(size_t(classes), 0);
  for (Eigen::Index i = 0; i < y.size(); ++i) ++counts[size_t(y[i])];
  return counts;
}

// The rows of X and y listed in `rows`.
Eigen::MatrixXd rows_of(const Eigen::MatrixXd& X, const std::vector<int>& rows) {
  Eigen::MatrixXd out(Eigen::Index(rows.size()), X.cols());
  for (size_t r = 0; r < rows.size(); ++r) out.row(Eigen::Index(r)) = X.row(rows[r]);
  return out;
}
Eigen::VectorXi labels_of(const Eigen::VectorXi& y, const std::vector<int>& rows) {
  Eigen::VectorXi out(Eigen::Index(rows.size()));
  for (size_t r = 0; r < rows.size(); ++r) out[Eigen::Index(r)] = y[rows[r]];
  return out;
}

// Majority label over 0 .. classes−1; equal counts → the smallest label (max_element's first).
int majority(const Eigen::VectorXi& y, int classes) {
  const std::vector<int> counts = class_counts(y, classes);
  return int(std::max_element(counts.begin(), counts.end()) - counts.begin());
}

struct Builder {
  const Eigen::MatrixXd& X;
  const Eigen::VectorXi& y;
  int classes, max_depth, min_samples_split;
  std::vector<int> feature, left, right, value;
  std::vector<double> threshold;

  // Appends the node of `rows` at `depth` (pre-order: itself, then its left subtree, then its
  // right subtree) and returns its number.
  int grow(const std::vector<int>& rows, int depth) {
    const int me = int(feature.size());
    const Eigen::VectorXi yr = labels_of(y, rows);
    feature.push_back(-1);
    threshold.push_back(0.0);
    left.push_back(-1);
    right.push_back(-1);
    value.push_back(majority(yr, classes));
    if ((max_depth >= 0 && depth == max_depth) || int(rows.size()) < min_samples_split || gini(yr) == 0.0) return me;
    const Split s = best_split(rows_of(X, rows), yr);
    if (s.feature < 0) return me;
    std::vector<int> go_left, go_right;
    for (int i : rows) (X(i, s.feature) <= s.threshold ? go_left : go_right).push_back(i);
    feature[size_t(me)] = s.feature;
    threshold[size_t(me)] = s.threshold;
    const int l = grow(go_left, depth + 1);
    const int r = grow(go_right, depth + 1);
    left[size_t(me)] = l;
    right[size_t(me)] = r;
    return me;
  }
};

Eigen::VectorXi to_vector(const std::vector<int>& v) { return Eigen::Map<const Eigen::VectorXi>(v.data(), Eigen::Index(v.size())); }

}  // namespace

double gini(const Eigen::VectorXi& y) {
  if (y.size() == 0) return 0.0;
  return gini_of(class_counts(y, y.maxCoeff() + 1), int(y.size()));
}

Split best_split(const Eigen::MatrixXd& X, const Eigen::VectorXi& y) {
  const int n = int(X.rows()), classes = y.maxCoeff() + 1;
  const std::vector<int> total = class_counts(y, classes);
  Split best{-1, 0.0, gini(y)};
  bool found = false;
  std::vector<int> order(static_cast<size_t>(n));
  for (int j = 0; j < X.cols(); ++j) {
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return X(a, j) < X(b, j); });
    std::vector<int> left_counts(size_t(classes), 0), right_counts = total;
    for (int k = 0; k + 1 < n; ++k) {  // rows order[0..k] go left
      const int c = y[order[size_t(k)]];
      ++left_counts[size_t(c)];
      --right_counts[size_t(c)];
      const double a = X(order[size_t(k)], j), b = X(order[size_t(k + 1)], j);
      if (!(a < b)) continue;  // never cut between equal values
      const int nl = k + 1, nr = n - nl;
      const double impurity = (nl * gini_of(left_counts, nl) + nr * gini_of(right_counts, nr)) / n;
      if (!found || impurity < best.impurity) {  // strict: the first equally good split stays
        best = {j, (a + b) / 2, impurity};
        found = true;
      }
    }
  }
  return best;
}

Tree fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int max_depth, int min_samples_split) {
  if (min_samples_split < 2) throw std::invalid_argument("fit: min_samples_split must be at least 2");
  if (X.rows() == 0) throw std::invalid_argument("fit: X has no rows");
  Builder b{X, y, y.maxCoeff() + 1, max_depth, min_samples_split, {}, {}, {}, {}, {}};
  std::vector<int> all(size_t(X.rows()));
  std::iota(all.begin(), all.end(), 0);
  b.grow(all, 0);
  Tree t;
  t.feature = to_vector(b.feature);
  t.left = to_vector(b.left);
  t.right = to_vector(b.right);
  t.value = to_vector(b.value);
  t.threshold = Eigen::Map<const Eigen::VectorXd>(b.threshold.data(), Eigen::Index(b.threshold.size()));
  return t;
}

Eigen::VectorXi predict(const Tree& t, const Eigen::MatrixXd& X) {
  Eigen::VectorXi out(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    int k = 0;
    while (t.feature[k] >= 0) k = X(i, t.feature[k]) <= t.threshold[k] ? t.left[k] : t.right[k];
    out[i] = t.value[k];
  }
  return out;
}

}  // namespace drill::decision_tree
