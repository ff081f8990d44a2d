// Grading cases of the logistic-regression drill (EXERCISES.md "logreg"), in grading
// order: probabilities → loss → gradient → fit (200 steps, then 1500) → held-out accuracy → stability.
#include <fmt/format.h>

#include <cmath>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "data/dataset.hpp"
#include "reference/logreg.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/logreg.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::logreg;

struct Problem {
  Eigen::MatrixXd X;  // n × d
  Eigen::VectorXd y;  // n, 0 or 1
  Eigen::VectorXd w;  // d
  double b;
};

// Random labels keep the point far from the optimum (large gradients); weights scaled so
// the logits stay within a few units, where every correct style agrees to rounding.
Problem problem(int n, int d, uint64_t seed) {
  Draw r(seed);
  Problem p;
  p.X = r.normal(n, d);
  p.w = r.normal_vector(d, 1.0 / std::sqrt(double(d)));
  p.b = r.uniform(-0.5, 0.5);
  p.y = r.coin_labels(n);
  return p;
}

// Labels from a hidden linear rule with some noise: a problem fit() can make progress on.
Problem learnable(int n, int d, uint64_t seed) {
  Draw r(seed);
  const Linear l = linear_problem(r, n, d, 0.3, 0.5);
  return {l.X, above_zero(l.y), l.w, l.b};
}

Factor samples(int n) {
  return {double(n),
          fmt::format("it is {0} times too large, and n = {0}: did you forget to average over the n samples?", n),
          fmt::format("it is {0} times too small (n = {0}): did you divide by n twice?", n)};
}

Eigen::VectorXd sigmoid(const Eigen::VectorXd& z) { return (1.0 / (1.0 + (-z.array()).exp())).matrix(); }

// Gradient descent as the contract says, with the classic slips switchable, to recognise them.
ref::Model descend(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lr, int epochs, bool update_bias = true,
                   double direction = -1.0) {
  ref::Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int e = 0; e < epochs; ++e) {
    auto g = ref::gradient(X, y, m.w, m.b);
    m.w += direction * lr * g.dw;
    if (update_bias) m.b += direction * lr * g.db;
  }
  return m;
}

Case predict_proba_case() {
  const int n = 40, d = 6;
  return {CaseName("predict_proba").param("n", n).param("d", d), 2, [=](CaseContext& ctx) {
            const Problem p = problem(n, d, 11);
            auto out = ctx.call(fn::predict_proba, {tensor(p.X), tensor(p.w), p.b}, 1);
            auto expected = ctx.reference([&] { return ref::predict_proba(p.X, p.w, p.b); });
            Clues clues;
            clues.fingerprints = {
                {tensor(ref::predict_proba(p.X, -p.w, -p.b)),
                 "this is sigmoid(−z) = 1 − p: the sign inside the sigmoid is flipped; p = 1 / (1 + exp(−z))"},
                {tensor(ref::predict_proba(p.X, p.w, 0.0)), "the bias is missing: z = X w + b"},
                {tensor(Eigen::VectorXd((p.X * p.w).array() + p.b)),
                 "these are the logits z = X w + b: apply the sigmoid to them"},
            };
            ctx.expect_close("p", out[0], tensor(expected), {1e-12, 1e-9}, clues);
          }};
}

Case loss_case() {
  const int n = 40, d = 6;
  return {CaseName("loss").param("n", n).param("d", d), 2, [=](CaseContext& ctx) {
            const Problem p = problem(n, d, 12);
            auto out = ctx.call(fn::loss, {tensor(p.X), tensor(p.y), tensor(p.w), p.b}, 1);
            const double expected = ctx.reference([&] { return ref::loss(p.X, p.y, p.w, p.b); });
            const Eigen::VectorXd prob = sigmoid((p.X * p.w).array() + p.b);
            Clues clues;
            clues.factors = {samples(n),
                             {1 / std::log(2.0), "it is 1/ln 2 times too large: log2 instead of the natural log?",
                              "it is ln 2 times too small"},
                             {1 / std::log(10.0), "it is 1/ln 10 times too large: log10 instead of the natural log?",
                              "it is ln 10 times too small"}};
            clues.fingerprints = {
                {scalar(-(p.y.array() * prob.array().log()).mean()),
                 "only the y·log(p) term is there: the (1 − y)·log(1 − p) term is missing"},
            };
            auto with_eps = [&](double eps) {
              const Eigen::ArrayXd y = p.y.array(), q = prob.array();
              return scalar(-(y * (q + eps).log() + (1 - y) * (1 - q + eps).log()).mean());
            };
            for (Fingerprint& f : epsilon_fingerprints(with_eps, "inside the log, log(p + ε)",
                                                       "clip p to [1e-15, 1 − 1e-15] instead, or use log-sum-exp"))
              clues.fingerprints.push_back(std::move(f));
            ctx.expect_close("loss", out[0], scalar(expected), {1e-12, 1e-9}, clues);
          }};
}

Case gradient_case() {
  const int n = 40, d = 6;
  return {CaseName("gradient").param("n", n).param("d", d), 5, [=](CaseContext& ctx) {
            const Problem p = problem(n, d, 13);
            auto out = ctx.call(fn::gradient, {tensor(p.X), tensor(p.y), tensor(p.w), p.b}, 2);
            const ref::Gradient g = ctx.reference([&] { return ref::gradient(p.X, p.y, p.w, p.b); });
            const std::vector<Param> at = {{"dw", tensor(p.w)}, {"db", scalar(p.b)}};
            auto candidate_loss = [&](const std::vector<Param>& ps) {
              auto v = ctx.call(fn::loss, {tensor(p.X), tensor(p.y), ps[0].value, ps[1].value.data[0]}, 1);
              return as_double(v[0]);
            };
            Clues clues;
            clues.factors = {samples(n)};
            ctx.check_gradients(at, {as_tensor(out[0]), as_tensor(out[1])}, {tensor(g.dw), scalar(g.db)},
                                candidate_loss, "loss", clues);
          }};
}

// The reference's run after each step 0 … epochs: to say after how many steps a fit that
// stops early (on a small loss change, say) stopped.
std::vector<ref::Model> trajectory(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lr, int epochs) {
  std::vector<ref::Model> v{{Eigen::VectorXd::Zero(X.cols()), 0.0}};
  for (int e = 0; e < epochs; ++e) {
    ref::Model m = v.back();
    const auto g = ref::gradient(X, y, m.w, m.b);
    m.w -= lr * g.dw;
    m.b -= lr * g.db;
    v.push_back(std::move(m));
  }
  return v;
}

// "fit stopped after N of M epochs" when the candidate's weights are the reference's after
// N < M steps (N found by matching the run step by step), else "".
std::string stopped_early(const wire::Value& w, const wire::Value& b, const std::vector<ref::Model>& run,
                          Tolerance tol) {
  const wire::Tensor wt = as_tensor(w), bt = as_tensor(b);
  const int epochs = int(run.size()) - 1;
  for (int n = 1; n < epochs - 1; ++n)
    if (matches(wt, tensor(run[size_t(n)].w), tol) && matches(bt, scalar(run[size_t(n)].b), tol))
      return fmt::format("fit stopped after {} of {} epochs: the contract runs exactly `epochs` steps (no early "
                         "stop when the loss or the gradient stops changing)",
                         n, epochs);
  return "";
}

// Compares fit's (w, b) with the reference after exactly `epochs` steps. Diagnoses: a known
// slip (one step off, bias frozen, ascent), else how many steps it actually ran.
void expect_fit(CaseContext& ctx, const Problem& p, double lr, int epochs) {
  auto out = ctx.call(fn::fit, {tensor(p.X), tensor(p.y), lr, int64_t(epochs)}, 2);
  const ref::Model m = ctx.reference([&] { return ref::fit(p.X, p.y, lr, epochs); });
  const Tolerance tol{1e-10, 1e-7};
  auto model = [](const ref::Model& x) { return std::vector<wire::Tensor>{tensor(x.w), scalar(x.b)}; };
  const std::vector<Slip> slips = {
      {"one step too few: run exactly `epochs` steps", model(descend(p.X, p.y, lr, epochs - 1))},
      {"one step too many: run exactly `epochs` steps", model(descend(p.X, p.y, lr, epochs + 1))},
      {"the bias is never updated: b -= learning_rate · db", model(descend(p.X, p.y, lr, epochs, false))},
      {"this is gradient ascent: subtract learning_rate × gradient, don't add it",
       model(descend(p.X, p.y, lr, epochs, true, +1.0))},
  };
  Comparison c = ctx.compare_outputs({as_tensor(out[0]), as_tensor(out[1])},
                                     {{"w", tensor(m.w), tol}, {"b", scalar(m.b), tol}}, slips);
  if (!c.ok && (c.diagnosis.empty() || c.diagnosis.find("float") != std::string::npos))
    if (std::string early = stopped_early(out[0], out[1], trajectory(p.X, p.y, lr, epochs), tol); !early.empty())
      c.diagnosis = early;
  ctx.expect(c);
}

// With epochs = 1500 the loss changes by less than 1e-8 per step after ~950 (1e-6 after ~490): a
// fit that stops early on a small change (not in the contract) shows there, with its step count.
Case fit_case(int epochs) {
  const int n = 60, d = 4;
  const double lr = 0.5;
  return {CaseName("fit").param("n", n).param("d", d).param("lr", lr).param("epochs", epochs), 5,
          [=](CaseContext& ctx) { expect_fit(ctx, learnable(n, d, 14), lr, epochs); }};
}

double accuracy(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const Eigen::VectorXd& w, double b) {
  const Eigen::VectorXd p = ref::predict_proba(X, w, b);
  int right = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) right += (p[i] >= 0.5) == (y[i] == 1);
  return double(right) / double(y.size());
}

Case accuracy_case() {
  const std::string set = "breast_cancer";
  const double test = 0.2, lr = 0.1;
  const int epochs = 500;
  return {CaseName("accuracy").label(set).param("test", Percent{test}).param("lr", lr).param("epochs", epochs), 20,
          [=](CaseContext& ctx) {
            data::Split s = data::stratified_split(data::dataset(set), test, 7);
            data::standardize(s);
            const Eigen::VectorXd y_train = s.y_train.cast<double>();
            auto out = ctx.call(fn::fit, {tensor(s.X_train), tensor(y_train), lr, int64_t(epochs)}, 2);
            const wire::Tensor w = ctx.expect_shape("w", out[0], {s.X_train.cols()});
            const double b = as_double(out[1]);
            const ref::Model m = ctx.reference([&] { return ref::fit(s.X_train, y_train, lr, epochs); });
            const double got = accuracy(s.X_test, s.y_test, vector_of(w), b);
            const double want = accuracy(s.X_test, s.y_test, m.w, m.b);
            if (!(got >= 0.95))
              ctx.fail(Verdict::WrongAnswer,
                       fmt::format("held-out accuracy {:.1f}% on {} test rows is below 95% (the reference reaches "
                                   "{:.1f}% with the same data and settings)",
                                   100 * got, s.y_test.size(), 100 * want));
          }};
}

Case stability_case() {
  const int max_exponent = 4;  // |z| up to 10^4
  return {CaseName("stability").label("separable").param("|z|", std::pow(10.0, max_exponent), "<="), 2,
          [=](CaseContext& ctx) {
            // Separable data with large weights: logits of hundreds to 10^4, so exp(z) overflows
            // and probabilities round to exactly 0 or 1. One mislabelled row makes log(0) appear.
            Draw r(15);
            const int n = 16;
            Eigen::MatrixXd X(n, 2);
            Eigen::VectorXd w(2), y(n);
            w << 400.0, -200.0;
            for (int i = 0; i < n; ++i) {
              const double z = (i % 2 ? 1 : -1) * std::pow(10.0, r.uniform(2.0, max_exponent));
              X(i, 0) = z / 400.0 * 0.8;
              X(i, 1) = -z / 200.0 * 0.2;
              y[i] = z > 0 ? 1.0 : 0.0;
            }
            y[3] = 1.0 - y[3];
            const Eigen::VectorXd z = X * w;
            auto p = as_tensor(ctx.call(fn::predict_proba, {tensor(X), tensor(w), 0.0}, 1)[0]);
            ctx.expect_shape("p", p, {n});
            for (int i = 0; i < n; ++i) {
              const double pi = p.data[size_t(i)];
              if (!std::isfinite(pi))
                ctx.fail(Verdict::WrongAnswer,
                         fmt::format("p[{}] = {} for z = {:.6g}: exp() overflowed. Compute the sigmoid as "
                                     "1 / (1 + exp(−z)), or branch on the sign of z so exp() never sees a large "
                                     "positive argument\n→ numerical stability",
                                     i, pi, z[i]));
              if (pi < 0 || pi > 1)
                ctx.fail(Verdict::WrongAnswer, fmt::format("p[{}] = {:.10g} for z = {:.6g} is outside [0, 1]", i, pi, z[i]));
            }
            const double l = as_double(ctx.call(fn::loss, {tensor(X), tensor(y), tensor(w), 0.0}, 1)[0]);
            if (!std::isfinite(l))
              ctx.fail(Verdict::WrongAnswer,
                       fmt::format("loss = {} on separable data with |z| up to 1e4, where p rounds to exactly 0 or "
                                   "1: log(0) = −inf (and 0·log(0) = NaN). Clip p to [1e-15, 1 − 1e-15], or compute "
                                   "the loss from z as log(1 + exp(z)) − y·z with a stable log(1 + exp(z))\n"
                                   "→ numerical stability",
                                   l));
          }};
}

}  // namespace

std::vector<Case> logreg_cases() {
  return {predict_proba_case(), loss_case(), gradient_case(), fit_case(200), fit_case(1500), accuracy_case(),
          stability_case()};
}

}  // namespace mldrill::cases
