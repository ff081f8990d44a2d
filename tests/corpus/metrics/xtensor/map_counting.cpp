// expect: accepted
// Multiclass by direct TP/FP/FN counts per class (no matrix); the binary functions from a
// std::map score → (positives, negatives) walked from the top score down; AUC as Mann–Whitney
// U from mid-ranks (a tied group shares the mean of its ranks).
#include <xtensor/xadapt.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>
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

namespace {
void validate(const xt::xtensor<int, 1>& t, const xt::xtensor<int, 1>& p, int C) {
  if (t.size() != p.size()) throw std::invalid_argument("sizes differ");
  if (C < 1) throw std::invalid_argument("C < 1");
  if (t.size() > 0 && (xt::amin(t)() < 0 || xt::amin(p)() < 0 || xt::amax(t)() >= C || xt::amax(p)() >= C))
    throw std::invalid_argument("label outside [0, C)");
}
void validate(const xt::xtensor<int, 1>& y, const xt::xtensor<double, 1>& s) {
  if (y.size() != s.size()) throw std::invalid_argument("sizes differ");
  if (y.size() == 0) throw std::invalid_argument("empty");
  if (xt::any(xt::not_equal(y, 0) && xt::not_equal(y, 1))) throw std::invalid_argument("labels must be 0 or 1");
}
// score → {positives, negatives}, highest score first.
using Counts = std::map<double, std::pair<int, int>, std::greater<double>>;
Counts counts(const xt::xtensor<int, 1>& y, const xt::xtensor<double, 1>& s) {
  validate(y, s);
  Counts m;
  for (size_t i = 0; i < y.size(); ++i) (y(i) ? m[s(i)].first : m[s(i)].second) += 1;
  return m;
}
}  // namespace

xt::xtensor<int, 2> confusion_matrix(const xt::xtensor<int, 1>& y_true, const xt::xtensor<int, 1>& y_pred, int C) {
  validate(y_true, y_pred, C);
  xt::xtensor<int, 2> M = xt::zeros<int>({size_t(C), size_t(C)});
  for (size_t i = 0; i < y_true.size(); ++i) ++M(size_t(y_true(i)), size_t(y_pred(i)));
  return M;
}

PerClass per_class(const xt::xtensor<int, 1>& y_true, const xt::xtensor<int, 1>& y_pred, int C) {
  validate(y_true, y_pred, C);
  const size_t k = size_t(C);
  PerClass r{xt::zeros<double>({k}), xt::zeros<double>({k}), xt::zeros<double>({k}), xt::zeros<int>({k})};
  for (int c = 0; c < C; ++c) {
    int tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < y_true.size(); ++i) {
      tp += y_true(i) == c && y_pred(i) == c;
      fp += y_true(i) != c && y_pred(i) == c;
      fn += y_true(i) == c && y_pred(i) != c;
    }
    const size_t j = size_t(c);
    r.support(j) = tp + fn;
    if (tp + fp > 0) r.precision(j) = double(tp) / (tp + fp);
    if (tp + fn > 0) r.recall(j) = double(tp) / (tp + fn);
    if (2 * tp + fp + fn > 0) r.f1(j) = 2.0 * tp / (2 * tp + fp + fn);
  }
  return r;
}

Averages macro_average(const xt::xtensor<int, 1>& y_true, const xt::xtensor<int, 1>& y_pred, int C) {
  const PerClass p = per_class(y_true, y_pred, C);
  return {xt::sum(p.precision)() / C, xt::sum(p.recall)() / C, xt::sum(p.f1)() / C};
}

Averages micro_average(const xt::xtensor<int, 1>& y_true, const xt::xtensor<int, 1>& y_pred, int C) {
  validate(y_true, y_pred, C);
  if (y_true.size() == 0) return {0, 0, 0};
  const double right = double(xt::sum(xt::equal(y_true, y_pred))());
  const double a = right / double(y_true.size());
  return {a, a, a};
}

Roc roc_curve(const xt::xtensor<int, 1>& y_true, const xt::xtensor<double, 1>& score) {
  const Counts m = counts(y_true, score);
  const double P = double(xt::sum(y_true)()), N = double(y_true.size()) - P, nan = std::nan("");
  const size_t k = m.size();
  Roc r{xt::zeros<double>({k + 1}), xt::zeros<double>({k + 1}), xt::zeros<double>({k + 1})};
  r.thresholds(0) = std::numeric_limits<double>::infinity();
  r.fpr(0) = N > 0 ? 0 : nan;
  r.tpr(0) = P > 0 ? 0 : nan;
  int tp = 0, fp = 0;
  size_t i = 1;
  for (const auto& [s, c] : m) {
    tp += c.first;
    fp += c.second;
    r.thresholds(i) = s;
    r.fpr(i) = N > 0 ? fp / N : nan;
    r.tpr(i) = P > 0 ? tp / P : nan;
    ++i;
  }
  return r;
}

double roc_auc(const xt::xtensor<int, 1>& y_true, const xt::xtensor<double, 1>& score) {
  const Counts m = counts(y_true, score);
  const double P = double(xt::sum(y_true)()), N = double(y_true.size()) - P;
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

double average_precision(const xt::xtensor<int, 1>& y_true, const xt::xtensor<double, 1>& score) {
  const Counts m = counts(y_true, score);
  const double P = double(xt::sum(y_true)());
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
