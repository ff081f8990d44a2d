// Grading cases of the two-layer-network drill (EXERCISES.md "mlp"), in grading order:
// forward → loss → gradients → large-logit stability → init → training on XOR (100 epochs, then
// 1000) → digits.
// Dimensions: n samples, d features, h hidden units, c classes.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "data/dataset.hpp"
#include "reference/mlp.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/mlp.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::mlp;

struct Net {
  ref::Params p;
  Eigen::MatrixXd X;  // n × d
  Eigen::VectorXi y;  // n, in [0, c)
};

wire::Values params_args(const ref::Params& p) { return {tensor(p.W1), tensor(p.b1), tensor(p.W2), tensor(p.b2)}; }

wire::Values net_args(const ref::Params& p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y) {
  wire::Values a = params_args(p);
  a.push_back(tensor(X));
  a.push_back(int_tensor(y));
  return a;
}

// loss_and_grads's request: p, X, y, then its Grads& out-parameter, sized like p and filled
// with NaN, so a gradient accumulated with += onto unset memory shows up.
wire::Values with_nan_grads(wire::Values a, const ref::Params& p) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  a.push_back(tensor(Eigen::MatrixXd(Eigen::MatrixXd::Constant(p.W1.rows(), p.W1.cols(), nan))));
  a.push_back(tensor(Eigen::RowVectorXd(Eigen::RowVectorXd::Constant(p.b1.size(), nan))));
  a.push_back(tensor(Eigen::MatrixXd(Eigen::MatrixXd::Constant(p.W2.rows(), p.W2.cols(), nan))));
  a.push_back(tensor(Eigen::RowVectorXd(Eigen::RowVectorXd::Constant(p.b2.size(), nan))));
  return a;
}

// Four outputs from `at` on, shape-checked against `like`, back to Params.
ref::Params params_of(CaseContext& ctx, const wire::Values& out, size_t at, const ref::Params& like,
                      const std::string& prefix = "") {
  auto get = [&](size_t k, const std::string& name, std::vector<int64_t> shape) {
    wire::Tensor t = ctx.expect_shape(prefix + name, out[at + k], shape);
    if (t.dtype != "float64")
      ctx.fail(Verdict::WrongAnswer, fmt::format("{}: expected dtype float64, got {}\n→ convert to float64 (double "
                                                 "precision) before returning",
                                                 prefix + name, t.dtype));
    return t;
  };
  const auto W1 = get(0, "W1", {like.W1.rows(), like.W1.cols()});
  const auto b1 = get(1, "b1", {like.b1.size()});
  const auto W2 = get(2, "W2", {like.W2.rows(), like.W2.cols()});
  const auto b2 = get(3, "b2", {like.b2.size()});
  return {matrix_of(W1), vector_of(b1).transpose(), matrix_of(W2), vector_of(b2).transpose()};
}

Eigen::MatrixXd pre_activations(const ref::Params& p, const Eigen::MatrixXd& X) {
  return (X * p.W1).rowwise() + p.b1;
}

// A random network whose hidden pre-activations all stay ≥ 0.01 away from ReLU's kink at 0,
// so central differences (step ~1e-5) never straddle it. Redraws with the next seed until so.
Net net(int n, int d, int h, int c, uint64_t seed) {
  for (uint64_t s = seed;; s += 1000) {
    Draw r(s);
    Net t;
    t.X = r.normal(n, d);
    t.p.W1 = r.normal(d, h, 1.0 / std::sqrt(double(d)));
    t.p.b1 = r.uniform_row(h, -0.5, 0.5);
    t.p.W2 = r.normal(h, c, 1.0 / std::sqrt(double(h)));
    t.p.b2 = r.uniform_row(c, -0.5, 0.5);
    t.y = r.labels(n, c);
    if (pre_activations(t.p, t.X).cwiseAbs().minCoeff() >= 0.01) return t;
  }
}

Eigen::MatrixXd softmax(const Eigen::MatrixXd& L) {
  Eigen::MatrixXd P = (L.colwise() - L.rowwise().maxCoeff()).array().exp();
  P.array().colwise() /= P.rowwise().sum().array();
  return P;
}

// Gradients of the mean cross-entropy with the classic backprop slips switchable, to recognise them.
struct Slip {
  bool no_mask = false;          // dZ1 = dA1: the ReLU derivative forgotten
  bool mask_by_value = false;    // dZ1 = dA1 ∘ A1: multiplied by the activation, not its derivative
  bool no_onehot = false;        // dL/dlogits = softmax / n
  int bias_row = -1;             // db = dZ.row(bias_row): one sample's gradient, not the batch sum
};
ref::Grads slipped_grads(const Net& t, Slip s) {
  const double n = double(t.X.rows());
  const Eigen::MatrixXd Z1 = pre_activations(t.p, t.X), A1 = Z1.cwiseMax(0.0);
  Eigen::MatrixXd dL = softmax((A1 * t.p.W2).rowwise() + t.p.b2);
  if (!s.no_onehot)
    for (Eigen::Index i = 0; i < dL.rows(); ++i) dL(i, t.y[i]) -= 1.0;
  dL /= n;
  Eigen::MatrixXd dZ1 = dL * t.p.W2.transpose();
  if (s.mask_by_value) dZ1 = dZ1.cwiseProduct(A1);
  else if (!s.no_mask) dZ1 = dZ1.array() * (Z1.array() > 0).cast<double>();
  auto bias = [&](const Eigen::MatrixXd& dZ) -> Eigen::RowVectorXd {
    return s.bias_row < 0 ? Eigen::RowVectorXd(dZ.colwise().sum()) : Eigen::RowVectorXd(dZ.row(s.bias_row));
  };
  return {t.X.transpose() * dZ1, bias(dZ1), A1.transpose() * dL, bias(dL)};
}

// loss_and_grads' four gradients (outputs 1 … 4) and the reference's, as the kit compares them.
std::vector<wire::Tensor> grad_outputs(const wire::Values& out) {
  return {as_tensor(out[1]), as_tensor(out[2]), as_tensor(out[3]), as_tensor(out[4])};
}
std::vector<CaseContext::Output> grads_expected(const ref::Grads& g, Tolerance tol, const Clues& clues = {}) {
  return {{"dW1", tensor(g.W1), tol, clues},
          {"db1", tensor(g.b1), tol, clues},
          {"dW2", tensor(g.W2), tol, clues},
          {"db2", tensor(g.b2), tol, clues}};
}

Factor batch(int n) {
  return {double(n),
          fmt::format("it is {0} times too large, and the batch has n = {0} rows: did you forget to divide the "
                      "softmax–cross-entropy gradient by the batch size n? dL/dlogits = (softmax − onehot) / n",
                      n),
          fmt::format("it is {0} times too small (n = {0}): divided by n twice? A bias gradient is the SUM of dZ "
                      "over the batch rows (dZ already carries the 1/n), not its mean",
                      n)};
}

// "forward(n=12,d=5,h=8,c=3)": a case on a random network of these sizes.
CaseName sized(const std::string& family, int n, int d, int h, int c) {
  return CaseName(family).param("n", n).param("d", d).param("h", h).param("c", c);
}

Case forward_case() {
  const int n = 12, d = 5, h = 8, c = 3;
  return {sized("forward", n, d, h, c), 2, [=](CaseContext& ctx) {
            const Net t = net(n, d, h, c, 31);
            wire::Values args = params_args(t.p);
            args.push_back(tensor(t.X));
            auto out = ctx.call(fn::forward, args, 1);
            const Eigen::MatrixXd expected = ctx.reference([&] { return ref::forward(t.p, t.X); });
            const Eigen::MatrixXd Z1 = pre_activations(t.p, t.X);
            ref::Params no_b1 = t.p, no_b2 = t.p;
            no_b1.b1.setZero();
            no_b2.b2.setZero();
            Clues clues;
            clues.fingerprints = {
                {tensor(Eigen::MatrixXd((Z1 * t.p.W2).rowwise() + t.p.b2)),
                 "the ReLU is missing: logits = relu(X W1 + b1) W2 + b2"},
                {tensor(softmax(expected)),
                 "these are softmax probabilities: forward() returns the logits, before any softmax"},
                {tensor(Eigen::MatrixXd(expected.cwiseMax(0.0))),
                 "a ReLU on the output layer: only the hidden layer has one; the logits are relu(X W1 + b1) W2 + b2"},
                {tensor(ref::forward(no_b1, t.X)), "b1 is missing: the hidden layer is relu(X W1 + b1)"},
                {tensor(ref::forward(no_b2, t.X)), "b2 is missing: logits = relu(X W1 + b1) W2 + b2"},
            };
            ctx.expect_close("logits", out[0], tensor(expected), {1e-12, 1e-9}, clues);
          }};
}

Case loss_case() {
  const int n = 12, d = 5, h = 8, c = 3;
  return {sized("loss", n, d, h, c), 2, [=](CaseContext& ctx) {
            const Net t = net(n, d, h, c, 32);
            auto out = ctx.call(fn::loss_and_grads, with_nan_grads(net_args(t.p, t.X, t.y), t.p), 5);
            ref::Grads g;
            const double expected = ctx.reference([&] { return ref::loss_and_grads(t.p, t.X, t.y, g); });
            const Eigen::MatrixXd P = softmax(ref::forward(t.p, t.X));
            double with_all_classes = 0;  // −mean_i Σ_k log p_ik: the one-hot selection forgotten
            for (Eigen::Index i = 0; i < P.rows(); ++i) with_all_classes -= P.row(i).array().log().sum() / double(n);
            Clues clues;
            clues.factors = {
                {double(n),
                 fmt::format("it is {0} times too large, and n = {0}: did you forget to average over the n samples?", n),
                 fmt::format("it is {0} times too small (n = {0}): did you divide by n twice?", n)},
                {double(c), fmt::format("it is {0} times too large, and c = {0} classes", c),
                 fmt::format("it is {0} times too small, and c = {0}: did you average over all n·c entries instead of "
                             "the n rows?",
                             c)},
            };
            clues.fingerprints = {
                {scalar(with_all_classes),
                 "this sums −log p over every class: cross-entropy takes only the true class's −log p_y per row"},
            };
            ctx.expect_close("loss", out[0], scalar(expected), {1e-12, 1e-9}, clues);
          }};
}

// Why the loss (or gradient) over a batch with logits up to |1e3| is wrong, found by calling the
// candidate on one row at a time (where the batch's max is the row's max):
// - every row alone is right: the max was one for the whole batch, not each row's;
// - a row alone gives +inf with right gradients: it subtracts the max but takes log of a
//   probability that underflowed to 0 (log-softmax is the fix);
// - a row alone gives NaN or non-finite gradients while that row has a logit beyond exp's
//   range: the max was not subtracted.
std::string nonfinite_loss_cause(CaseContext& ctx, const Net& t) {
  const Eigen::MatrixXd L = ref::forward(t.p, t.X);
  const Tolerance tol{1e-10, 1e-7};
  bool all_rows_right = true;
  for (Eigen::Index i = 0; i < t.X.rows(); ++i) {
    const Eigen::MatrixXd x = t.X.row(i);
    const Eigen::VectorXi y = t.y.segment(i, 1);
    auto out = ctx.call(fn::loss_and_grads, with_nan_grads(net_args(t.p, x, y), t.p), 5);
    ref::Grads g;
    const double want = ref::loss_and_grads(t.p, x, y, g);
    const double got = as_double(out[0]);
    const bool grads_right = ctx.compare_outputs(grad_outputs(out), grads_expected(g, tol)).ok;
    const double max = L.row(i).maxCoeff(), gap = max - L(i, t.y[i]);
    if (got == INFINITY && grads_right && gap > 745)
      return fmt::format(
          "row {} alone gives loss = inf with the right gradients: its true class's logit is {:.4g} below the row's "
          "max, so its probability underflows to exactly 0 even after subtracting the max, and −log(0) = inf. Take "
          "the log before the exp (log-softmax): −log p_y = log Σ exp(z − max) − (z_y − max)",
          i, gap);
    if ((std::isnan(got) || !grads_right) && (max > 709 || max < -745))
      return fmt::format(
          "numerical stability: row {} has a logit of {:.4g}, and exp() of it {}, so the softmax reads inf / inf "
          "or 0 / 0 = NaN. Subtract each row's max logit before exp() (softmax does not change), or use "
          "log-sum-exp",
          i, max, max > 0 ? "overflows to inf" : "underflows to 0");
    // A finite loss is what this case asks of it (a clipped −log p is finite, not exact).
    all_rows_right = all_rows_right && std::isfinite(got) && std::isfinite(want) && grads_right;
  }
  if (all_rows_right)
    return "each row alone gives the right loss, the batch does not: the softmax subtracts one max over the whole "
           "batch, so a row whose logits all lie far below it underflows to 0 / 0. Subtract each row's own max "
           "(L.rowwise().maxCoeff(), axis=1 with keepdims)";
  return "subtract each row's max logit before exp(), and compute −log p_y as log Σ exp(z − max) − (z_y − max) "
         "(log-softmax), never log of a probability that can underflow to 0";
}

// Logits up to |1e3|: exp() overflows unless each row's max is subtracted first. The loss
// must be finite (a clipped −log p is, though it is not exact there) and the gradient right.
// After the gradient case, so that a wrong backward pass is reported there, as a gradient.
Case stability_case() {
  const double max_logit = 1e3;
  return {CaseName("loss").label("large logits").param("|logit|", max_logit, "<="), 2, [=](CaseContext& ctx) {
            Net t = net(10, 4, 6, 3, 33);
            const double scale = max_logit / ref::forward(t.p, t.X).cwiseAbs().maxCoeff();
            t.p.W2 *= scale;
            t.p.b2 *= scale;
            auto out = ctx.call(fn::loss_and_grads, with_nan_grads(net_args(t.p, t.X, t.y), t.p), 5);
            ref::Grads g;
            ctx.reference([&] { return ref::loss_and_grads(t.p, t.X, t.y, g); });
            const std::string overflow =
                "numerical stability: exp() of a logit near 1e3 overflows to inf, and inf / inf is NaN. Subtract "
                "each row's max logit before exp() (softmax does not change), or use log-sum-exp";
            const double loss = as_double(out[0]);
            if (!std::isfinite(loss))
              ctx.fail(Verdict::WrongAnswer, fmt::format("loss = {} with logits up to |1e3|\n→ {}", loss,
                                                         nonfinite_loss_cause(ctx, t)));
            Clues clues;
            clues.nonfinite = overflow + " — or a value used before it was set (the grads arrive holding NaN: "
                                         "assign them, don't +=)";
            Comparison c = ctx.compare_outputs(grad_outputs(out), grads_expected(g, {1e-10, 1e-7}, clues));
            if (!c.ok && (c.problem == "values" || c.problem == "nonfinite")) {
              // A batch-wide max shows only in the batch: each row alone is then right.
              const std::string cause = nonfinite_loss_cause(ctx, t);
              if (cause.rfind("each row alone", 0) == 0) c.diagnosis = cause;
            }
            ctx.expect(c);
          }};
}

Case gradients_case() {
  const int n = 16, d = 6, h = 10, c = 4;
  return {sized("gradients", n, d, h, c), 10, [=](CaseContext& ctx) {
            const Net t = net(n, d, h, c, 34);
            auto out = ctx.call(fn::loss_and_grads, with_nan_grads(net_args(t.p, t.X, t.y), t.p), 5);
            ref::Grads g;
            ctx.reference([&] { return ref::loss_and_grads(t.p, t.X, t.y, g); });
            const std::vector<Param> at = {
                {"dW1", tensor(t.p.W1)}, {"db1", tensor(t.p.b1)}, {"dW2", tensor(t.p.W2)}, {"db2", tensor(t.p.b2)}};
            auto candidate_loss = [&](const std::vector<Param>& ps) {
              wire::Values a = {ps[0].value, ps[1].value, ps[2].value, ps[3].value, tensor(t.X), int_tensor(t.y)};
              return as_double(ctx.call(fn::loss_and_grads, with_nan_grads(a, t.p), 5)[0]);
            };
            Clues clues;
            clues.factors = {batch(n)};
            const std::string mask =
                "the ReLU's derivative is missing in the backward pass: multiply the gradient reaching the hidden "
                "layer by the mask (X W1 + b1 > 0), 1 where the unit was active and 0 elsewhere";
            const std::string by_value =
                "the gradient was multiplied by the activation relu(z) instead of its derivative: the ReLU mask is "
                "1 where X W1 + b1 > 0 and 0 elsewhere";
            const std::string one_sample =
                "this is one sample's gradient: a bias gradient is summed over the batch rows, "
                "db = dZ.colwise().sum()";
            const std::string no_onehot =
                "the one-hot labels were not subtracted: dL/dlogits = (softmax − onehot) / n";
            auto add = [&](const ref::Grads& s, const std::string& why, bool weights, bool hidden) {
              if (weights && hidden) clues.fingerprints.push_back({tensor(s.W1), why});
              if (hidden) clues.fingerprints.push_back({tensor(s.b1), why});
              if (weights && !hidden) clues.fingerprints.push_back({tensor(s.W2), why});
              if (!hidden) clues.fingerprints.push_back({tensor(s.b2), why});
            };
            add(slipped_grads(t, {true}), mask, true, true);
            add(slipped_grads(t, {false, true}), by_value, true, true);
            for (int row : {0, n - 1}) {
              add(slipped_grads(t, {false, false, false, row}), one_sample, false, true);
              add(slipped_grads(t, {false, false, false, row}), one_sample, false, false);
            }
            const ref::Grads wrong_dl = slipped_grads(t, {false, false, true});
            for (bool hidden : {true, false}) add(wrong_dl, no_onehot, true, hidden);
            ctx.check_gradients(at, {as_tensor(out[1]), as_tensor(out[2]), as_tensor(out[3]), as_tensor(out[4])},
                                {tensor(g.W1), tensor(g.b1), tensor(g.W2), tensor(g.b2)}, candidate_loss,
                                "loss_and_grads", clues);
          }};
}

struct Moments {
  double mean = 0, std = 0, kurtosis = 0;
};
Moments moments(const Eigen::MatrixXd& W) {
  const Eigen::ArrayXd v = Eigen::Map<const Eigen::ArrayXd>(W.data(), W.size());
  const double mean = v.mean();
  const double var = (v - mean).square().mean();
  return {mean, std::sqrt(var), (v - mean).pow(4).mean() / (var * var)};
}

// Names a standard deviation that is not He's: a known other scale, or just the ratio.
std::string scale_diagnosis(double got, int fan_in, int fan_out) {
  const double he = std::sqrt(2.0 / fan_in);
  const std::vector<std::pair<double, std::string>> known = {
      {std::sqrt(1.0 / fan_in), "std sqrt(1 / fan_in) (LeCun): He initialisation for ReLU doubles the variance"},
      {std::sqrt(2.0 / fan_out), "std sqrt(2 / fan_out): He uses fan_in, the number of inputs (rows of W)"},
      {std::sqrt(2.0 / (fan_in + fan_out)), "std sqrt(2 / (fan_in + fan_out)) is Glorot/Xavier, not He"},
      {2.0 / fan_in, "the variance 2 / fan_in was used as the standard deviation: std = sqrt(2 / fan_in)"},
      {1.0, "unscaled N(0, 1): multiply by sqrt(2 / fan_in)"},
      {std::sqrt(6.0 / fan_in), "sqrt(6 / fan_in) is He-uniform's bound, not the normal's std"},
      {0.01, "a fixed 0.01 scale: He's std is sqrt(2 / fan_in)"},
  };
  for (const auto& [s, why] : known)
    if (std::abs(got / s - 1) < 0.03) return why;
  return fmt::format("std is {:.3g} times He's sqrt(2 / fan_in)", got / he);
}

// W (fan_in × fan_out) drawn from N(0, 2 / fan_in): std within 5% (its estimate's own error is
// ~0.4% at these sizes), mean near 0, and normal-shaped (kurtosis 3 ± 0.3; uniform's is 1.8).
void check_he(CaseContext& ctx, const std::string& name, const Eigen::MatrixXd& W) {
  const int fan_in = int(W.rows()), fan_out = int(W.cols());
  const double he = std::sqrt(2.0 / fan_in);
  if (!W.allFinite()) ctx.fail(Verdict::WrongAnswer, name + " has NaN or inf entries: was every entry drawn?");
  const Moments m = moments(W);
  if (std::abs(m.std / he - 1) > 0.05)
    ctx.fail(Verdict::WrongAnswer,
             fmt::format("{} ({}×{}): std {:.5g}, expected He's sqrt(2 / fan_in) = sqrt(2 / {}) = {:.5g} (allowed "
                         "±5%)\n→ {}",
                         name, fan_in, fan_out, m.std, fan_in, he, scale_diagnosis(m.std, fan_in, fan_out)));
  const double mean_allowed = 6 * he / std::sqrt(double(W.size()));
  if (std::abs(m.mean) > mean_allowed)
    ctx.fail(Verdict::WrongAnswer, fmt::format("{}: mean {:.4g}, expected 0 (allowed ±{:.2g}): draw from N(0, 2 / "
                                               "fan_in), centred at zero",
                                               name, m.mean, mean_allowed));
  if (std::abs(m.kurtosis - 3) > 0.3)
    ctx.fail(Verdict::WrongAnswer,
             fmt::format("{}: kurtosis {:.3g}, a normal distribution's is 3 (uniform: 1.8): He initialisation draws "
                         "from a normal distribution, std::normal_distribution<double>(0, sqrt(2.0 / fan_in))",
                         name, m.kurtosis));
}

Case init_case() {
  const int d = 100, h = 300, c = 50;
  return {CaseName("init").param("d", d).param("h", h).param("c", c), 5, [=](CaseContext& ctx) {
            const ref::Params like{Eigen::MatrixXd(d, h), Eigen::RowVectorXd(h), Eigen::MatrixXd(h, c),
                                   Eigen::RowVectorXd(c)};
            auto out = ctx.call(fn::init, {int64_t(d), int64_t(h), int64_t(c), int64_t(41)}, 4);
            const ref::Params p = params_of(ctx, out, 0, like);
            for (const auto& [name, b] : {std::pair{"b1", &p.b1}, std::pair{"b2", &p.b2}}) {
              Comparison zero = check_exact(name, tensor(*b), tensor(Eigen::RowVectorXd(Eigen::RowVectorXd::Zero(b->size()))));
              zero.detail = "the biases b1 and b2 start at exactly zero";
              ctx.expect(zero);
            }
            check_he(ctx, "W1", p.W1);
            check_he(ctx, "W2", p.W2);
            // Randomness comes only from the rng argument: same seed, same network; new seed, new one.
            const ref::Params small{Eigen::MatrixXd(5, 7), Eigen::RowVectorXd(7), Eigen::MatrixXd(7, 3),
                                    Eigen::RowVectorXd(3)};
            auto draw = [&](int64_t seed) {
              return params_of(ctx, ctx.call(fn::init, {int64_t(5), int64_t(7), int64_t(3), seed}, 4), 0, small);
            };
            const ref::Params a = draw(42), b = draw(42), c = draw(43);
            if (a.W1 != b.W1 || a.W2 != b.W2)
              ctx.fail(Verdict::WrongAnswer,
                       "init(5, 7, 3, rng) gave different weights for the same seed: draw every number from the rng "
                       "argument (no std::random_device, time or static generator)");
            if (a.W1 == c.W1)
              ctx.fail(Verdict::WrongAnswer,
                       "init(5, 7, 3, rng) gave the same W1 for two different seeds: draw it from the rng argument");
            if (a.W1.block(0, 0, 5, 3) == a.W2.block(0, 0, 5, 3))
              ctx.fail(Verdict::WrongAnswer, "W2 repeats W1's numbers: draw each weight once from one rng");
          }};
}

// Full-batch SGD with momentum (batch = every row, so the shuffle does not matter), with the
// classic optimizer slips switchable, to recognise them.
enum class Momentum { Torch, None, Negated, Dampened, Uphill };
ref::Params full_batch(ref::Params p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int epochs, double lr,
                       double mu, Momentum kind = Momentum::Torch, bool update_biases = true,
                       std::vector<ref::Params>* trace = nullptr) {
  ref::Params v{Eigen::MatrixXd::Zero(p.W1.rows(), p.W1.cols()), Eigen::RowVectorXd::Zero(p.b1.size()),
                Eigen::MatrixXd::Zero(p.W2.rows(), p.W2.cols()), Eigen::RowVectorXd::Zero(p.b2.size())};
  auto step = [&](auto& theta, auto& vel, const auto& grad) {
    switch (kind) {
      case Momentum::Torch: vel = mu * vel + grad; break;
      case Momentum::None: vel = grad; break;
      case Momentum::Negated: vel = -mu * vel + grad; break;
      case Momentum::Dampened: vel = mu * vel + (1 - mu) * grad; break;
      case Momentum::Uphill: vel = mu * vel - grad; break;
    }
    theta -= lr * vel;
  };
  ref::Grads g;
  for (int e = 0; e < epochs; ++e) {
    ref::loss_and_grads(p, X, y, g);
    step(p.W1, v.W1, g.W1);
    step(p.W2, v.W2, g.W2);
    if (update_biases) {
      step(p.b1, v.b1, g.b1);
      step(p.b2, v.b2, g.b2);
    }
    if (trace) trace->push_back(p);
  }
  return p;
}

double loss_of(const ref::Params& p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y) {
  ref::Grads g;
  return ref::loss_and_grads(p, X, y, g);
}

bool finite(const ref::Params& p) {
  return p.W1.allFinite() && p.b1.allFinite() && p.W2.allFinite() && p.b2.allFinite();
}

// A network's four parameters as the kit compares them: W1, b1, W2, b2.
std::vector<wire::Tensor> outputs(const ref::Params& p) {
  return {tensor(p.W1), tensor(p.b1), tensor(p.W2), tensor(p.b2)};
}

// XOR's four rows: one full batch.
constexpr int kXorRows = 4;

// train on XOR, full batch (batch = 4 rows), against the reference's run of exactly `epochs`.
void expect_xor(CaseContext& ctx, int hidden, int epochs) {
  Eigen::MatrixXd X(kXorRows, 2);
  X << 0, 0, 0, 1, 1, 0, 1, 1;
  Eigen::VectorXi y(kXorRows);
  y << 0, 1, 1, 0;
  // Starting weights from the grader, biases away from 0 so no hidden unit sits on ReLU's kink.
  Draw r(51);
  ref::Params p0{r.normal(2, hidden, 1.0), Eigen::RowVectorXd(hidden), r.normal(hidden, 2, 0.5),
                 Eigen::RowVectorXd::Zero(2)};
  for (int j = 0; j < hidden; ++j) p0.b1[j] = (j % 2 ? 1 : -1) * r.uniform(0.05, 0.3);
  wire::Values args = net_args(p0, X, y);
  for (wire::Value v : wire::Values{int64_t(epochs), int64_t(kXorRows), 0.1, 0.9, int64_t(52)}) args.push_back(v);
  const ref::Params p = params_of(ctx, ctx.call(fn::train, args, 4), 0, p0);
  const ref::Params want = ctx.reference([&] { return full_batch(p0, X, y, epochs, 0.1, 0.9); });
  const Tolerance tol{1e-10, 1e-7};
  const std::vector<grading::Slip> slips = {
      {"this is plain SGD: the momentum has no effect. Keep a velocity per parameter across every step "
       "(never reset): v = momentum · v + gradient; θ −= learning_rate · v",
       outputs(full_batch(p0, X, y, epochs, 0.1, 0.9, Momentum::None))},
      {"the momentum term has the wrong sign: v = momentum · v + gradient, not −momentum · v",
       outputs(full_batch(p0, X, y, epochs, 0.1, 0.9, Momentum::Negated))},
      {"this is v = momentum · v + (1 − momentum) · gradient: the contract is PyTorch's SGD, "
       "v = momentum · v + gradient (no dampening)",
       outputs(full_batch(p0, X, y, epochs, 0.1, 0.9, Momentum::Dampened))},
      {"one epoch too few: run exactly `epochs`", outputs(full_batch(p0, X, y, epochs - 1, 0.1, 0.9))},
      {"one epoch too many: run exactly `epochs`", outputs(full_batch(p0, X, y, epochs + 1, 0.1, 0.9))},
      {"the biases are never updated: step b1 and b2 like the weights",
       outputs(full_batch(p0, X, y, epochs, 0.1, 0.9, Momentum::Torch, false))},
  };
  const std::vector<CaseContext::Output> expected = {{"W1", tensor(want.W1), tol},
                                                     {"b1", tensor(want.b1), tol},
                                                     {"W2", tensor(want.W2), tol},
                                                     {"b2", tensor(want.b2), tol}};
  const double before = loss_of(p0, X, y);
  const double after = finite(p) ? loss_of(p, X, y) : NAN;
  if (!(after < before)) {
    const std::vector<grading::Slip> uphill = {
        {"momentum applied with the wrong sign: the steps go uphill. v = momentum · v + gradient; θ −= "
         "learning_rate · v",
         outputs(full_batch(p0, X, y, epochs, 0.1, 0.9, Momentum::Uphill))}};
    std::string why = diagnose_slip(uphill, outputs(p), outputs(want), {tol, tol, tol, tol});
    if (why.empty())
      why = "is each step θ −= learning_rate · v, downhill, with the velocity v = momentum · v + gradient?";
    ctx.fail(Verdict::WrongAnswer, fmt::format("the loss on XOR did not decrease: {:.6g} before training, {:.6g} "
                                               "after {} full-batch steps (learning_rate 0.1, momentum 0.9)\n→ {}",
                                               before, after, epochs, why));
  }
  Comparison c = ctx.compare_outputs(outputs(p), expected, slips);
  if (!c.ok && c.diagnosis.empty()) {  // stopped early? find after how many epochs
    std::vector<ref::Params> run;
    full_batch(p0, X, y, epochs, 0.1, 0.9, Momentum::Torch, true, &run);
    for (int e = 1; e + 1 < epochs && c.diagnosis.empty(); ++e)
      if (!diagnose_slip({{"stopped", outputs(run[size_t(e - 1)])}}, outputs(p), outputs(want), {tol, tol, tol, tol})
               .empty())
        c.diagnosis = fmt::format("train stopped after {} of {} epochs: the contract runs exactly "
                                  "`epochs` epochs (no early stop when the loss stops changing)",
                                  e, epochs);
  }
  ctx.expect(c);
}

// With epochs = 1000 the loss changes by less than 1e-6 per epoch after ~650: a train that
// stops early on a small change (not in the contract) shows there.
Case xor_case(int epochs) {
  const int h = 8;
  return {CaseName("train").label("xor").param("h", h).param("batch", kXorRows).param("epochs", epochs), 5,
          [=](CaseContext& ctx) { expect_xor(ctx, h, epochs); }};
}

double accuracy(const ref::Params& p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y) {
  const Eigen::MatrixXd L = ref::forward(p, X);
  int right = 0;
  for (Eigen::Index i = 0; i < L.rows(); ++i) {
    Eigen::Index k;
    L.row(i).maxCoeff(&k);  // the first maximum
    right += k == y[i];
  }
  return double(right) / double(y.size());
}

// The CPU limit of the digits case (README, "How it is graded"): init + 30 epochs.
constexpr double kDigitsCpuSeconds = 20;

Case digits_case() {
  const double test = 0.2;
  const int h = 64;
  const ref::TrainOptions opt;
  return {CaseName("accuracy").label("digits").param("test", Percent{test}).param("h", h)
              .param("epochs", opt.epochs).param("batch", opt.batch_size),
          kDigitsCpuSeconds, [=](CaseContext& ctx) {
            data::Split s = data::stratified_split(data::dataset("digits"), test, 7);
            s.X_train /= 16.0;  // pixels 0..16 → [0, 1]
            s.X_test /= 16.0;
            const int d = int(s.X_train.cols()), c = s.y_train.maxCoeff() + 1;
            const ref::Params like{Eigen::MatrixXd(d, h), Eigen::RowVectorXd(h), Eigen::MatrixXd(h, c),
                                   Eigen::RowVectorXd(c)};
            const ref::Params p0 =
                params_of(ctx, ctx.call(fn::init, {int64_t(d), int64_t(h), int64_t(c), int64_t(61)}, 4), 0, like);
            wire::Values args = net_args(p0, s.X_train, s.y_train);
            for (wire::Value v : wire::Values{int64_t(opt.epochs), int64_t(opt.batch_size), opt.learning_rate,
                                              opt.momentum, int64_t(62)})
              args.push_back(v);
            const ref::Params p = params_of(ctx, ctx.call(fn::train, args, 4), 0, p0);
            const double want = ctx.reference([&] {
              std::mt19937_64 rng(62);
              return accuracy(ref::train(p0, s.X_train, s.y_train, opt, rng), s.X_test, s.y_test);
            });
            if (!finite(p))
              ctx.fail(Verdict::WrongAnswer,
                       "training diverged: the trained weights hold NaN or inf (the reference, from your init, "
                       "reaches " + fmt::format("{:.1f}%", 100 * want) + ")\n→ " + Clues{}.nonfinite);
            const double got = accuracy(p, s.X_test, s.y_test);
            if (!(got >= 0.95))
              ctx.fail(Verdict::WrongAnswer,
                       fmt::format("held-out accuracy {:.1f}% on {} test digits is below 95% (the reference reaches "
                                   "{:.1f}% from your init with the same data and options)",
                                   100 * got, s.y_test.size(), 100 * want));
          }};
}

}  // namespace

std::vector<Case> mlp_cases() {
  return {forward_case(), loss_case(),  gradients_case(), stability_case(),
          init_case(),    xor_case(100), xor_case(1000),  digits_case()};
}

}  // namespace mldrill::cases
