// Grading cases of the classification-metrics drill (../shared/docs/drills/metrics.md), in
// grading order: the four multiclass functions on five label sets, their throws, then ROC,
// AUC and average precision on nine binary sets, and their throws. Each case runs every set
// in turn and stops at the first that differs, naming the set.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "cases/inputs.hpp"
#include "cases/metrics_sets.hpp"
#include "cases/registry.hpp"
#include "reference/metrics.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/metrics.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::metrics;
using namespace metrics_sets;

const Tolerance kTol{1e-12, 0};  // every rate lies in [0, 1]
constexpr double kInf = std::numeric_limits<double>::infinity();

// A NaN or inf where the reference is finite has no generic cause in this drill: say nothing
// unless a case's own check finds one.
Clues plain() {
  Clues c;
  c.nonfinite = "";
  return c;
}

wire::Values args(const Multiclass& s) { return {int_tensor(s.y_true), int_tensor(s.y_pred), int64_t(s.C)}; }
wire::Values args(const Binary& s) { return {int_tensor(s.y), tensor(s.score)}; }
std::string named(const char* set, const std::string& what) { return fmt::format("{}: {}", set, what); }
bool one_class(const Binary& s) { return s.y.minCoeff() == s.y.maxCoeff(); }

// ---- multiclass ----------------------------------------------------------------------------

Case confusion_matrix_case() {
  return {CaseName("confusion_matrix").label("multiclass").param("sets", 5), 5, [](CaseContext& ctx) {
            for (const Multiclass& s : multiclass_sets()) {
              auto out = ctx.call(fn::confusion_matrix, args(s), 1);
              const Eigen::MatrixXi M = ctx.reference([&] { return ref::confusion_matrix(s.y_true, s.y_pred, s.C); });
              Clues clues;
              clues.fingerprints = {{tensor(Eigen::MatrixXd(M.transpose().cast<double>())),
                                     "rows are the true class: M(i, j) counts samples of true class i predicted as "
                                     "j (this is the transpose, rows predicted)"}};
              ctx.expect_exact(named(s.name, "M"), out[0], tensor(Eigen::MatrixXd(M.cast<double>())), clues);
            }
          }};
}

const char* const kZeroDivision = "zero_division: 0 — a class never predicted has precision 0, a class never true "
                                  "has recall 0 (0/0 is 0 here, as scikit-learn's zero_division=0)";

// The case's own reading of a NaN in precision, recall or f1: NaN exactly where that output's
// denominator is 0 (zero_division), or an F1 of NaN where TP = 0 but FP + FN > 0 (2PR/(P+R)).
std::string per_class_nan_diagnosis(const std::vector<wire::Tensor>& got, const Eigen::MatrixXi& M) {
  const int C = int(M.rows());
  for (int k = 0; k < 3; ++k) {
    if (got[size_t(k)].data.size() != size_t(C)) return "";
    bool any = false, at_zero_denominator = true, at_zero_tp = true;
    for (int j = 0; j < C; ++j) {
      if (!std::isnan(got[size_t(k)].data[size_t(j)])) continue;
      any = true;
      const int predicted = M.col(j).sum(), actual = M.row(j).sum();
      const int denominator = k == 0 ? predicted : k == 1 ? actual : predicted + actual;
      at_zero_denominator = at_zero_denominator && denominator == 0;
      at_zero_tp = at_zero_tp && M(j, j) == 0;
    }
    if (!any) continue;
    if (at_zero_denominator) return kZeroDivision;
    if (k == 2 && at_zero_tp)
      return "F1 = 2TP/(2TP+FP+FN) is 0 when TP = 0 (2PR/(P+R) is 0/0 there): compute it from the counts";
    return "";
  }
  return "";
}

Case per_class_case() {
  return {CaseName("per_class").label("multiclass").param("sets", 5), 5, [](CaseContext& ctx) {
            for (const Multiclass& s : multiclass_sets()) {
              auto out = ctx.call(fn::per_class, args(s), 4);
              const ref::PerClass p = ctx.reference([&] { return ref::per_class(s.y_true, s.y_pred, s.C); });
              const std::vector<wire::Tensor> got = {as_tensor(out[0]), as_tensor(out[1]), as_tensor(out[2]),
                                                     as_tensor(out[3])};
              Comparison c = ctx.compare_outputs(got, {{named(s.name, "precision"), tensor(p.precision), kTol, plain()},
                                                       {named(s.name, "recall"), tensor(p.recall), kTol, plain()},
                                                       {named(s.name, "f1"), tensor(p.f1), kTol, plain()},
                                                       {named(s.name, "support"),
                                                        tensor(Eigen::VectorXd(p.support.cast<double>())),
                                                        {0, 0}}});
              if (c.problem == "nonfinite" && c.diagnosis.empty())
                c.diagnosis = per_class_nan_diagnosis(got, ref::confusion_matrix(s.y_true, s.y_pred, s.C));
              ctx.expect(c);
            }
          }};
}

// The mean of `v` over the classes `keep` marks (NaN when none is).
double mean_over(const Eigen::VectorXd& v, const std::vector<bool>& keep) {
  double sum = 0;
  int count = 0;
  for (Eigen::Index c = 0; c < v.size(); ++c)
    if (keep[size_t(c)]) sum += v[c], ++count;
  return sum / count;
}

std::vector<wire::Tensor> averages(double p, double r, double f) { return {scalar(p), scalar(r), scalar(f)}; }

// macro_average's slips: F1 from the macro P and R; the means over the classes that occur
// (in y_true or y_pred, or in y_true only) instead of all C.
std::vector<Slip> macro_slips(const Multiclass& s, const ref::PerClass& p) {
  const ref::Averages m = ref::macro_average(s.y_true, s.y_pred, s.C);
  std::vector<bool> in_either(size_t(s.C), false), in_true(size_t(s.C), false);
  for (Eigen::Index i = 0; i < s.y_true.size(); ++i) {
    in_either[size_t(s.y_true[i])] = in_either[size_t(s.y_pred[i])] = in_true[size_t(s.y_true[i])] = true;
  }
  const char* const kOccurring = "macro averages over all C classes: a class absent from y_true and y_pred still "
                                 "counts, with precision, recall and F1 0";
  std::vector<Slip> slips = {
      {"macro F1 is the mean of the per-class F1s, not the F1 of macro precision and macro recall",
       averages(m.precision, m.recall, 2 * m.precision * m.recall / (m.precision + m.recall))}};
  for (const auto& keep : {in_either, in_true})
    slips.push_back({kOccurring, averages(mean_over(p.precision, keep), mean_over(p.recall, keep),
                                          mean_over(p.f1, keep))});
  return slips;
}

// macro_average or micro_average: three numbers compared with the reference's.
template <class Slips>
Case averages_case(const char* family, grading::Function function, ref::Averages (*reference)(
    const Eigen::VectorXi&, const Eigen::VectorXi&, int), Slips slips_of) {
  return {CaseName(family).label("multiclass").param("sets", 5), 5, [=](CaseContext& ctx) {
            for (const Multiclass& s : multiclass_sets()) {
              auto out = ctx.call(function, args(s), 3);
              const ref::Averages a = ctx.reference([&] { return reference(s.y_true, s.y_pred, s.C); });
              const ref::PerClass p = ref::per_class(s.y_true, s.y_pred, s.C);
              ctx.expect_outputs({as_tensor(out[0]), as_tensor(out[1]), as_tensor(out[2])},
                                 {{named(s.name, "precision"), scalar(a.precision), kTol, plain()},
                                  {named(s.name, "recall"), scalar(a.recall), kTol, plain()},
                                  {named(s.name, "f1"), scalar(a.f1), kTol, plain()}},
                                 slips_of(s, p));
            }
          }};
}

// Each call's arguments break one rule; every function must throw std::invalid_argument.
Case invalid_multiclass_case() {
  return {CaseName("invalid_arguments").label("multiclass"), 5, [](CaseContext& ctx) {
            Eigen::VectorXi y(4), bad_true(4), bad_pred(4), shorter(3);
            y << 0, 1, 2, 1;
            bad_true << 0, 1, 3, 1;  // 3 = C
            bad_pred << 0, -1, 2, 1;
            shorter << 0, 1, 2;
            const std::pair<wire::Values, const char*> calls[] = {
                {{int_tensor(bad_true), int_tensor(y), int64_t(3)}, "y_true holds 3 = C"},
                {{int_tensor(y), int_tensor(bad_pred), int64_t(3)}, "y_pred holds −1"},
                {{int_tensor(y), int_tensor(shorter), int64_t(3)}, "4 labels, 3 predictions"},
                {{int_tensor(Eigen::VectorXi(0)), int_tensor(Eigen::VectorXi(0)), int64_t(0)}, "C = 0, n = 0"},
            };
            const std::pair<grading::Function, const char*> functions[] = {{fn::confusion_matrix, "confusion_matrix"},
                                                                           {fn::per_class, "per_class"},
                                                                           {fn::macro_average, "macro_average"},
                                                                           {fn::micro_average, "micro_average"}};
            for (const auto& [f, name] : functions)
              for (const auto& [a, why] : calls)
                ctx.expect_throws(f, a, "std::invalid_argument", fmt::format("{}({})", name, why),
                                  "throw std::invalid_argument when the sizes differ, C < 1, or a label is outside "
                                  "[0, C): such a label would index out of bounds");
          }};
}

// ---- ROC -----------------------------------------------------------------------------------

const char* const kStart = "the curve starts at (0, 0), threshold +inf (no sample predicted positive), then one point "
                           "per distinct score";
const char* const kTies = "tied scores share one threshold: one point per distinct score (merge equal scores)";

// `v` without its first entry.
wire::Tensor tail(const Eigen::VectorXd& v) { return tensor(Eigen::VectorXd(v.tail(std::max<Eigen::Index>(0, v.size() - 1)))); }

// fpr or tpr: NaN allowed exactly where the reference has NaN, the rest within kTol.
Comparison check_rates(const std::string& what, wire::Tensor got, wire::Tensor expected) {
  if (got.shape == expected.shape)
    for (size_t i = 0; i < got.data.size(); ++i)
      if (std::isnan(got.data[i]) && std::isnan(expected.data[i])) got.data[i] = expected.data[i] = 0;
  return check_close(what, got, expected, kTol, plain());
}

// Why a rate differs, when the case can tell: the start point left out, or 0 where the
// rate is 0/0 (one class only).
std::string rates_diagnosis(const wire::Tensor& got, const Eigen::VectorXd& expected, const char* rate) {
  if (matches(got, tail(expected), kTol)) return kStart;
  if (expected.hasNaN() && got.data.size() == size_t(expected.size()) &&
      std::none_of(got.data.begin(), got.data.end(), [](double x) { return std::isnan(x); }))
    return fmt::format("with no {} in y_true, {} is 0/0: NaN at every point (as scikit-learn)",
                       rate[0] == 'f' ? "negatives" : "positives", rate);
  return "";
}

// Why the thresholds differ: no +inf start, a threshold per sample, or max + 1 for +inf.
std::string thresholds_diagnosis(const wire::Tensor& got, const ref::Roc& r, const Eigen::VectorXd& score);

Case roc_curve_case() {
  return {CaseName("roc_curve").label("binary").param("sets", 9), 5, [](CaseContext& ctx) {
            for (const Binary& s : binary_sets()) {
              auto out = ctx.call(fn::roc_curve, args(s), 3);
              const ref::Roc r = ctx.reference([&] { return ref::roc_curve(s.y, s.score); });
              const wire::Tensor thresholds = as_tensor(out[2]);
              Comparison c = check_exact(named(s.name, "thresholds"), thresholds, tensor(r.thresholds));
              if (!c.ok) c.diagnosis = thresholds_diagnosis(thresholds, r, s.score);
              ctx.expect(c);
              const std::pair<const char*, const Eigen::VectorXd*> rates[] = {{"fpr", &r.fpr}, {"tpr", &r.tpr}};
              for (size_t k = 0; k < 2; ++k) {
                const wire::Tensor got = as_tensor(out[k]);
                Comparison rc = check_rates(named(s.name, rates[k].first), got, tensor(*rates[k].second));
                if (!rc.ok) rc.diagnosis = rates_diagnosis(got, *rates[k].second, rates[k].first);
                ctx.expect(rc);
              }
            }
          }};
}

std::string thresholds_diagnosis(const wire::Tensor& got, const ref::Roc& r, const Eigen::VectorXd& score) {
  if (matches_exactly(got, tail(r.thresholds))) return kStart;
  Eigen::VectorXd per_sample(score.size() + 1);
  per_sample[0] = kInf;
  per_sample.tail(score.size()) = score;
  std::sort(per_sample.data() + 1, per_sample.data() + per_sample.size(), std::greater<double>());
  if (per_sample.size() != r.thresholds.size() && matches_exactly(got, tensor(per_sample))) return kTies;
  Eigen::VectorXd plus_one = r.thresholds;
  plus_one[0] = score.maxCoeff() + 1;
  if (matches_exactly(got, tensor(plus_one)))
    return "the first threshold is +inf (scikit-learn ≥ 1.3), not max(score) + 1: above every score, however large";
  return "";
}

// ---- AUC and average precision ---------------------------------------------------------------

// Pairs (positive, negative) ranked right, a tied pair counting `tie`, over n_pos · n_neg.
double pair_auc(const Binary& s, double tie) {
  double u = 0, pairs = 0;
  for (Eigen::Index i = 0; i < s.y.size(); ++i)
    for (Eigen::Index j = 0; j < s.y.size(); ++j)
      if (s.y[i] == 1 && s.y[j] == 0) {
        u += s.score[i] > s.score[j] ? 1.0 : s.score[i] == s.score[j] ? tie : 0.0;
        pairs += 1;
      }
  return u / pairs;
}

Case roc_auc_case() {
  return {CaseName("roc_auc").label("binary").param("sets", 9), 5, [](CaseContext& ctx) {
            for (const Binary& s : binary_sets()) {
              if (one_class(s)) {
                ctx.expect_throws(fn::roc_auc, args(s), "std::invalid_argument", fmt::format("roc_auc({})", s.name),
                                  "AUC is undefined with one class: throw std::invalid_argument (scikit-learn "
                                  "raises ValueError)");
                continue;
              }
              auto out = ctx.call(fn::roc_auc, args(s), 1);
              const double auc = ctx.reference([&] { return ref::roc_auc(s.y, s.score); });
              Clues clues = plain();
              for (double tie : {0.0, 1.0})
                clues.fingerprints.push_back({scalar(pair_auc(s, tie)), "a tied pair counts 1/2: AUC = (pairs "
                                                                        "ranked right + ½ tied pairs) / (n_pos · "
                                                                        "n_neg)"});
              ctx.expect_close(named(s.name, "auc"), out[0], scalar(auc), kTol, clues);
            }
          }};
}

// Precision and recall at each distinct threshold, descending (the points of the PR curve).
struct PrPoints {
  std::vector<double> precision, recall;
};

PrPoints pr_points(const Binary& s) {
  const ref::Roc r = ref::roc_curve(s.y, s.score);
  const double P = s.y.sum(), N = double(s.y.size()) - P;
  PrPoints pts;
  for (Eigen::Index i = 1; i < r.tpr.size(); ++i) {
    const double tp = P == 0 ? 0 : std::round(r.tpr[i] * P), fp = N == 0 ? 0 : std::round(r.fpr[i] * N);
    pts.precision.push_back(tp / (tp + fp));
    pts.recall.push_back(P == 0 ? 1 : tp / P);
  }
  return pts;
}

// Σ ΔR · max_{j ≥ i} P_j (the precision envelope, Pascal VOC style).
double interpolated_ap(const PrPoints& pts) {
  double ap = 0, before = 0;
  for (size_t i = 0; i < pts.recall.size(); ++i) {
    const double envelope = *std::max_element(pts.precision.begin() + long(i), pts.precision.end());
    ap += (pts.recall[i] - before) * envelope;
    before = pts.recall[i];
  }
  return ap;
}

// Σ ΔR · (P_i + P_{i−1}) / 2, starting from (R, P) = (0, first).
double trapezoid_ap(const PrPoints& pts, double first) {
  double ap = 0, r0 = 0, p0 = first;
  for (size_t i = 0; i < pts.recall.size(); ++i) {
    ap += (pts.recall[i] - r0) * (pts.precision[i] + p0) / 2;
    r0 = pts.recall[i];
    p0 = pts.precision[i];
  }
  return ap;
}

// The mean over positives of the precision at their rank, samples in `order`: tied scores
// split by the sort.
double precision_at_k_ap(const Binary& s, const std::vector<Eigen::Index>& order) {
  double tp = 0, sum = 0;
  for (size_t k = 0; k < order.size(); ++k)
    if (s.y[order[k]] == 1) sum += ++tp / double(k + 1);
  return sum / tp;
}

// Scores descending, ties in the orders a sort commonly leaves them: by index, reversed,
// positives first, negatives first.
std::vector<std::vector<Eigen::Index>> tie_orders(const Binary& s) {
  std::vector<std::vector<Eigen::Index>> orders;
  std::vector<Eigen::Index> idx(size_t(s.y.size()));
  std::iota(idx.begin(), idx.end(), Eigen::Index(0));
  auto sorted = [&](auto before) {
    std::vector<Eigen::Index> o = idx;
    std::stable_sort(o.begin(), o.end(), [&](Eigen::Index a, Eigen::Index b) {
      return s.score[a] != s.score[b] ? s.score[a] > s.score[b] : before(a, b);
    });
    return o;
  };
  orders.push_back(sorted([](Eigen::Index, Eigen::Index) { return false; }));
  orders.push_back(sorted([](Eigen::Index a, Eigen::Index b) { return a > b; }));
  orders.push_back(sorted([&](Eigen::Index a, Eigen::Index b) { return s.y[a] > s.y[b]; }));
  orders.push_back(sorted([&](Eigen::Index a, Eigen::Index b) { return s.y[a] < s.y[b]; }));
  return orders;
}

Case average_precision_case() {
  return {CaseName("average_precision").label("binary").param("sets", 9), 5, [](CaseContext& ctx) {
            for (const Binary& s : binary_sets()) {
              auto out = ctx.call(fn::average_precision, args(s), 1);
              const double ap = ctx.reference([&] { return ref::average_precision(s.y, s.score); });
              Clues clues = plain();
              const char* const kStep = "average_precision is the step sum Σ ΔR·P over the thresholds, not "
                                        "interpolated (no precision envelope) and not the trapezoid rule";
              if (s.y.sum() > 0) {
                const PrPoints pts = pr_points(s);
                clues.fingerprints = {{scalar(interpolated_ap(pts)), kStep},
                                      {scalar(trapezoid_ap(pts, 1.0)), kStep},
                                      {scalar(trapezoid_ap(pts, pts.precision.front())), kStep}};
                for (const auto& order : tie_orders(s))
                  clues.fingerprints.push_back(
                      {scalar(precision_at_k_ap(s, order)),
                       "tied scores enter together: one step per distinct score, with the precision after all "
                       "of them (this is the mean of precision@k over positives, with ties split by the sort)"});
              }
              ctx.expect_close(named(s.name, "average precision"), out[0], scalar(ap), kTol, clues);
            }
          }};
}

Case invalid_binary_case() {
  return {CaseName("invalid_arguments").label("binary"), 5, [](CaseContext& ctx) {
            Eigen::VectorXi y(4), bad(4);
            y << 0, 1, 0, 1;
            bad << 0, 1, 2, 1;
            Eigen::VectorXd score(4), shorter(3);
            score << 0.1, 0.8, 0.3, 0.6;
            shorter << 0.1, 0.8, 0.3;
            const std::pair<wire::Values, const char*> calls[] = {
                {{int_tensor(bad), tensor(score)}, "y_true holds 2"},
                {{int_tensor(y), tensor(shorter)}, "4 labels, 3 scores"},
                {{int_tensor(Eigen::VectorXi(0)), tensor(Eigen::VectorXd(0))}, "n = 0"},
            };
            const std::pair<grading::Function, const char*> functions[] = {
                {fn::roc_curve, "roc_curve"}, {fn::roc_auc, "roc_auc"}, {fn::average_precision, "average_precision"}};
            for (const auto& [f, name] : functions)
              for (const auto& [a, why] : calls)
                ctx.expect_throws(f, a, "std::invalid_argument", fmt::format("{}({})", name, why),
                                  "throw std::invalid_argument when the sizes differ, n = 0, or a label is not 0 "
                                  "or 1");
          }};
}

}  // namespace

std::vector<Case> metrics_cases() {
  return {confusion_matrix_case(),
          per_class_case(),
          averages_case("macro_average", fn::macro_average, &ref::macro_average, macro_slips),
          averages_case("micro_average", fn::micro_average, &ref::micro_average,
                        [](const Multiclass&, const ref::PerClass&) { return std::vector<Slip>{}; }),
          invalid_multiclass_case(),
          roc_curve_case(),
          roc_auc_case(),
          average_precision_case(),
          invalid_binary_case()};
}

}  // namespace mldrill::cases
