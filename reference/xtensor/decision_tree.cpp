// Reference CART decision tree in the xtensor flavor: graded as a candidate (must be
// accepted). Gini from class counts, the best split by a sorted scan per column with running
// counts (midpoints between distinct values, strict '<' keeps the first equally good split),
// a recursive pre-order build over row indices, and predict.
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
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
  xt::xtensor<int, 1> feature;
  xt::xtensor<double, 1> threshold;
  xt::xtensor<int, 1> left;
  xt::xtensor<int, 1> right;
  xt::xtensor<int, 1> value;
};

namespace {

double gini_of(const std::vector<int>& counts, int n) {
  if (n == 0) return 0.0;
  double sum = 0;
  for (int c : counts) sum += double(c) / n * (double(c) / n);
  return 1.0 - sum;
}

// The best split over the rows listed in `rows` (indices into X and y).
Split best_over(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, const std::vector<int>& rows,
                int classes) {
  const int n = int(rows.size());
  std::vector<int> total(size_t(classes), 0);
  for (int i : rows) ++total[size_t(y(i))];
  Split best{-1, 0.0, gini_of(total, n)};
  bool found = false;
  std::vector<int> order = rows;
  for (int j = 0; j < int(X.shape(1)); ++j) {
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return X(a, j) < X(b, j); });
    std::vector<int> left(size_t(classes), 0), right = total;
    for (int k = 0; k + 1 < n; ++k) {
      ++left[size_t(y(order[size_t(k)]))];
      --right[size_t(y(order[size_t(k)]))];
      const double a = X(order[size_t(k)], j), b = X(order[size_t(k + 1)], j);
      if (!(a < b)) continue;  // never between equal values
      const double impurity = ((k + 1) * gini_of(left, k + 1) + (n - k - 1) * gini_of(right, n - k - 1)) / n;
      if (!found || impurity < best.impurity) {
        best = {j, (a + b) / 2, impurity};
        found = true;
      }
    }
  }
  return best;
}

template <class T>
xt::xtensor<T, 1> to_xt(const std::vector<T>& v) {
  xt::xtensor<T, 1> out = xt::xtensor<T, 1>::from_shape({v.size()});
  std::copy(v.begin(), v.end(), out.begin());
  return out;
}

struct Builder {
  const xt::xtensor<double, 2>& X;
  const xt::xtensor<int, 1>& y;
  int classes, max_depth, min_samples_split;
  std::vector<int> feature, left, right, value;
  std::vector<double> threshold;

  int grow(const std::vector<int>& rows, int depth) {
    const int me = int(feature.size());
    std::vector<int> counts(size_t(classes), 0);
    for (int i : rows) ++counts[size_t(y(i))];
    feature.push_back(-1);
    threshold.push_back(0.0);
    left.push_back(-1);
    right.push_back(-1);
    value.push_back(int(std::max_element(counts.begin(), counts.end()) - counts.begin()));  // first maximum
    const int n = int(rows.size());
    if ((max_depth >= 0 && depth == max_depth) || n < min_samples_split || gini_of(counts, n) == 0.0) return me;
    const Split s = best_over(X, y, rows, classes);
    if (s.feature < 0) return me;
    std::vector<int> l, r;
    for (int i : rows) (X(i, s.feature) <= s.threshold ? l : r).push_back(i);
    feature[size_t(me)] = s.feature;
    threshold[size_t(me)] = s.threshold;
    const int li = grow(l, depth + 1);
    const int ri = grow(r, depth + 1);
    left[size_t(me)] = li;
    right[size_t(me)] = ri;
    return me;
  }
};

}  // namespace

double gini(const xt::xtensor<int, 1>& y) {
  if (y.size() == 0) return 0.0;
  std::vector<int> counts(size_t(*std::max_element(y.begin(), y.end()) + 1), 0);
  for (int label : y) ++counts[size_t(label)];
  return gini_of(counts, int(y.size()));
}

Split best_split(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y) {
  std::vector<int> rows(X.shape(0));
  std::iota(rows.begin(), rows.end(), 0);
  return best_over(X, y, rows, *std::max_element(y.begin(), y.end()) + 1);
}

Tree fit(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, int max_depth, int min_samples_split) {
  if (min_samples_split < 2) throw std::invalid_argument("fit: min_samples_split must be at least 2");
  if (X.shape(0) == 0) throw std::invalid_argument("fit: X has no rows");
  Builder b{X, y, *std::max_element(y.begin(), y.end()) + 1, max_depth, min_samples_split, {}, {}, {}, {}, {}};
  std::vector<int> rows(X.shape(0));
  std::iota(rows.begin(), rows.end(), 0);
  b.grow(rows, 0);
  return {to_xt(b.feature), to_xt(b.threshold), to_xt(b.left), to_xt(b.right), to_xt(b.value)};
}

xt::xtensor<int, 1> predict(const Tree& t, const xt::xtensor<double, 2>& X) {
  xt::xtensor<int, 1> out = xt::xtensor<int, 1>::from_shape({X.shape(0)});
  for (size_t i = 0; i < X.shape(0); ++i) {
    int k = 0;
    while (t.feature(k) >= 0) k = X(i, size_t(t.feature(k))) <= t.threshold(k) ? t.left(k) : t.right(k);
    out(i) = t.value(k);
  }
  return out;
}

}  // namespace drill::decision_tree
