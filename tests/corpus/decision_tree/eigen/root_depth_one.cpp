// expect: wrong_answer
// case: fit(stump,max_depth=1)
// message: one level short: the root is depth 0
// The root counted as depth 1: max_depth = 1 gives a single leaf.
#include <Eigen/Dense>
#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace drill::decision_tree {

struct Split {
  int feature;
  double threshold;
  double impurity;
};

struct Tree {
  Eigen::VectorXi feature;
  Eigen::VectorXd threshold;
  Eigen::VectorXi left, right;
  Eigen::VectorXi value;
};

static double gini_counts(const std::vector<int>& counts, int n) {
  if (n == 0) return 0.0;
  double s = 1.0;
  for (int c : counts) {
    const double p = double(c) / n;
    s -= p * p;
  }
  return s;
}

static std::vector<int> counts_of(const Eigen::VectorXi& y, const std::vector<int>& rows, int classes) {
  std::vector<int> counts(static_cast<size_t>(classes), 0);
  for (int i : rows) ++counts[y[i]];
  return counts;
}

double gini(const Eigen::VectorXi& y) {
  if (y.size() == 0) return 0.0;
  std::vector<int> rows(static_cast<size_t>(y.size()));
  std::iota(rows.begin(), rows.end(), 0);
  return gini_counts(counts_of(y, rows, y.maxCoeff() + 1), int(y.size()));
}

static Split search(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const std::vector<int>& rows, int classes) {
  const int n = int(rows.size());
  const std::vector<int> total = counts_of(y, rows, classes);
  Split best{-1, 0.0, gini_counts(total, n)};
  for (int j = 0; j < X.cols(); ++j) {
    std::vector<int> order = rows;
    std::sort(order.begin(), order.end(), [&](int a, int b) { return X(a, j) < X(b, j) || (X(a, j) == X(b, j) && a < b); });
    std::vector<int> L(static_cast<size_t>(classes), 0), R = total;
    for (int k = 0; k + 1 < n; ++k) {
      ++L[y[order[k]]];
      --R[y[order[k]]];
      const double a = X(order[k], j), b = X(order[k + 1], j);
      if (a == b) continue;
      const int nl = k + 1, nr = n - k - 1;
      const double score = (nl * gini_counts(L, nl) + nr * gini_counts(R, nr)) / n;
      if (best.feature < 0 || score < best.impurity) best = {j, (a + b) / 2, score};
    }
  }
  return best;
}

Split best_split(const Eigen::MatrixXd& X, const Eigen::VectorXi& y) {
  std::vector<int> rows(static_cast<size_t>(X.rows()));
  std::iota(rows.begin(), rows.end(), 0);
  return search(X, y, rows, y.maxCoeff() + 1);
}

struct Grow {
  const Eigen::MatrixXd& X;
  const Eigen::VectorXi& y;
  int classes, max_depth, min_samples_split;
  std::vector<int> f, l, r, v;
  std::vector<double> t;

  int node(const std::vector<int>& rows, int depth) {
    const int id = int(f.size());
    const std::vector<int> counts = counts_of(y, rows, classes);
    int best = 0;
    for (int c = 1; c < classes; ++c)
      if (counts[c] > counts[best]) best = c;
    f.push_back(-1);
    t.push_back(0.0);
    l.push_back(-1);
    r.push_back(-1);
    v.push_back(best);
    const int n = int(rows.size());
    const double impurity = gini_counts(counts, n);
    if (max_depth >= 0 && depth == max_depth) return id;
    if (n < min_samples_split || impurity == 0.0) return id;
    const Split s = search(X, y, rows, classes);
    if (s.feature < 0) return id;
    std::vector<int> a, b;
    for (int i : rows) (X(i, s.feature) <= s.threshold ? a : b).push_back(i);
    f[id] = s.feature;
    t[id] = s.threshold;
    const int li = node(a, depth + 1);
    const int ri = node(b, depth + 1);
    l[id] = li;
    r[id] = ri;
    return id;
  }
};

static Eigen::VectorXi vec(const std::vector<int>& x) {
  Eigen::VectorXi out(Eigen::Index(x.size()));
  for (size_t i = 0; i < x.size(); ++i) out[Eigen::Index(i)] = x[i];
  return out;
}

Tree fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int max_depth, int min_samples_split) {
  if (min_samples_split < 2 || X.rows() == 0) throw std::invalid_argument("bad arguments");
  Grow g{X, y, y.maxCoeff() + 1, max_depth, min_samples_split, {}, {}, {}, {}, {}};
  std::vector<int> rows(static_cast<size_t>(X.rows()));
  std::iota(rows.begin(), rows.end(), 0);
  g.node(rows, 1);
  Tree tree;
  tree.feature = vec(g.f);
  tree.left = vec(g.l);
  tree.right = vec(g.r);
  tree.value = vec(g.v);
  tree.threshold = Eigen::Map<Eigen::VectorXd>(g.t.data(), Eigen::Index(g.t.size()));
  return tree;
}

Eigen::VectorXi predict(const Tree& t, const Eigen::MatrixXd& X) {
  Eigen::VectorXi out(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    int k = 0;
    while (t.feature[k] != -1) k = X(i, t.feature[k]) <= t.threshold[k] ? t.left[k] : t.right[k];
    out[i] = t.value[k];
  }
  return out;
}

}  // namespace drill::decision_tree
