// expect: wrong_answer
// case: fit(xor,max_depth=-1,min_samples_split=2)
// message: the right tree, numbered otherwise
// message: PRE-ORDER
// The right tree built with a queue: nodes numbered breadth-first, not in pre-order.
#include <Eigen/Dense>
#include <algorithm>
#include <deque>
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
  Eigen::VectorXi feature;
  Eigen::VectorXd threshold;
  Eigen::VectorXi left, right;
  Eigen::VectorXi value;
};

double gini(const Eigen::VectorXi& y) {
  std::map<int, int> counts;
  for (Eigen::Index i = 0; i < y.size(); ++i) ++counts[y[i]];
  double sum = 0;
  for (const auto& [label, c] : counts) sum += double(c) * c;
  return y.size() == 0 ? 0.0 : 1.0 - sum / (double(y.size()) * double(y.size()));
}

Split best_split(const Eigen::MatrixXd& X, const Eigen::VectorXi& y) {
  const Eigen::Index n = X.rows();
  Split best{-1, 0.0, gini(y)};
  double best_score = 0;
  for (int j = 0; j < X.cols(); ++j) {
    const std::set<double> values(X.col(j).data(), X.col(j).data() + n);
    for (auto it = values.begin(); std::next(it) != values.end(); ++it) {
      const double t = (*it + *std::next(it)) / 2;
      std::vector<int> L, R;
      for (Eigen::Index i = 0; i < n; ++i) (X(i, j) <= t ? L : R).push_back(y[i]);
      const Eigen::VectorXi yl = Eigen::Map<Eigen::VectorXi>(L.data(), Eigen::Index(L.size()));
      const Eigen::VectorXi yr = Eigen::Map<Eigen::VectorXi>(R.data(), Eigen::Index(R.size()));
      const double score = (double(L.size()) * gini(yl) + double(R.size()) * gini(yr)) / double(n);
      if (best.feature == -1 || score < best_score) {
        best = {j, t, score};
        best_score = score;
      }
    }
  }
  return best;
}

Tree fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int max_depth, int min_samples_split) {
  if (min_samples_split < 2) throw std::invalid_argument("min_samples_split < 2");
  if (X.rows() == 0) throw std::invalid_argument("empty X");
  const int classes = y.maxCoeff() + 1;
  std::vector<int> feature, left, right, value;
  std::vector<double> threshold;
  struct Item {
    std::vector<int> rows;
    int depth, parent;
    bool is_left;
  };
  std::vector<int> all(static_cast<size_t>(X.rows()));
  for (size_t i = 0; i < all.size(); ++i) all[i] = int(i);
  std::deque<Item> stack{{all, 0, -1, false}};
  while (!stack.empty()) {
    Item it = stack.front();
    stack.pop_front();
    const int id = int(feature.size());
    if (it.parent >= 0) (it.is_left ? left : right)[size_t(it.parent)] = id;
    Eigen::MatrixXd Xs(Eigen::Index(it.rows.size()), X.cols());
    Eigen::VectorXi ys(Eigen::Index(it.rows.size()));
    for (size_t k = 0; k < it.rows.size(); ++k) {
      Xs.row(Eigen::Index(k)) = X.row(it.rows[k]);
      ys[Eigen::Index(k)] = y[it.rows[k]];
    }
    Eigen::VectorXi counts = Eigen::VectorXi::Zero(classes);
    for (Eigen::Index k = 0; k < ys.size(); ++k) ++counts[ys[k]];
    Eigen::Index majority;
    counts.maxCoeff(&majority);  // the first maximum
    feature.push_back(-1);
    threshold.push_back(0.0);
    left.push_back(-1);
    right.push_back(-1);
    value.push_back(int(majority));
    const bool stop = (max_depth >= 0 && it.depth >= max_depth) || int(it.rows.size()) < min_samples_split ||
                      counts.maxCoeff() == int(it.rows.size());
    if (stop) continue;
    const Split s = best_split(Xs, ys);
    if (s.feature == -1) continue;
    feature[size_t(id)] = s.feature;
    threshold[size_t(id)] = s.threshold;
    Item l{{}, it.depth + 1, id, true}, r{{}, it.depth + 1, id, false};
    for (int i : it.rows) (X(i, s.feature) <= s.threshold ? l.rows : r.rows).push_back(i);
    stack.push_back(l);
    stack.push_back(r);
  }
  auto vec = [](std::vector<int>& v) { return Eigen::VectorXi(Eigen::Map<Eigen::VectorXi>(v.data(), Eigen::Index(v.size()))); };
  return {vec(feature), Eigen::Map<Eigen::VectorXd>(threshold.data(), Eigen::Index(threshold.size())), vec(left),
          vec(right), vec(value)};
}

Eigen::VectorXi predict(const Tree& t, const Eigen::MatrixXd& X) {
  Eigen::VectorXi out(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    int node = 0;
    while (t.left[node] != -1) node = X(i, t.feature[node]) > t.threshold[node] ? t.right[node] : t.left[node];
    out[i] = t.value[node];
  }
  return out;
}

}  // namespace drill::decision_tree
