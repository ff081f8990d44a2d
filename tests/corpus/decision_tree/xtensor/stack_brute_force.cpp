// expect: accepted
// Correct: an explicit stack (right child pushed first: pre-order) and brute-force thresholds,
// each midpoint between std::set's sorted distinct values re-partitioning the rows.
#include <xtensor/xadapt.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <algorithm>
#include <map>
#include <set>
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

static double gini_of(const std::vector<int>& labels) {
  std::map<int, int> counts;
  for (int label : labels) ++counts[label];
  double sum = 0;
  for (const auto& kv : counts) sum += double(kv.second) * kv.second;
  const double n = double(labels.size());
  return labels.empty() ? 0.0 : 1.0 - sum / (n * n);
}

double gini(const xt::xtensor<int, 1>& y) { return gini_of(std::vector<int>(y.begin(), y.end())); }

static Split best_of(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, const std::vector<size_t>& rows) {
  std::vector<int> all;
  for (size_t i : rows) all.push_back(y(i));
  Split best{-1, 0.0, gini_of(all)};
  for (size_t j = 0; j < X.shape(1); ++j) {
    std::set<double> values;
    for (size_t i : rows) values.insert(X(i, j));
    for (auto it = values.begin(); std::next(it) != values.end(); ++it) {
      const double t = (*it + *std::next(it)) / 2;
      std::vector<int> L, R;
      for (size_t i : rows) (X(i, j) <= t ? L : R).push_back(y(i));
      const double score = (double(L.size()) * gini_of(L) + double(R.size()) * gini_of(R)) / double(rows.size());
      if (best.feature == -1 || score < best.impurity) best = {int(j), t, score};
    }
  }
  return best;
}

Split best_split(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y) {
  std::vector<size_t> rows(X.shape(0));
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  return best_of(X, y, rows);
}

Tree fit(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, int max_depth, int min_samples_split) {
  if (min_samples_split < 2 || X.shape(0) == 0) throw std::invalid_argument("invalid arguments");
  const int classes = *std::max_element(y.begin(), y.end()) + 1;
  std::vector<int> feature, left, right, value;
  std::vector<double> threshold;
  struct Item {
    std::vector<size_t> rows;
    int depth, parent;
    bool is_left;
  };
  std::vector<size_t> all(X.shape(0));
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<Item> stack{{all, 0, -1, false}};
  while (!stack.empty()) {
    const Item it = stack.back();
    stack.pop_back();
    const int id = int(feature.size());
    if (it.parent >= 0) (it.is_left ? left : right)[size_t(it.parent)] = id;
    std::vector<int> counts(size_t(classes), 0);
    for (size_t i : it.rows) ++counts[size_t(y(i))];
    feature.push_back(-1);
    threshold.push_back(0.0);
    left.push_back(-1);
    right.push_back(-1);
    value.push_back(int(std::max_element(counts.begin(), counts.end()) - counts.begin()));
    const int n = int(it.rows.size());
    if ((max_depth >= 0 && it.depth >= max_depth) || n < min_samples_split ||
        *std::max_element(counts.begin(), counts.end()) == n)
      continue;
    const Split s = best_of(X, y, it.rows);
    if (s.feature == -1) continue;
    feature[size_t(id)] = s.feature;
    threshold[size_t(id)] = s.threshold;
    Item l{{}, it.depth + 1, id, true}, r{{}, it.depth + 1, id, false};
    for (size_t i : it.rows) (X(i, size_t(s.feature)) <= s.threshold ? l.rows : r.rows).push_back(i);
    stack.push_back(r);
    stack.push_back(l);
  }
  Tree t;
  t.feature = xt::adapt(feature, {feature.size()});
  t.threshold = xt::adapt(threshold, {threshold.size()});
  t.left = xt::adapt(left, {left.size()});
  t.right = xt::adapt(right, {right.size()});
  t.value = xt::adapt(value, {value.size()});
  return t;
}

xt::xtensor<int, 1> predict(const Tree& t, const xt::xtensor<double, 2>& X) {
  xt::xtensor<int, 1> out = xt::zeros<int>({X.shape(0)});
  for (size_t i = 0; i < X.shape(0); ++i) {
    int node = 0;
    while (t.left(node) != -1) node = X(i, size_t(t.feature(node))) > t.threshold(node) ? t.right(node) : t.left(node);
    out(i) = t.value(node);
  }
  return out;
}

}  // namespace drill::decision_tree
