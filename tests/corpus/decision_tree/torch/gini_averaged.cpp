// expect: wrong_answer
// case: best_split(6 problems)
// message: weighted by their sizes
// The children's Gini averaged, not weighted by their row counts.
#include <torch/torch.h>
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
  torch::Tensor feature;
  torch::Tensor threshold;
  torch::Tensor left;
  torch::Tensor right;
  torch::Tensor value;
};

static double gini_counts(const std::vector<int64_t>& counts, int64_t n) {
  if (n == 0) return 0.0;
  double s = 1.0;
  for (int64_t c : counts) {
    const double p = double(c) / double(n);
    s -= p * p;
  }
  return s;
}

// Plain copies of X and y, read with [] below.
struct Data {
  std::vector<std::vector<double>> X;
  std::vector<int64_t> y;
  int64_t classes = 0;
};

static Data data_of(const torch::Tensor& X, const torch::Tensor& y) {
  Data d;
  const auto x = X.accessor<double, 2>();
  const auto l = y.accessor<int64_t, 1>();
  for (int64_t i = 0; i < X.size(0); ++i) {
    d.X.emplace_back();
    for (int64_t j = 0; j < X.size(1); ++j) d.X.back().push_back(x[i][j]);
    d.y.push_back(l[i]);
    d.classes = std::max(d.classes, l[i] + 1);
  }
  return d;
}

static std::vector<int64_t> counts_of(const Data& d, const std::vector<int>& rows) {
  std::vector<int64_t> counts(size_t(d.classes), 0);
  for (int i : rows) ++counts[size_t(d.y[size_t(i)])];
  return counts;
}

double gini(const torch::Tensor& y) {
  if (y.numel() == 0) return 0.0;
  const auto l = y.accessor<int64_t, 1>();
  std::vector<int64_t> counts(size_t(y.max().item<int64_t>() + 1), 0);
  for (int64_t i = 0; i < y.size(0); ++i) ++counts[size_t(l[i])];
  return gini_counts(counts, y.numel());
}

static Split search(const Data& d, const std::vector<int>& rows) {
  const int n = int(rows.size());
  const std::vector<int64_t> total = counts_of(d, rows);
  Split best{-1, 0.0, gini_counts(total, n)};
  for (int j = 0; j < int(d.X[0].size()); ++j) {
    std::vector<int> order = rows;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return d.X[size_t(a)][size_t(j)] < d.X[size_t(b)][size_t(j)]; });
    std::vector<int64_t> L(size_t(d.classes), 0), R = total;
    for (int k = 0; k + 1 < n; ++k) {
      ++L[size_t(d.y[size_t(order[k])])];
      --R[size_t(d.y[size_t(order[k])])];
      const double a = d.X[size_t(order[k])][size_t(j)], b = d.X[size_t(order[k + 1])][size_t(j)];
      if (a == b) continue;
      const int nl = k + 1, nr = n - k - 1;
      const double score = (gini_counts(L, nl) + gini_counts(R, nr)) / 2;
      if (best.feature < 0 || score < best.impurity) best = {j, (a + b) / 2, score};
    }
  }
  return best;
}

Split best_split(const torch::Tensor& X, const torch::Tensor& y) {
  const Data d = data_of(X, y);
  std::vector<int> rows(d.y.size());
  std::iota(rows.begin(), rows.end(), 0);
  return search(d, rows);
}

struct Grow {
  const Data& d;
  int max_depth, min_samples_split;
  std::vector<int64_t> f, l, r, v;
  std::vector<double> t;

  int node(const std::vector<int>& rows, int depth) {
    const int id = int(f.size());
    const std::vector<int64_t> counts = counts_of(d, rows);
    int best = 0;
    for (int c = 1; c < int(d.classes); ++c)
      if (counts[size_t(c)] > counts[size_t(best)]) best = c;
    f.push_back(-1);
    t.push_back(0.0);
    l.push_back(-1);
    r.push_back(-1);
    v.push_back(best);
    const int n = int(rows.size());
    const double impurity = gini_counts(counts, n);
    if (max_depth >= 0 && depth == max_depth) return id;
    if (n < min_samples_split || impurity == 0.0) return id;
    const Split s = search(d, rows);
    if (s.feature < 0) return id;
    std::vector<int> a, b;
    for (int i : rows) (d.X[size_t(i)][size_t(s.feature)] <= s.threshold ? a : b).push_back(i);
    f[size_t(id)] = s.feature;
    t[size_t(id)] = s.threshold;
    const int li = node(a, depth + 1);
    const int ri = node(b, depth + 1);
    l[size_t(id)] = li;
    r[size_t(id)] = ri;
    return id;
  }
};

Tree fit(const torch::Tensor& X, const torch::Tensor& y, int max_depth, int min_samples_split) {
  if (min_samples_split < 2 || X.size(0) == 0) throw std::invalid_argument("bad arguments");
  const Data d = data_of(X, y);
  Grow g{d, max_depth, min_samples_split, {}, {}, {}, {}, {}};
  std::vector<int> rows(d.y.size());
  std::iota(rows.begin(), rows.end(), 0);
  g.node(rows, 0);
  auto i64 = [](const std::vector<int64_t>& x) { return torch::tensor(x, torch::kInt64); };
  return {i64(g.f), torch::tensor(g.t, torch::kFloat64), i64(g.l), i64(g.r), i64(g.v)};
}

torch::Tensor predict(const Tree& t, const torch::Tensor& X) {
  const auto x = X.accessor<double, 2>();
  const auto f = t.feature.accessor<int64_t, 1>();
  const auto th = t.threshold.accessor<double, 1>();
  const auto l = t.left.accessor<int64_t, 1>(), r = t.right.accessor<int64_t, 1>(), v = t.value.accessor<int64_t, 1>();
  std::vector<int64_t> out;
  for (int64_t i = 0; i < X.size(0); ++i) {
    int64_t k = 0;
    while (f[k] != -1) k = x[i][f[k]] <= th[k] ? l[k] : r[k];
    out.push_back(v[k]);
  }
  return torch::tensor(out, torch::kInt64);
}

}  // namespace drill::decision_tree
