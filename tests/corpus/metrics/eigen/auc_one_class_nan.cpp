// expect: wrong_answer
// case: roc_auc(binary,sets=9)
// message: AUC is undefined with one class
// No check for one class: the area divided by P·N = 0 is NaN instead of a throw.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
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

static void check(const Eigen::VectorXi& t, const Eigen::VectorXi& p, int C) {
  if (t.size() != p.size() || C < 1) throw std::invalid_argument("bad sizes or C");
  for (Eigen::Index i = 0; i < t.size(); ++i)
    if (t[i] < 0 || t[i] >= C || p[i] < 0 || p[i] >= C) throw std::invalid_argument("label out of range");
}

static double safe(double a, double b) { return b == 0 ? 0.0 : a / b; }

Eigen::MatrixXi confusion_matrix(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  check(y_true, y_pred, C);
  Eigen::MatrixXi M = Eigen::MatrixXi::Zero(C, C);
  for (Eigen::Index i = 0; i < y_true.size(); ++i) M(y_true[i], y_pred[i]) += 1;
  return M;
}

PerClass per_class(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  const Eigen::MatrixXi M = confusion_matrix(y_true, y_pred, C);
  PerClass r{Eigen::VectorXd(C), Eigen::VectorXd(C), Eigen::VectorXd(C), M.rowwise().sum()};
  for (int c = 0; c < C; ++c) {
    const double tp = M(c, c), fp = M.col(c).sum() - tp, fn = M.row(c).sum() - tp;
    r.precision[c] = safe(tp, tp + fp);
    r.recall[c] = safe(tp, tp + fn);
    r.f1[c] = safe(2 * tp, 2 * tp + fp + fn);
  }
  return r;
}

Averages macro_average(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  const PerClass p = per_class(y_true, y_pred, C);
  return {p.precision.mean(), p.recall.mean(), p.f1.mean()};
}

Averages micro_average(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C) {
  const Eigen::MatrixXi M = confusion_matrix(y_true, y_pred, C);
  const double acc = safe(M.trace(), double(y_true.size()));
  return {acc, acc, acc};
}

static void check(const Eigen::VectorXi& y, const Eigen::VectorXd& s) {
  if (y.size() != s.size() || y.size() == 0) throw std::invalid_argument("bad sizes");
  for (Eigen::Index i = 0; i < y.size(); ++i)
    if (y[i] != 0 && y[i] != 1) throw std::invalid_argument("label not 0/1");
}

// Cumulative TP and FP at each distinct score, descending, after the (0, 0) start.
struct Sweep {
  std::vector<double> tp{0}, fp{0}, thr{std::numeric_limits<double>::infinity()};
};

static Sweep sweep(const Eigen::VectorXi& y, const Eigen::VectorXd& s) {
  check(y, s);
  std::vector<int> idx(size_t(y.size()));
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](int a, int b) { return s[a] > s[b]; });
  Sweep w;
  double tp = 0, fp = 0;
  for (size_t k = 0; k < idx.size(); ++k) {
    if (y[idx[k]] == 1) tp += 1; else fp += 1;
    if (k + 1 == idx.size() || s[idx[k + 1]] != s[idx[k]]) {
      w.tp.push_back(tp);
      w.fp.push_back(fp);
      w.thr.push_back(s[idx[k]]);
    }
  }
  return w;
}

static Eigen::VectorXd vec(const std::vector<double>& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data(), Eigen::Index(v.size()));
}

Roc roc_curve(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  const Sweep w = sweep(y_true, score);
  const double P = w.tp.back(), N = w.fp.back();
  return {vec(w.fp) / N, vec(w.tp) / P, vec(w.thr)};  // 0/0 = NaN for a missing class
}

double roc_auc(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  const Sweep w = sweep(y_true, score);
  const double P = w.tp.back(), N = w.fp.back();
  double area = 0;
  for (size_t i = 1; i < w.tp.size(); ++i) area += (w.fp[i] - w.fp[i - 1]) * (w.tp[i] + w.tp[i - 1]) / 2;
  return area / (P * N);
}

double average_precision(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score) {
  const Sweep w = sweep(y_true, score);
  const double P = w.tp.back();
  if (P == 0) return 0.0;
  double ap = 0;
  for (size_t i = 1; i < w.tp.size(); ++i) ap += (w.tp[i] - w.tp[i - 1]) / P * (w.tp[i] / (w.tp[i] + w.fp[i]));
  return ap;
}

}  // namespace drill::metrics
