// expect: accepted
// Multiclass by direct TP/FP/FN counts per class (no matrix); the binary functions from a
// std::map score → (positives, negatives) walked from the top score down; AUC as Mann–Whitney
// U from mid-ranks (a tied group shares the mean of its ranks).
#include <Eigen/Dense>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

namespace drill::metrics {

struct PerClass {
  Eigen::VectorXd precision, recall, f1;
  Eigen::VectorXi support;
};
struct Averages {
  double precision, recall, f1;
};
struct Roc {
  Eigen::VectorXd fpr, tpr, thresholds;
};

namespace {
void validate(const Eigen::VectorXi& t, const Eigen::VectorXi& p, int C) {
  if (t.size() != p.size()) throw std::invalid_argument("sizes differ");
  if (C < 1) throw std::invalid_argument("C < 1");
  if (t.size() > 0 && (t.minCoeff() < 0 || p.minCoeff() < 0 || t.maxCoeff() >= C || p.maxCoeff() >= C))
    throw std::invalid_argument("label outside [0, C)");
}
void validate(const Eigen::VectorXi& y, const Eigen::VectorXd& s) {
  if (y.size() != s.size()) throw std::invalid_argument("sizes differ");
  if (y.size() == 0) throw std::invalid_argument("empty");
  if ((y.array() != 0 && y.array() != 1).any()) throw std::invalid_argument("labels must be 0 or 1");
}
// score → {positives, negatives}, highest score first.
using Counts = std::map<double, std::pair<int, int>, std::greater<double>>;
Counts counts(const Eigen::VectorXi& y, const Eigen::VectorXd& s) {
  validate(y, s);
  Counts m;
  for (Eigen::Index i = 0; i < y.size(); ++i) (y[i] ? m[s[i]].first : m[s[i]].second) += 1;
  return m;
}
}  // namespace

Eigen::MatrixXi confusion_matrix(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  validate(y_true, y_pred, C);
  Eigen::MatrixXi M = Eigen::MatrixXi::Zero(C, C);
  for (Eigen::Index i = 0; i < y_true.size(); ++i) ++M(y_true[i], y_pred[i]);
  return M;
}

PerClass per_class(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  validate(y_true, y_pred, C);
  PerClass r{Eigen::VectorXd::Zero(C), Eigen::VectorXd::Zero(C), Eigen::VectorXd::Zero(C), Eigen::VectorXi::Zero(C)};
  for (int c = 0; c < C; ++c) {
    int tp = 0, fp = 0, fn = 0;
    for (Eigen::Index i = 0; i < y_true.size(); ++i) {
      tp += y_true[i] == c && y_pred[i] == c;
      fp += y_true[i] != c && y_pred[i] == c;
      fn += y_true[i] == c && y_pred[i] != c;
    }
    r.support[c] = tp + fn;
    if (tp + fp > 0) r.precision[c] = double(tp) / (tp + fp);
    if (tp + fn > 0) r.recall[c] = double(tp) / (tp + fn);
    if (2 * tp + fp + fn > 0) r.f1[c] = 2.0 * tp / (2 * tp + fp + fn);
  }
  return r;
}

Averages macro_average(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  const PerClass p = per_class(y_true, y_pred, C);
  return {p.precision.sum() / C, p.recall.sum() / C, p.f1.sum() / C};
}

Averages micro_average(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  validate(y_true, y_pred, C);
  if (y_true.size() == 0) return {0, 0, 0};
  const double right = (y_true.array() == y_pred.array()).count();
  const double a = right / double(y_true.size());
  return {a, a, a};
}

Roc roc_curve(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  const Counts m = counts(y_true, score);
  const double P = y_true.sum(), N = double(y_true.size()) - P, nan = std::nan("");
  const Eigen::Index k = Eigen::Index(m.size());
  Roc r{Eigen::VectorXd(k + 1), Eigen::VectorXd(k + 1), Eigen::VectorXd(k + 1)};
  r.thresholds[0] = std::numeric_limits<double>::infinity();
  r.fpr[0] = N > 0 ? 0 : nan;
  r.tpr[0] = P > 0 ? 0 : nan;
  int tp = 0, fp = 0;
  Eigen::Index i = 1;
  for (const auto& [s, c] : m) {
    tp += c.first;
    fp += c.second;
    r.thresholds[i] = s;
    r.fpr[i] = N > 0 ? fp / N : nan;
    r.tpr[i] = P > 0 ? tp / P : nan;
    ++i;
  }
  return r;
}

double roc_auc(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  const Counts m = counts(y_true, score);
  const double P = y_true.sum(), N = double(y_true.size()) - P;
  if (P == 0 || N == 0) throw std::invalid_argument("roc_auc needs both classes");
  // Ranks ascending: walk the map from the lowest score; a group of g ties at ranks
  // r+1 .. r+g shares the mid-rank r + (g + 1) / 2.
  double rank_sum = 0, below = 0;
  for (auto it = m.rbegin(); it != m.rend(); ++it) {
    const double g = it->second.first + it->second.second;
    rank_sum += it->second.first * (below + (g + 1) / 2);
    below += g;
  }
  const double U = rank_sum - P * (P + 1) / 2;
  return U / (P * N);
}

double average_precision(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  const Counts m = counts(y_true, score);
  const double P = y_true.sum();
  if (P == 0) return 0;
  double ap = 0, tp = 0, seen = 0;
  for (const auto& [s, c] : m) {
    tp += c.first;
    seen += c.first + c.second;
    ap += c.first / P * (tp / seen);
  }
  return ap;
}

}  // namespace drill::metrics
