// expect: accepted
// Correct: tensor ops — gini by bincount, every midpoint of torch::unique's sorted values
// scored by masks and bincounts (brute force), an explicit stack for the pre-order build.
#include <torch/torch.h>
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

double gini(const torch::Tensor& y) {
  if (y.numel() == 0) return 0.0;
  const torch::Tensor p = torch::bincount(y).to(torch::kFloat64) / double(y.numel());
  return 1.0 - (p * p).sum().item<double>();
}

Split best_split(const torch::Tensor& X, const torch::Tensor& y) {
  const double n = double(X.size(0));
  Split best{-1, 0.0, gini(y)};
  for (int64_t j = 0; j < X.size(1); ++j) {
    const torch::Tensor col = X.select(1, j);
    const torch::Tensor values = std::get<0>(torch::_unique(col, /*sorted=*/true));
    const auto v = values.accessor<double, 1>();
    for (int64_t k = 0; k + 1 < values.size(0); ++k) {
      const double t = (v[k] + v[k + 1]) / 2;
      const torch::Tensor mask = col <= t;
      const torch::Tensor yl = y.index({mask}), yr = y.index({~mask});
      const double score = (double(yl.numel()) * gini(yl) + double(yr.numel()) * gini(yr)) / n;
      if (best.feature == -1 || score < best.impurity) best = {int(j), t, score};
    }
  }
  return best;
}

Tree fit(const torch::Tensor& X, const torch::Tensor& y, int max_depth, int min_samples_split) {
  if (min_samples_split < 2) throw std::invalid_argument("min_samples_split must be >= 2");
  if (X.size(0) == 0) throw std::invalid_argument("X has no rows");
  const int64_t classes = y.max().item<int64_t>() + 1;
  std::vector<int64_t> feature, left, right, value;
  std::vector<double> threshold;
  struct Item {
    torch::Tensor rows;
    int depth;
    int64_t parent;
    bool is_left;
  };
  std::vector<Item> stack{{torch::arange(X.size(0)), 0, -1, false}};
  while (!stack.empty()) {
    const Item it = stack.back();
    stack.pop_back();
    const int64_t id = int64_t(feature.size());
    if (it.parent >= 0) (it.is_left ? left : right)[size_t(it.parent)] = id;
    const torch::Tensor Xs = X.index_select(0, it.rows), ys = y.index_select(0, it.rows);
    const torch::Tensor counts = torch::bincount(ys, {}, classes);
    feature.push_back(-1);
    threshold.push_back(0.0);
    left.push_back(-1);
    right.push_back(-1);
    value.push_back(counts.argmax().item<int64_t>());
    if ((max_depth >= 0 && it.depth == max_depth) || ys.numel() < min_samples_split || gini(ys) == 0.0) continue;
    const Split s = best_split(Xs, ys);
    if (s.feature < 0) continue;
    feature[size_t(id)] = s.feature;
    threshold[size_t(id)] = s.threshold;
    const torch::Tensor mask = Xs.select(1, s.feature) <= s.threshold;
    stack.push_back({it.rows.index({~mask}), it.depth + 1, id, false});
    stack.push_back({it.rows.index({mask}), it.depth + 1, id, true});
  }
  return {torch::tensor(feature), torch::tensor(threshold, torch::kFloat64), torch::tensor(left), torch::tensor(right),
          torch::tensor(value)};
}

torch::Tensor predict(const Tree& t, const torch::Tensor& X) {
  torch::Tensor out = torch::empty({X.size(0)}, torch::kInt64);
  for (int64_t i = 0; i < X.size(0); ++i) {
    int64_t k = 0;
    while (t.feature[k].item<int64_t>() >= 0)
      k = X[i][t.feature[k].item<int64_t>()].item<double>() <= t.threshold[k].item<double>() ? t.left[k].item<int64_t>()
                                                                                               : t.right[k].item<int64_t>();
    out[i] = t.value[k];
  }
  return out;
}

}  // namespace drill::decision_tree
