// Reference CART decision tree in LibTorch: graded as a candidate (must be accepted). The
// search is scalar work, so X and y are read through accessors; for each column the rows are
// ordered by torch::argsort(stable) and class counts run along that order (midpoints between
// distinct values, strict '<' keeps the first equally good split); the tree is built with an
// explicit stack in pre-order, and its fields returned as int64 / float64 tensors.
#include <torch/torch.h>
#include <algorithm>
#include <stdexcept>
#include <vector>

namespace drill::decision_tree {

struct Split {
  int feature;
  double threshold;
  double impurity;
};

struct Tree {
  torch::Tensor feature;    // int64
  torch::Tensor threshold;  // float64
  torch::Tensor left, right, value;
};

namespace {

double gini_of(const std::vector<int64_t>& counts, int64_t n) {
  if (n == 0) return 0.0;
  double sum = 0;
  for (int64_t c : counts) sum += double(c) / double(n) * (double(c) / double(n));
  return 1.0 - sum;
}

// The best split of the rows `rows` (a 1-D int64 tensor of row indices).
Split best_over(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& rows, int64_t classes) {
  const torch::Tensor Xr = X.index_select(0, rows), yr = y.index_select(0, rows);
  const int64_t n = Xr.size(0);
  const auto labels = yr.accessor<int64_t, 1>();
  std::vector<int64_t> total(size_t(classes), 0);
  for (int64_t i = 0; i < n; ++i) ++total[size_t(labels[i])];
  Split best{-1, 0.0, gini_of(total, n)};
  bool found = false;
  for (int64_t j = 0; j < Xr.size(1); ++j) {
    const torch::Tensor column = Xr.select(1, j).contiguous();
    const torch::Tensor order = torch::argsort(column, /*stable=*/true, /*dim=*/0, /*descending=*/false);
    const auto o = order.accessor<int64_t, 1>();
    const auto x = column.accessor<double, 1>();
    std::vector<int64_t> left(size_t(classes), 0), right = total;
    for (int64_t k = 0; k + 1 < n; ++k) {
      ++left[size_t(labels[o[k]])];
      --right[size_t(labels[o[k]])];
      const double a = x[o[k]], b = x[o[k + 1]];
      if (!(a < b)) continue;
      const double impurity = (double(k + 1) * gini_of(left, k + 1) + double(n - k - 1) * gini_of(right, n - k - 1)) /
                              double(n);
      if (!found || impurity < best.impurity) {
        best = {int(j), (a + b) / 2, impurity};
        found = true;
      }
    }
  }
  return best;
}

}  // namespace

double gini(const torch::Tensor& y) {
  if (y.numel() == 0) return 0.0;
  const torch::Tensor p = torch::bincount(y).to(torch::kFloat64) / double(y.numel());
  return 1.0 - (p * p).sum().item<double>();
}

Split best_split(const torch::Tensor& X, const torch::Tensor& y) {
  return best_over(X, y, torch::arange(X.size(0), torch::kInt64), y.max().item<int64_t>() + 1);
}

Tree fit(const torch::Tensor& X, const torch::Tensor& y, int max_depth, int min_samples_split) {
  if (min_samples_split < 2) throw std::invalid_argument("fit: min_samples_split must be at least 2");
  if (X.size(0) == 0) throw std::invalid_argument("fit: X has no rows");
  const int64_t classes = y.max().item<int64_t>() + 1;
  std::vector<int64_t> feature, left, right, value;
  std::vector<double> threshold;
  // Pending nodes (rows, depth, parent, which side); pushing the right child before the left
  // pops the left first: pre-order numbering.
  struct Pending {
    torch::Tensor rows;
    int depth;
    int64_t parent;
    bool is_left;
  };
  std::vector<Pending> todo = {{torch::arange(X.size(0), torch::kInt64), 0, -1, false}};
  while (!todo.empty()) {
    const Pending node = todo.back();
    todo.pop_back();
    const int64_t me = int64_t(feature.size());
    if (node.parent >= 0) (node.is_left ? left : right)[size_t(node.parent)] = me;
    const torch::Tensor counts = torch::bincount(y.index_select(0, node.rows), {}, classes);
    const int64_t n = node.rows.size(0);
    feature.push_back(-1);
    threshold.push_back(0.0);
    left.push_back(-1);
    right.push_back(-1);
    value.push_back(counts.argmax().item<int64_t>());  // the first maximum: ties → smallest label
    const bool pure = counts.max().item<int64_t>() == n;
    if ((max_depth >= 0 && node.depth == max_depth) || n < min_samples_split || pure) continue;
    const Split s = best_over(X, y, node.rows, classes);
    if (s.feature < 0) continue;
    feature[size_t(me)] = s.feature;
    threshold[size_t(me)] = s.threshold;
    const torch::Tensor goes_left = X.index_select(0, node.rows).select(1, s.feature) <= s.threshold;
    todo.push_back({node.rows.index({~goes_left}), node.depth + 1, me, false});
    todo.push_back({node.rows.index({goes_left}), node.depth + 1, me, true});
  }
  auto ints = [](const std::vector<int64_t>& v) { return torch::tensor(v, torch::kInt64); };
  return {ints(feature), torch::tensor(threshold, torch::kFloat64), ints(left), ints(right), ints(value)};
}

torch::Tensor predict(const Tree& t, const torch::Tensor& X) {
  const auto f = t.feature.accessor<int64_t, 1>(), l = t.left.accessor<int64_t, 1>(), r = t.right.accessor<int64_t, 1>(),
             v = t.value.accessor<int64_t, 1>();
  const auto th = t.threshold.accessor<double, 1>();
  const auto x = X.accessor<double, 2>();
  torch::Tensor out = torch::empty({X.size(0)}, torch::kInt64);
  auto o = out.accessor<int64_t, 1>();
  for (int64_t i = 0; i < X.size(0); ++i) {
    int64_t k = 0;
    while (f[k] >= 0) k = x[i][f[k]] <= th[k] ? l[k] : r[k];
    o[i] = v[k];
  }
  return out;
}

}  // namespace drill::decision_tree
