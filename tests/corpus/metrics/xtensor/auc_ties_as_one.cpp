// expect: wrong_answer
// case: roc_auc(binary,sets=9)
// message: a tied pair counts 1/2
// AUC by pair counting with >=: a tied positive/negative pair counts 1.
#include <xtensor/xadapt.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace drill::metrics {

struct PerClass {
  xt::xtensor<double, 1> precision, recall, f1;
  xt::xtensor<int, 1> support;
};
struct Averages {
  double precision, recall, f1;
};
struct Roc {
  xt::xtensor<double, 1> fpr, tpr, thresholds;
};

static void check(const xt::xtensor<int, 1>& t, const xt::xtensor<int, 1>& p, int C) {
  if (t.size() != p.size() || C < 1) throw std::invalid_argument("bad sizes or C");
  for (size_t i = 0; i < t.size(); ++i)
    if (t(i) < 0 || t(i) >= C || p(i) < 0 || p(i) >= C) throw std::invalid_argument("label out of range");
}

static double safe(double a, double b) { return b == 0 ? 0.0 : a / b; }

xt::xtensor<int, 2> confusion_matrix(const xt::xtensor<int, 1>& y_true, const xt::xtensor<int, 1>& y_pred, int C) {
  check(y_true, y_pred, C);
  xt::xtensor<int, 2> M = xt::zeros<int>({size_t(C), size_t(C)});
  for (size_t i = 0; i < y_true.size(); ++i) M(y_true(i), y_pred(i)) += 1;
  return M;
}

PerClass per_class(const xt::xtensor<int, 1>& y_true, const xt::xtensor<int, 1>& y_pred, int C) {
  const xt::xtensor<int, 2> M = confusion_matrix(y_true, y_pred, C);
  const size_t k = size_t(C);
  PerClass r{xt::zeros<double>({k}), xt::zeros<double>({k}), xt::zeros<double>({k}), xt::sum(M, {1})};
  for (size_t c = 0; c < k; ++c) {
    const double tp = M(c, c), fp = xt::sum(xt::col(M, long(c)))() - tp, fn = xt::sum(xt::row(M, long(c)))() - tp;
    r.precision(c) = safe(tp, tp + fp);
    r.recall(c) = safe(tp, tp + fn);
    r.f1(c) = safe(2 * tp, 2 * tp + fp + fn);
  }
  return r;
}

Averages macro_average(const xt::xtensor<int, 1>& y_true, const xt::xtensor<int, 1>& y_pred, int C) {
  const PerClass p = per_class(y_true, y_pred, C);
  return {xt::mean(p.precision)(), xt::mean(p.recall)(), xt::mean(p.f1)()};
}

Averages micro_average(const xt::xtensor<int, 1>& y_true, const xt::xtensor<int, 1>& y_pred, int C) {
  const xt::xtensor<int, 2> M = confusion_matrix(y_true, y_pred, C);
  double right = 0;
  for (int c = 0; c < C; ++c) right += M(c, c);
  const double acc = safe(right, double(y_true.size()));
  return {acc, acc, acc};
}

static void check(const xt::xtensor<int, 1>& y, const xt::xtensor<double, 1>& s) {
  if (y.size() != s.size() || y.size() == 0) throw std::invalid_argument("bad sizes");
  for (size_t i = 0; i < y.size(); ++i)
    if (y(i) != 0 && y(i) != 1) throw std::invalid_argument("label not 0/1");
}

// Cumulative TP and FP at each distinct score, descending, after the (0, 0) start.
struct Sweep {
  std::vector<double> tp{0}, fp{0}, thr{std::numeric_limits<double>::infinity()};
};

static Sweep sweep(const xt::xtensor<int, 1>& y, const xt::xtensor<double, 1>& s) {
  check(y, s);
  std::vector<int> idx(size_t(y.size()));
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](int a, int b) { return s(size_t(a)) > s(size_t(b)); });
  Sweep w;
  double tp = 0, fp = 0;
  for (size_t k = 0; k < idx.size(); ++k) {
    if (y(size_t(idx[k])) == 1) tp += 1; else fp += 1;
    if (k + 1 == idx.size() || s(size_t(idx[k + 1])) != s(size_t(idx[k]))) {
      w.tp.push_back(tp);
      w.fp.push_back(fp);
      w.thr.push_back(s(size_t(idx[k])));
    }
  }
  return w;
}

static xt::xtensor<double, 1> vec(const std::vector<double>& v) {
  return xt::adapt(v, {v.size()});
}

Roc roc_curve(const xt::xtensor<int, 1>& y_true, const xt::xtensor<double, 1>& score) {
  const Sweep w = sweep(y_true, score);
  const double P = w.tp.back(), N = w.fp.back();
  return {vec(w.fp) / N, vec(w.tp) / P, vec(w.thr)};  // 0/0 = NaN for a missing class
}

double roc_auc(const xt::xtensor<int, 1>& y_true, const xt::xtensor<double, 1>& score) {
  check(y_true, score);
  double right = 0, P = 0, N = 0;
  for (size_t i = 0; i < y_true.size(); ++i) (y_true(i) ? P : N) += 1;
  if (P == 0 || N == 0) throw std::invalid_argument("one class only");
  for (size_t i = 0; i < y_true.size(); ++i)
    for (size_t j = 0; j < y_true.size(); ++j)
      if (y_true(i) == 1 && y_true(j) == 0 && score(i) >= score(j)) right += 1;
  return right / (P * N);
}

double average_precision(const xt::xtensor<int, 1>& y_true, const xt::xtensor<double, 1>& score) {
  const Sweep w = sweep(y_true, score);
  const double P = w.tp.back();
  if (P == 0) return 0.0;
  double ap = 0;
  for (size_t i = 1; i < w.tp.size(); ++i) ap += (w.tp[i] - w.tp[i - 1]) / P * (w.tp[i] / (w.tp[i] + w.fp[i]));
  return ap;
}

}  // namespace drill::metrics
