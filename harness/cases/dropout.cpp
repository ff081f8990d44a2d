// Grading cases of the dropout drill (../shared/docs/drills/dropout.md), in grading order: eval
// → the exact structure of a training mask (0/1, scale, same seed, fresh masks) → independence,
// keep rate and E[out] = X by fixed-seed statistics → backward → the p = 0 and 1 edges → invalid p.
// The mask is never compared with a reference mask: how it is drawn is not pinned.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "cases/dropout_stats.hpp"
#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "reference/dropout.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/dropout.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace st = dropout_stats;

const char* kEval = "eval mode is the identity; inverted dropout scales at training time";
const char* kRescale = "scale the kept entries by 1/(1 − p), so E[out] = X";
const char* kRng = "every draw must come from rng: same seed, same mask; different seeds, different masks";
const char* kByReference = "take the engine by reference and draw from it (not from a copy, std::mt19937_64 gen = rng;): "
                           "the caller's engine must advance, so the next call on it draws a fresh mask";
const char* kIndependent = "each entry is kept independently: one draw per entry, not one per row or column";
const char* kKeepWithOneMinusP = "p is the probability of dropping; keep with 1 − p";
const char* kBackwardScale = "the forward scaled the kept entries, so does the backward: dX = dOut ∘ mask / (1 − p)";
const char* kBackwardMask = "dropped entries get no gradient: dX = dOut ∘ mask / (1 − p)";
const char* kAllDropped = "p = 1 drops everything: return zeros (X ∘ 0 / (1 − 1) is 0/0 = NaN)";
const char* kRange = "p is a probability: throw std::invalid_argument unless 0 ≤ p ≤ 1, in training and in eval mode "
                     "(as PyTorch)";

struct Drawn {
  Eigen::MatrixXd out, mask;
};

// forward(X, p, training, rng): out and mask, each n × d.
Drawn forward(CaseContext& ctx, const Eigen::MatrixXd& X, double p, bool training, wire::Value rng) {
  auto v = ctx.call(fn::forward, {tensor(X), p, training, std::move(rng)}, 2);
  const std::vector<int64_t> shape = {X.rows(), X.cols()};
  return {matrix_of(ctx.expect_shape("out", v[0], shape)), matrix_of(ctx.expect_shape("mask", v[1], shape))};
}

Eigen::MatrixXd backward(CaseContext& ctx, const Eigen::MatrixXd& dOut, const Eigen::MatrixXd& mask, double p,
                         bool training) {
  auto v = ctx.call(fn::backward, {tensor(dOut), tensor(mask), p, training}, 1);
  return matrix_of(ctx.expect_shape("dX", v[0], {dOut.rows(), dOut.cols()}));
}

// Exact equality of `got` and `expected`; a failure says `why` (and NaN/inf when there are any).
void expect_exactly(CaseContext& ctx, const std::string& what, const Eigen::MatrixXd& got,
                    const Eigen::MatrixXd& expected, const std::string& why, Verdict verdict = Verdict::WrongAnswer,
                    const std::string& nonfinite_why = "") {
  Comparison c = check_exact(what, tensor(got), tensor(expected));
  if (!c.ok) c.diagnosis = !got.allFinite() && !nonfinite_why.empty() ? nonfinite_why : why;
  ctx.expect(c, verdict);
}

Case eval_case() {
  const int n = 7, d = 5;
  const std::vector<double> ps = {0.3, 1.0};
  return {CaseName("eval").param("n", n).param("d", d).param("p", ps), 2, [=](CaseContext& ctx) {
            Draw r(61);
            const Eigen::MatrixXd X = r.normal(n, d), dOut = r.normal(n, d);
            const Eigen::MatrixXd ones = Eigen::MatrixXd::Ones(n, d);
            for (double p : ps) {
              const Drawn f = forward(ctx, X, p, false, int64_t(61));
              expect_exactly(ctx, fmt::format("out (p = {}, training = false)", p), f.out, X,
                             fmt::format("out must be X unchanged: {}", kEval));
              expect_exactly(ctx, fmt::format("mask (p = {}, training = false)", p), f.mask, ones,
                             fmt::format("the mask is all ones: {}", kEval));
              expect_exactly(ctx, fmt::format("dX (p = {}, training = false)", p), backward(ctx, dOut, ones, p, false),
                             dOut, fmt::format("dX = dOut: {}", kEval), Verdict::GradientMismatch);
            }
          }};
}

// The first entry of a mask that is neither 0.0 nor 1.0, with what it looks like.
void expect_zero_one(CaseContext& ctx, const Eigen::MatrixXd& mask, double p, int64_t seed) {
  const double scaled = 1.0 / (1.0 - p);
  bool all_scaled = true;
  for (Eigen::Index i = 0; i < mask.rows(); ++i)
    for (Eigen::Index j = 0; j < mask.cols(); ++j)
      all_scaled = all_scaled && (mask(i, j) == 0.0 || std::abs(mask(i, j) - scaled) <= 1e-12 * scaled);
  for (Eigen::Index i = 0; i < mask.rows(); ++i)
    for (Eigen::Index j = 0; j < mask.cols(); ++j) {
      const double m = mask(i, j);
      if (m == 0.0 || m == 1.0) continue;
      ctx.fail(Verdict::WrongAnswer,
               all_scaled ? fmt::format("seed {}: mask({}, {}) = {} = 1/(1 − p): the mask holds 0/1 (1.0 kept, 0.0 "
                                        "dropped); the scale 1/(1 − p) belongs to out only",
                                        seed, i, j, m)
                          : fmt::format("seed {}: mask({}, {}) = {}: the mask holds 0/1, every entry exactly 0.0 "
                                        "(dropped) or 1.0 (kept)",
                                        seed, i, j, m));
    }
}

// The number of entries where two masks differ.
long differing(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) { return (a.array() != b.array()).count(); }

// Five seeds, each: a kept engine (handle 2000 + seed) drawn once, a fresh engine of the same
// seed (same mask), then the kept engine again (a fresh mask: the first call advanced it).
Case structure_case() {
  const int n = 40, d = 30;
  const double p = 0.3;
  const Range seeds{1, 5};
  return {CaseName("train_structure").param("n", n).param("d", d).param("p", p).param("seeds", seeds), 5,
          [=](CaseContext& ctx) {
            const Eigen::MatrixXd X = Draw(62).normal(n, d);
            auto engine = [](int64_t seed) { return wire::Engine{2000 + seed, uint64_t(seed)}; };
            std::vector<Eigen::MatrixXd> masks;
            for (int64_t seed = seeds.first; seed <= seeds.last; ++seed) {
              const Drawn f = forward(ctx, X, p, true, engine(seed));
              expect_zero_one(ctx, f.mask, p, seed);
              const Eigen::MatrixXd expected = (X.array() * f.mask.array() / (1.0 - p)).matrix();
              Clues clues;
              clues.fingerprints = {{tensor(Eigen::MatrixXd(X.cwiseProduct(f.mask))), kRescale}};
              ctx.expect_close(fmt::format("out = X ∘ mask / (1 − p) (seed {}, with your mask)", seed), tensor(f.out),
                               tensor(expected), {0, 1e-14}, clues);
              const Drawn again = forward(ctx, X, p, true, int64_t(seed));
              if (const long k = differing(again.mask, f.mask); k > 0)
                ctx.fail(Verdict::WrongAnswer,
                         fmt::format("two calls with a fresh rng seeded {} gave masks that differ in {} of {} entries: "
                                     "{}",
                                     seed, k, n * d, kRng));
              masks.push_back(f.mask);
            }
            for (size_t a = 0; a < masks.size(); ++a)
              for (size_t b = a + 1; b < masks.size(); ++b)
                if (differing(masks[a], masks[b]) == 0)
                  ctx.fail(Verdict::WrongAnswer, fmt::format("seeds {} and {} gave the same mask: {}",
                                                             seeds.first + int64_t(a), seeds.first + int64_t(b), kRng));
            for (int64_t seed = seeds.first; seed <= seeds.last; ++seed) {
              const Drawn next = forward(ctx, X, p, true, engine(seed));
              if (differing(next.mask, masks[size_t(seed - seeds.first)]) == 0)
                ctx.fail(Verdict::WrongAnswer,
                         fmt::format("a second call on the same rng object (seeded {}) returned the same mask as the "
                                     "first: {}",
                                     seed, kByReference));
            }
          }};
}

// One mask per p, drawn with its own seed: n × d, X all ones.
Eigen::MatrixXd stat_mask(CaseContext& ctx, double p, int64_t seed) {
  const Eigen::MatrixXd X = Eigen::MatrixXd::Ones(st::kRows, st::kCols);
  return forward(ctx, X, p, true, seed).mask;
}

Case independence_case() {
  return {CaseName("independence").param("n", st::kRows).param("d", st::kCols).param("p", st::kRateP), 5,
          [=](CaseContext& ctx) {
            for (size_t k = 0; k < st::kRateP.size(); ++k) {
              const double p = st::kRateP[k];
              const Eigen::MatrixXd mask = stat_mask(ctx, p, int64_t(300 + k));
              const double expected = 2 * p * (1 - p);
              auto check = [&](const char* where, double got, int pairs) {
                if (std::abs(got - expected) <= st::kPairBand) return;
                ctx.fail(Verdict::WrongAnswer,
                         fmt::format("p = {}: of the {} pairs of neighbouring entries within {}, a fraction {:.4f} "
                                     "differ (one kept, one dropped); independent entries differ with probability "
                                     "2p(1 − p) = {:.4f} (±{}): {}",
                                     p, pairs, where, got, expected, st::kPairBand, kIndependent));
              };
              check("a row", st::row_pairs_differing(mask), st::row_pair_count());
              check("a column", st::column_pairs_differing(mask), st::column_pair_count());
            }
          }};
}

Case keep_rate_case() {
  return {CaseName("keep_rate").param("n", st::kRows).param("d", st::kCols).param("p", st::kRateP), 5,
          [=](CaseContext& ctx) {
            for (size_t k = 0; k < st::kRateP.size(); ++k) {
              const double p = st::kRateP[k];
              const double kept = st::kept_fraction(stat_mask(ctx, p, int64_t(400 + k)));
              if (std::abs(kept - (1 - p)) <= st::kKeepBand) continue;
              const bool swapped = std::abs(kept - p) <= st::kKeepBand;
              ctx.fail(Verdict::WrongAnswer,
                       fmt::format("p = {}: {:.4f} of the {} entries were kept, but each is kept with probability "
                                   "1 − p = {} (±{}){}",
                                   p, kept, st::kRows * st::kCols, 1 - p, st::kKeepBand,
                                   swapped ? std::string(": ") + kKeepWithOneMinusP : std::string()));
            }
          }};
}

Case mean_case() {
  return {CaseName("mean").param("n", st::kRows).param("d", st::kCols).param("X", st::kMeanX).param("p", st::kMeanP),
          5, [=](CaseContext& ctx) {
            const Eigen::MatrixXd X = Eigen::MatrixXd::Constant(st::kRows, st::kCols, st::kMeanX);
            for (size_t k = 0; k < st::kMeanP.size(); ++k) {
              const double p = st::kMeanP[k];
              const double mean = forward(ctx, X, p, true, int64_t(500 + k)).out.mean();
              const double band = st::kMeanBand * st::kMeanX;
              if (std::abs(mean - st::kMeanX) <= band) continue;
              const bool unscaled = std::abs(mean - st::kMeanX * (1 - p)) <= band * (1 - p);
              ctx.fail(Verdict::WrongAnswer,
                       fmt::format("p = {}, X = {} everywhere: mean(out) = {:.4f}, but E[out] = X = {} (±{}){}", p,
                                   st::kMeanX, mean, st::kMeanX, band,
                                   unscaled ? fmt::format(": it is (1 − p)·X, {}", kRescale) : std::string()));
            }
          }};
}

Case backward_case() {
  const int n = 6, d = 5;
  const double p = 0.4;
  const int64_t seed = 7;
  return {CaseName("backward").param("n", n).param("d", d).param("p", p).param("seed", seed), 5,
          [=](CaseContext& ctx) {
            Draw r(66);
            const Eigen::MatrixXd X = r.normal(n, d), dOut = r.normal(n, d);
            const Eigen::MatrixXd mask = forward(ctx, X, p, true, seed).mask;
            const Eigen::MatrixXd dX = backward(ctx, dOut, mask, p, true);
            const Eigen::MatrixXd expected =
                ctx.reference([&] { return drill::dropout::backward(dOut, mask, p, true); });
            // sum(forward(X, p, true, rng(7)).out ∘ dOut) with the candidate's own forward.
            auto candidate_loss = [&](const std::vector<Param>& ps) {
              auto v = ctx.call(fn::forward, {ps[0].value, p, true, seed}, 2);
              return matrix_of(ctx.expect_shape("out", v[0], {n, d})).cwiseProduct(dOut).sum();
            };
            Clues clues;
            clues.fingerprints = {{tensor(Eigen::MatrixXd(dOut.cwiseProduct(mask))), kBackwardScale},
                                  {tensor(Eigen::MatrixXd(dOut / (1 - p))), kBackwardMask}};
            ctx.check_gradients({{"dX", tensor(X)}}, {tensor(dX)}, {tensor(expected)}, candidate_loss,
                                "forward", clues);
          }};
}

Case edges_case() {
  const int n = 7, d = 5;
  return {CaseName("edges").param("p", std::vector<int>{0, 1}).label("training"), 2, [=](CaseContext& ctx) {
            Draw r(67);
            const Eigen::MatrixXd X = r.normal(n, d), dOut = r.normal(n, d);
            const Eigen::MatrixXd ones = Eigen::MatrixXd::Ones(n, d), zeros = Eigen::MatrixXd::Zero(n, d);
            const Drawn keep_all = forward(ctx, X, 0.0, true, int64_t(71));
            const char* none_dropped = "p = 0 drops nothing: mask all ones, out = X";
            expect_exactly(ctx, "mask (p = 0)", keep_all.mask, ones, none_dropped);
            expect_exactly(ctx, "out (p = 0)", keep_all.out, X, none_dropped);
            const Drawn drop_all = forward(ctx, X, 1.0, true, int64_t(72));
            expect_exactly(ctx, "mask (p = 1)", drop_all.mask, zeros, kAllDropped);
            expect_exactly(ctx, "out (p = 1)", drop_all.out, zeros, kAllDropped, Verdict::WrongAnswer, kAllDropped);
            expect_exactly(ctx, "dX (p = 0)", backward(ctx, dOut, ones, 0.0, true), dOut,
                           "p = 0: nothing dropped, nothing scaled: dX = dOut", Verdict::GradientMismatch);
            expect_exactly(ctx, "dX (p = 1)", backward(ctx, dOut, zeros, 1.0, true), zeros,
                           "p = 1 drops everything: dX is all zeros", Verdict::GradientMismatch,
                           "p = 1 drops everything: dX is all zeros (dOut ∘ 0 / 0 is NaN)");
          }};
}

Case invalid_case() {
  const std::vector<double> ps = {-0.1, 1.5};
  return {CaseName("invalid").param("p", ps).label("training|eval"), 2, [=](CaseContext& ctx) {
            const Eigen::MatrixXd X = Draw(68).normal(3, 4);
            for (double p : ps)
              for (bool training : {false, true})
                ctx.expect_throws(fn::forward, {tensor(X), p, training, int64_t(81)}, "std::invalid_argument",
                                  fmt::format("forward(X, p = {}, training = {})", p, training), kRange);
          }};
}

}  // namespace

std::vector<Case> dropout_cases() {
  return {eval_case(),      structure_case(), independence_case(), keep_rate_case(),
          mean_case(),      backward_case(),  edges_case(),        invalid_case()};
}

}  // namespace mldrill::cases
