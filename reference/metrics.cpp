// The classification-metrics reference (../shared/docs/drills/metrics.md): counts from the
// confusion matrix, and one sort-and-sweep over the distinct scores for ROC, AUC and AP.
#include "metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace drill::metrics {
namespace {

void check_multiclass(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  if (y_true.size() != y_pred.size()) throw std::invalid_argument("y_true and y_pred differ in size");
  if (C < 1) throw std::invalid_argument("C < 1");
  for (Eigen::Index i = 0; i < y_true.size(); ++i)
    if (y_true[i] < 0 || y_true[i] >= C || y_pred[i] < 0 || y_pred[i] >= C)
      throw std::invalid_argument("a label outside [0, C)");
}

void check_binary(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  if (y_true.size() != score.size()) throw std::invalid_argument("y_true and score differ in size");
  if (y_true.size() == 0) throw std::invalid_argument("no samples");
  for (Eigen::Index i = 0; i < y_true.size(); ++i)
    if (y_true[i] != 0 && y_true[i] != 1) throw std::invalid_argument("a label other than 0 or 1");
}

double ratio(double num, double den) { return den == 0 ? 0.0 : num / den; }

// Cumulative true and false positives at each distinct score, descending: the points of the
// curve after (0, 0), and the scores that are their thresholds.
struct Sweep {
  std::vector<double> tp, fp, threshold;
};

Sweep sweep(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  std::vector<Eigen::Index> order(size_t(score.size()));
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return score[a] > score[b]; });
  Sweep s;
  double tp = 0, fp = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    (y_true[order[k]] == 1 ? tp : fp) += 1;
    if (k + 1 == order.size() || score[order[k + 1]] != score[order[k]]) {
      s.tp.push_back(tp);
      s.fp.push_back(fp);
      s.threshold.push_back(score[order[k]]);
    }
  }
  return s;
}

}  // namespace

Eigen::MatrixXi confusion_matrix(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  check_multiclass(y_true, y_pred, C);
  Eigen::MatrixXi M = Eigen::MatrixXi::Zero(C, C);
  for (Eigen::Index i = 0; i < y_true.size(); ++i) ++M(y_true[i], y_pred[i]);
  return M;
}

PerClass per_class(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  const Eigen::MatrixXi M = confusion_matrix(y_true, y_pred, C);
  PerClass r{Eigen::VectorXd(C), Eigen::VectorXd(C), Eigen::VectorXd(C), M.rowwise().sum()};
  for (int c = 0; c < C; ++c) {
    const double tp = M(c, c), predicted = M.col(c).sum(), actual = M.row(c).sum();
    r.precision[c] = ratio(tp, predicted);
    r.recall[c] = ratio(tp, actual);
    r.f1[c] = ratio(2 * tp, predicted + actual);  // 2TP / (2TP + FP + FN)
  }
  return r;
}

Averages macro_average(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  const PerClass p = per_class(y_true, y_pred, C);
  return {p.precision.mean(), p.recall.mean(), p.f1.mean()};
}

Averages micro_average(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  const Eigen::MatrixXi M = confusion_matrix(y_true, y_pred, C);
  const double accuracy = ratio(M.trace(), double(y_true.size()));
  return {accuracy, accuracy, accuracy};
}

Roc roc_curve(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  check_binary(y_true, score);
  const Sweep s = sweep(y_true, score);
  const double P = s.tp.back(), N = s.fp.back(), nan = std::numeric_limits<double>::quiet_NaN();
  const Eigen::Index k = Eigen::Index(s.tp.size());
  Roc r{Eigen::VectorXd(k + 1), Eigen::VectorXd(k + 1), Eigen::VectorXd(k + 1)};
  r.fpr[0] = N == 0 ? nan : 0.0;
  r.tpr[0] = P == 0 ? nan : 0.0;
  r.thresholds[0] = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < k; ++i) {
    r.fpr[i + 1] = N == 0 ? nan : s.fp[size_t(i)] / N;
    r.tpr[i + 1] = P == 0 ? nan : s.tp[size_t(i)] / P;
    r.thresholds[i + 1] = s.threshold[size_t(i)];
  }
  return r;
}

double roc_auc(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  check_binary(y_true, score);
  const Sweep s = sweep(y_true, score);
  const double P = s.tp.back(), N = s.fp.back();
  if (P == 0 || N == 0) throw std::invalid_argument("AUC is undefined when y_true holds one class only");
  // Trapezoids in counts (exact integers until the last division): each step of fp adds
  // Δfp · (tp_before + tp_after) / 2, a tied pair counting 1/2.
  double area = 0, tp = 0, fp = 0;
  for (size_t i = 0; i < s.tp.size(); ++i) {
    area += (s.fp[i] - fp) * (s.tp[i] + tp) / 2;
    tp = s.tp[i];
    fp = s.fp[i];
  }
  return area / (P * N);
}

double average_precision(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  check_binary(y_true, score);
  const Sweep s = sweep(y_true, score);
  const double P = s.tp.back();
  if (P == 0) return 0.0;
  double ap = 0, recall = 0;
  for (size_t i = 0; i < s.tp.size(); ++i) {
    const double r = s.tp[i] / P;
    ap += (r - recall) * (s.tp[i] / (s.tp[i] + s.fp[i]));
    recall = r;
  }
  return ap;
}

}  // namespace drill::metrics
