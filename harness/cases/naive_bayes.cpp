// Grading cases of the Gaussian naive Bayes drill (../shared/docs/drills/naive_bayes.md), in
// grading order: fit (synthetic, iris, a constant feature) → joint log-likelihood → posteriors
// (with rows whose exp(jll) underflows) → predict's tie rule → end to end on digits.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "data/dataset.hpp"
#include "reference/naive_bayes.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/naive_bayes.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::naive_bayes;

// A Model travels field by field: theta, var, prior, epsilon (as mlp's Params).
wire::Values model_args(const ref::Model& m, const Eigen::MatrixXd& X) {
  return {tensor(m.theta), tensor(m.var), tensor(m.prior), m.epsilon, tensor(X)};
}

// ---- fit and its known slips --------------------------------------------------------------

// How a fit can go wrong, one switch per bug in the contract's list.
struct FitSlip {
  int ddof = 0;                  // 1: class variances (and epsilon's) divided by count − 1
  bool ddof_in_epsilon = false;  // with ddof = 1: epsilon from the unbiased variance too
  enum { Scaled, Never, Unscaled } epsilon = Scaled;  // Never: not added; Unscaled: epsilon = var_smoothing
  bool uniform_prior = false;
};

Eigen::RowVectorXd variance(const Eigen::MatrixXd& rows, int ddof) {
  const Eigen::RowVectorXd mean = rows.colwise().mean();
  return ((rows.rowwise() - mean).array().square().colwise().sum() / double(rows.rows() - ddof)).matrix();
}

// The reference's fit with one slip switched on, to recognise it.
ref::Model fit_with(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, double var_smoothing, FitSlip s) {
  const int classes = y.maxCoeff() + 1;
  ref::Model m{Eigen::MatrixXd(classes, X.cols()), Eigen::MatrixXd(classes, X.cols()), Eigen::VectorXd(classes), 0};
  m.epsilon = s.epsilon == FitSlip::Unscaled ? var_smoothing
                                             : var_smoothing * variance(X, s.ddof_in_epsilon ? 1 : 0).maxCoeff();
  for (int c = 0; c < classes; ++c) {
    Eigen::MatrixXd rows((y.array() == c).count(), X.cols());
    for (Eigen::Index i = 0, r = 0; i < X.rows(); ++i)
      if (y[i] == c) rows.row(r++) = X.row(i);
    m.theta.row(c) = rows.colwise().mean();
    m.var.row(c) = variance(rows, s.ddof).array() + (s.epsilon == FitSlip::Never ? 0.0 : m.epsilon);
    m.prior[c] = s.uniform_prior ? 1.0 / classes : double(rows.rows()) / double(X.rows());
  }
  return m;
}

const char* const kDdof = "variances are count/(count−1) too large: GaussianNB uses the biased variance (ddof = 0)";
const char* const kNoEpsilon = "var_smoothing: add epsilon to every variance";
const char* const kUnscaled = "epsilon is scaled by the LARGEST feature variance of X: epsilon = var_smoothing × "
                              "max over features of the variance over all rows";
const char* const kUniform = "priors are the class frequencies: count_c / n, not 1/C";

// Compares fit's four outputs with the reference in the contract's tolerances; each field's
// known slips are its fingerprints.
void expect_fit(CaseContext& ctx, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, double var_smoothing) {
  auto out = ctx.call(fn::fit, {tensor(X), int_tensor(y), var_smoothing}, 4);
  const ref::Model m = ctx.reference([&] { return ref::fit(X, y, var_smoothing); });
  const std::pair<FitSlip, const char*> slips[] = {
      {{1, false}, kDdof},
      {{1, true}, kDdof},
      {{0, false, FitSlip::Never}, kNoEpsilon},
      {{0, false, FitSlip::Unscaled}, kUnscaled},
      {{0, false, FitSlip::Scaled, true}, kUniform},
  };
  auto clues = [&](auto field) {
    Clues c;
    for (const auto& [slip, words] : slips) {
      const wire::Tensor slipped = field(fit_with(X, y, var_smoothing, slip)), right = field(m);
      if (slipped.data != right.data) c.fingerprints.push_back({slipped, words});
    }
    return c;
  };
  // A variance is only as accurate as the data's second moment: the one-pass E[x²] − E[x]² is
  // a correct formula, off by rounding of order 1e-16 · max x².
  const double scale = 1.0 + X.cwiseAbs().maxCoeff();
  const Tolerance moments{1e-12 * scale * scale, 1e-9};
  ctx.expect_close("theta", out[0], tensor(m.theta), moments, clues([](const ref::Model& s) { return tensor(s.theta); }));
  ctx.expect_close("var", out[1], tensor(m.var), moments, clues([](const ref::Model& s) { return tensor(s.var); }));
  ctx.expect_close("prior", out[2], tensor(m.prior), {1e-15, 1e-12},
                   clues([](const ref::Model& s) { return tensor(s.prior); }));
  ctx.expect_close("epsilon", out[3], scalar(m.epsilon), {0, 1e-9},
                   clues([](const ref::Model& s) { return scalar(s.epsilon); }));
}

// 50 rows in classes of 10, 15 and 25 (shuffled), features on different scales and offsets;
// var_smoothing 1e-2 makes epsilon visible next to the class variances.
struct Labelled {
  Eigen::MatrixXd X;
  Eigen::VectorXi y;
};

Labelled synthetic() {
  const int sizes[] = {10, 15, 25};
  const double offset[4] = {5, -3, 20, 0};
  const double shift[3][4] = {{0, 0, 0, 0}, {1, -2, 4, 0.5}, {2, 3, -3, 1}};
  const double spread[3][4] = {{0.2, 1.0, 2.7, 0.5}, {0.3, 1.5, 2.0, 0.7}, {0.25, 0.8, 2.5, 0.6}};
  const std::vector<int> order = data::permutation(50, 21);
  Draw r(22);
  Labelled s{Eigen::MatrixXd(50, 4), Eigen::VectorXi(50)};
  for (int c = 0, k = 0; c < 3; ++c)
    for (int i = 0; i < sizes[c]; ++i, ++k) {
      const int row = order[size_t(k)];
      s.y[row] = c;
      for (int j = 0; j < 4; ++j) s.X(row, j) = offset[j] + shift[c][j] + spread[c][j] * r.normal();
    }
  return s;
}

Case fit_synthetic_case() {
  return {"fit(synthetic,C=3,d=4,var_smoothing=1e-2)", 2, [](CaseContext& ctx) {
            const Labelled s = synthetic();
            expect_fit(ctx, s.X, s.y, 1e-2);
          }};
}

Case fit_iris_case() {
  return {"fit(iris,var_smoothing=1e-9)", 2, [](CaseContext& ctx) {
            const data::Dataset& iris = data::dataset("iris");
            expect_fit(ctx, iris.X, iris.y, 1e-9);
          }};
}

// 20 rows, d = 3, feature 2 constant (1.5) over class 1's rows: its variance is exactly epsilon.
Labelled constant_feature() {
  Draw r(31);
  Labelled s{Eigen::MatrixXd(20, 3), Eigen::VectorXi(20)};
  for (int i = 0; i < 20; ++i) {
    const int c = i % 3;
    s.y[i] = c;
    s.X(i, 0) = 2.5 * r.normal() + c;
    s.X(i, 1) = 0.5 * r.normal() - c;
    s.X(i, 2) = c == 1 ? 1.5 : r.normal() + 1.5;
  }
  return s;
}

Case fit_constant_case() {
  return {"fit(feature constant within class 1)", 2, [](CaseContext& ctx) {
            const Labelled s = constant_feature();
            expect_fit(ctx, s.X, s.y, 1e-9);
          }};
}

// ---- joint log-likelihood, posteriors ------------------------------------------------------

ref::Model iris_model() {
  const data::Dataset& iris = data::dataset("iris");
  return ref::fit(iris.X, iris.y, 1e-9);
}

// The reference's jll with one slip: the log prior left out, the ½ of the exponent or of the
// normaliser dropped, 2π forgotten.
struct JllSlip {
  bool prior = true;
  double exponent = 0.5;
  double normaliser = 0.5;
  double two_pi = 2 * M_PI;
};

Eigen::MatrixXd jll_with(const ref::Model& m, const Eigen::MatrixXd& X, JllSlip s) {
  Eigen::MatrixXd jll(X.rows(), m.theta.rows());
  for (Eigen::Index c = 0; c < m.theta.rows(); ++c) {
    const double norm = -s.normaliser * (s.two_pi * m.var.row(c).array()).log().sum();
    const Eigen::ArrayXXd z = (X.rowwise() - m.theta.row(c)).array().square().rowwise() / m.var.row(c).array();
    jll.col(c) = ((s.prior ? std::log(m.prior[c]) : 0.0) + norm - s.exponent * z.rowwise().sum()).matrix();
  }
  return jll;
}

// 26 iris rows as they are and the same rows with N(0, 0.5²) noise.
Eigen::MatrixXd jll_queries() {
  const data::Dataset& iris = data::dataset("iris");
  Draw r(41);
  Eigen::MatrixXd Q(52, 4);
  for (int k = 0; k < 26; ++k) {
    Q.row(k) = iris.X.row(5 * k + 2);
    Q.row(26 + k) = iris.X.row(5 * k + 2) + r.normal(1, 4, 0.5);
  }
  return Q;
}

Case jll_case() {
  return {CaseName("joint_log_likelihood").label("iris model").param("queries", 52), 2, [](CaseContext& ctx) {
            const ref::Model m = iris_model();
            const Eigen::MatrixXd Q = jll_queries();
            auto out = ctx.call(fn::joint_log_likelihood, model_args(m, Q), 1);
            const Eigen::MatrixXd expected = ctx.reference([&] { return ref::joint_log_likelihood(m, Q); });
            Clues clues;
            clues.fingerprints = {
                {tensor(jll_with(m, Q, {false})),
                 "jll is off by log(prior) per class: add log prior_c to every row's class-c entry"},
                {tensor(jll_with(m, Q, {true, 1.0})),
                 "the Gaussian's exponent is missing its ½: −½ Σⱼ (x − theta)² / var"},
                {tensor(jll_with(m, Q, {true, 0.5, 1.0})),
                 "the normalising term is missing its ½: −½ Σⱼ log(2π var)"},
                {tensor(jll_with(m, Q, {true, 0.5, 0.5, 1.0})),
                 "the normalising term is −½ Σⱼ log(2π var): the 2π is missing"},
            };
            ctx.expect_close("jll", out[0], tensor(expected), {1e-12 * (1 + expected.cwiseAbs().maxCoeff()), 1e-9},
                             clues);
          }};
}

// 25 iris rows, then 3 rows far from every class: their largest jll are −1137, −1300 and
// −1418, so exp(jll) is 0 for every class and only log-sum-exp gives the posteriors.
Eigen::MatrixXd proba_queries() {
  const data::Dataset& iris = data::dataset("iris");
  Eigen::MatrixXd Q(28, 4);
  for (int k = 0; k < 25; ++k) Q.row(k) = iris.X.row(6 * k + 3);
  Q.row(25) << -5, 16, -1, -1;
  Q.row(26) << 1, 16, 13, -5;
  Q.row(27) << -4, 15, 2, 11;
  return Q;
}

// exp(jll) / Σ exp(jll) with the scalar std::exp: 0/0 = NaN on the far rows. (Eigen's
// vectorised exp clamps its argument near −709 instead, giving every class the same tiny
// value; the rows-far-from-every-class check below names that one.)
Eigen::MatrixXd naive_posteriors(const Eigen::MatrixXd& jll) {
  Eigen::MatrixXd p = jll.unaryExpr([](double x) { return std::exp(x); });
  for (Eigen::Index i = 0; i < p.rows(); ++i) p.row(i) /= p.row(i).sum();
  return p;
}

// jll − logsumexp(jll) per row, the row max subtracted.
Eigen::MatrixXd log_posteriors(const Eigen::MatrixXd& jll) {
  const Eigen::VectorXd top = jll.rowwise().maxCoeff();
  const Eigen::VectorXd lse = top.array() + (jll.colwise() - top).array().exp().rowwise().sum().log();
  return jll.colwise() - lse;
}

constexpr int kFarRows = 3;  // the last rows of proba_queries()

Case proba_case() {
  return {CaseName("predict_proba").label("iris model").param("queries", 28), 2, [](CaseContext& ctx) {
            const ref::Model m = iris_model();
            const Eigen::MatrixXd Q = proba_queries();
            auto out = ctx.call(fn::predict_proba, model_args(m, Q), 1);
            const Eigen::MatrixXd expected = ctx.reference([&] { return ref::predict_proba(m, Q); });
            const Eigen::MatrixXd jll = ref::joint_log_likelihood(m, Q);
            const char* const underflow = "NaN: exp underflowed to 0/0; use log-sum-exp (subtract the row max)";
            Clues clues;
            clues.nonfinite = "not finite: exp(jll) underflows to 0 (or overflows) on rows far from every class; use "
                              "log-sum-exp (subtract the row max before exp; in xtensor, assign the row max to an "
                              "xt::xtensor first: a lazy keep_dims reducer inside the expression reads garbage)";
            clues.fingerprints = {
                {tensor(naive_posteriors(jll)), underflow},
                {tensor(Eigen::MatrixXd(jll.unaryExpr([](double x) { return std::exp(x); }))),
                 "these are exp(jll), not normalised: divide each row by its sum (through log-sum-exp)"},
                {tensor(log_posteriors(jll)), "these are log-posteriors (jll − logsumexp): exponentiate them"},
            };
            const Tolerance tol{1e-12, 1e-9};
            Comparison c = check_close("proba", as_tensor(out[0]), tensor(expected), tol, clues);
            if (c.ok) return;
            // Right on the iris rows, wrong only where every exp(jll) underflows: say so.
            const Eigen::Index near = Q.rows() - kFarRows;
            if ((c.problem == "values" || c.problem == "nonfinite") &&
                (c.diagnosis.empty() || c.diagnosis == clues.nonfinite)) {
              const Eigen::MatrixXd got = matrix_of(as_tensor(out[0]));
              if (check_close("proba", tensor(Eigen::MatrixXd(got.topRows(near))),
                              tensor(Eigen::MatrixXd(expected.topRows(near))), tol)
                      .ok)
                c.diagnosis = got.bottomRows(kFarRows).hasNaN()
                                  ? underflow
                                  : "right on the iris rows, wrong on the 3 rows far from every class, where "
                                    "exp(jll) underflows (all jll below −1100; Eigen's vectorised exp clamps them "
                                    "to one tiny value): use log-sum-exp (subtract the row max)";
            }
            ctx.result().comparison = c;
            ctx.fail(Verdict::WrongAnswer, c.message());
          }};
}

// ---- predict ------------------------------------------------------------------------------

// Compares labels on the rows `compared` marks, stopping the case at the first difference
// with the reference's two largest jll of that row and `why` when the pattern is known.
void expect_labels(CaseContext& ctx, const wire::Value& got_value, const Eigen::VectorXi& want,
                   const Eigen::MatrixXd& jll, const std::vector<bool>& compared, const std::string& why) {
  const Eigen::Index n = want.size();
  const Eigen::VectorXi got = vector_of(ctx.expect_shape("labels", got_value, {n})).cast<int>();
  int bad = 0, first = -1, total = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!compared[size_t(i)]) continue;
    ++total;
    if (got[i] != want[i] && bad++ == 0) first = int(i);
  }
  if (bad == 0) return;
  Comparison c;
  c.what = "labels";
  c.ok = false;
  c.problem = "values";
  c.expected_shape = c.got_shape = {n};
  c.bad = size_t(bad);
  c.total = size_t(total);
  c.worst = Entry{{first}, double(got[first]), double(want[first]), std::abs(double(got[first] - want[first])), 0};
  c.diagnosis = why;
  ctx.result().comparison = c;
  std::string jlls;
  for (Eigen::Index k = 0; k < jll.cols(); ++k) jlls += fmt::format("{}{:.10g}", k ? ", " : "", jll(first, k));
  std::string msg = fmt::format("labels: {} of {} rows differ; first: row {}, expected {}, got {} (the reference's "
                                "jll of that row: {})",
                                bad, total, first, want[first], got[first], jlls);
  if (!why.empty()) msg += "\n→ " + why;
  ctx.fail(Verdict::WrongAnswer, msg);
}

// "" unless `got` is the argmin of every row of jll (the first minimum): xtensor 0.24's
// xt::argmax(v, 0) on a 1-D tensor runs min_element.
std::string argmin_diagnosis(const Eigen::MatrixXd& jll, const wire::Value& got_value) {
  const Eigen::VectorXi got = vector_of(as_tensor(got_value)).cast<int>();
  if (got.size() != jll.rows()) return "";
  for (Eigen::Index i = 0; i < jll.rows(); ++i) {
    Eigen::Index lowest = 0;
    for (Eigen::Index c = 1; c < jll.cols(); ++c)
      if (jll(i, c) < jll(i, lowest)) lowest = c;
    if (got[i] != lowest) return "";
  }
  return "these are the labels of the SMALLEST jll (argmin), not the largest (in xtensor 0.24, xt::argmax(v, 0) on "
         "a 1-D tensor returns the argmin: call it without the axis)";
}

// Classes 0 and 1 share theta, var and prior, so their jll are bitwise equal everywhere;
// class 2 sits apart. Rows 0, 3, 5 are near classes 0/1 (a tie → 0), the rest near class 2.
Case ties_case() {
  return {"predict(ties)", 2, [](CaseContext& ctx) {
            ref::Model m{Eigen::MatrixXd(3, 2), Eigen::MatrixXd(3, 2), Eigen::VectorXd(3), 1e-9};
            m.theta << 0.5, -1.0, 0.5, -1.0, 3.0, 2.0;
            m.var << 1.5, 0.75, 1.5, 0.75, 1.0, 2.0;
            m.prior << 0.3, 0.3, 0.4;
            Eigen::MatrixXd Q(7, 2);
            Q << 0.0, -1.0, 3.5, 2.0, 2.0, 3.0, 1.0, -0.5, 4.0, 1.0, 0.5, -2.0, 2.5, 2.5;
            auto out = ctx.call(fn::predict, model_args(m, Q), 1);
            const Eigen::VectorXi want = ctx.reference([&] { return ref::predict(m, Q); });
            const Eigen::MatrixXd jll = ref::joint_log_likelihood(m, Q);
            // The tie rule is the only thing to get wrong here when exactly the tied rows got 1.
            Eigen::VectorXi largest = want;
            for (Eigen::Index i = 0; i < Q.rows(); ++i)
              if (jll(i, 0) == jll(i, 1) && want[i] == 0) largest[i] = 1;
            const Eigen::VectorXi got = vector_of(ctx.expect_shape("labels", out[0], {Q.rows()})).cast<int>();
            const std::string why = got == largest ? "tie: the smallest label wins (classes 0 and 1 have equal jll "
                                                     "on these rows; np.argmax keeps the first maximum — compare with "
                                                     "a strict >)"
                                                   : argmin_diagnosis(jll, out[0]);
            expect_labels(ctx, out[0], want, jll, std::vector<bool>(size_t(Q.rows()), true), why);
          }};
}

// End to end: the candidate's fit on the training split, then its predict on the test rows.
Case digits_case() {
  return {"predict(digits,test=20%)", 10, [](CaseContext& ctx) {
            const data::Split s = data::stratified_split(data::dataset("digits"), 0.2, 7);
            auto fitted = ctx.call(fn::fit, {tensor(s.X_train), int_tensor(s.y_train), 1e-9}, 4);
            const wire::Values model = {fitted[0], fitted[1], fitted[2], fitted[3], tensor(s.X_test)};
            auto out = ctx.call(fn::predict, model, 1);
            const ref::Model m = ctx.reference([&] { return ref::fit(s.X_train, s.y_train, 1e-9); });
            const Eigen::VectorXi want = ctx.reference([&] { return ref::predict(m, s.X_test); });
            const Eigen::MatrixXd jll = ref::joint_log_likelihood(m, s.X_test);
            // Rows whose two largest jll are within 1e-9 relative: rounding decides, not compared.
            std::vector<bool> compared(size_t(jll.rows()), true);
            for (Eigen::Index i = 0; i < jll.rows(); ++i) {
              Eigen::VectorXd row = jll.row(i);
              std::sort(row.data(), row.data() + row.size(), std::greater<double>());
              compared[size_t(i)] = row[0] - row[1] > 1e-9 * std::abs(row[0]);
            }
            const Eigen::VectorXi got = vector_of(ctx.expect_shape("labels", out[0], {s.X_test.rows()})).cast<int>();
            const double accuracy = (got.array() == s.y_test.array()).cast<double>().mean();
            const double reference = (want.array() == s.y_test.array()).cast<double>().mean();
            std::string why = argmin_diagnosis(jll, out[0]);
            why += fmt::format("{}your fit + predict reach {:.1f}% accuracy on the {} test rows, the reference {:.1f}%",
                               why.empty() ? "" : "; ", 100 * accuracy, s.y_test.size(), 100 * reference);
            expect_labels(ctx, out[0], want, jll, compared, why);
          }};
}

}  // namespace

std::vector<Case> naive_bayes_cases() {
  return {fit_synthetic_case(), fit_iris_case(), fit_constant_case(), jll_case(),
          proba_case(),         ties_case(),     digits_case()};
}

}  // namespace mldrill::cases
