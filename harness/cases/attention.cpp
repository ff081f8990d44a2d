// Grading cases of the self-attention drill (EXERCISES.md "attention"), in grading order:
// forward (square, rectangular, causal) → backward (the same three) → large-logit
// stability → a causal case where attending to the future would change the answer.
// Shapes: n queries, m keys, d_k key width, d_v value width; S = Q Kᵀ / sqrt(d_k) is n × m.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "reference/attention.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/attention.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::attention;

// Forward outputs are sums of m products of O(1) numbers: correct styles (loops, GEMM,
// masked-then-renormalised softmax, log-sum-exp) agree to ~1e-15.
constexpr Tolerance kForwardTol{1e-12, 1e-9};
// Logits of ±1e3 carry a rounding of ~1e-13 (the ulp of 1000) into every probability.
constexpr Tolerance kStableTol{1e-10, 1e-8};
constexpr double kInf = std::numeric_limits<double>::infinity();

struct Problem {
  Eigen::MatrixXd Q;     // n × d_k
  Eigen::MatrixXd K;     // m × d_k
  Eigen::MatrixXd V;     // m × d_v
  Eigen::MatrixXd dOut;  // n × d_v
  bool causal;
  Eigen::Index d_k() const { return Q.cols(); }
};

// Standard normal entries: the scores Q Kᵀ / sqrt(d_k) are then ~N(0, 1), so every row's
// softmax is spread over several keys and any slip shows.
Problem problem(int n, int m, int d_k, int d_v, bool causal, uint64_t seed) {
  Draw r(seed);
  Problem p{r.normal(n, d_k), r.normal(m, d_k), r.normal(m, d_v), Eigen::MatrixXd(), causal};
  p.dOut = r.normal(n, d_v);
  return p;
}

// "forward(n=6,m=6,d_k=8,d_v=5,causal=false)": the shapes the case's inputs have.
CaseName shape_name(const std::string& family, const Problem& p, bool with_causal = true) {
  CaseName name(family);
  name.param("n", p.Q.rows()).param("m", p.K.rows()).param("d_k", p.d_k()).param("d_v", p.V.cols());
  if (with_causal) name.param("causal", p.causal);
  return name;
}

wire::Values args(const Problem& p) { return {tensor(p.Q), tensor(p.K), tensor(p.V), p.causal}; }

// ---- Attention with the classic slips switchable, to recognise them -----------------------

enum class Mask { None, Causal, DiagonalExcluded, Flipped, AfterSoftmax };
enum class Axis { Keys, Queries };

Eigen::MatrixXd softmax_rows(const Eigen::MatrixXd& S) {
  Eigen::ArrayXXd E = (S.colwise() - S.rowwise().maxCoeff()).array().exp();
  return (E.colwise() / E.rowwise().sum()).matrix();
}

bool allowed(Mask mask, Eigen::Index i, Eigen::Index j) {
  switch (mask) {
    case Mask::Causal: return j <= i;
    case Mask::DiagonalExcluded: return j < i;
    case Mask::Flipped: return j >= i;
    default: return true;
  }
}

Eigen::MatrixXd attend(const Problem& p, double scale, Mask mask, Axis axis = Axis::Keys) {
  Eigen::MatrixXd S = p.Q * p.K.transpose() * scale;
  for (Eigen::Index i = 0; i < S.rows(); ++i)
    for (Eigen::Index j = 0; j < S.cols(); ++j)
      if (!allowed(mask, i, j)) S(i, j) = -kInf;
  Eigen::MatrixXd P = axis == Axis::Keys ? softmax_rows(S) : Eigen::MatrixXd(softmax_rows(S.transpose()).transpose());
  if (mask == Mask::AfterSoftmax) P.triangularView<Eigen::StrictlyUpper>().setZero();
  return P * p.V;
}

// Causal attention with the mask written as a finite number (`masked` set in place of the
// score, or added to it) and/or an ε in the softmax's denominator (after subtracting each
// row's max, or not): slips recognised by their output.
Eigen::MatrixXd attend_slipped(const Problem& p, double masked, bool add, double eps, bool subtract_max = true) {
  const double scale = 1 / std::sqrt(double(p.d_k()));
  Eigen::MatrixXd S = p.Q * p.K.transpose() * scale;
  for (Eigen::Index i = 0; i < S.rows(); ++i)
    for (Eigen::Index j = 0; j < S.cols(); ++j)
      if (p.causal && j > i) S(i, j) = add ? S(i, j) + masked : masked;
  Eigen::ArrayXXd E = subtract_max ? Eigen::ArrayXXd((S.colwise() - S.rowwise().maxCoeff()).array().exp())
                                   : Eigen::ArrayXXd(S.array().exp());
  const Eigen::ArrayXd sum = E.rowwise().sum() + eps;
  return (E.colwise() / sum).matrix() * p.V;
}

// What a wrong forward pass looks like on this problem, each with its explanation.
Clues forward_clues(const Problem& p, const wire::Tensor& got) {
  const double scale = 1 / std::sqrt(double(p.d_k()));
  const Mask mask = p.causal ? Mask::Causal : Mask::None;
  Clues c;
  c.fingerprints = {
      {tensor(attend(p, 1.0, mask)),
       "the 1/sqrt(d_k) scale is missing: S = Q Kᵀ / sqrt(d_k) (without it the softmax is too peaked)"},
      {tensor(attend(p, 1.0 / double(p.d_k()), mask)),
       "the scores are divided by d_k: the scale is 1/sqrt(d_k)"},
      {tensor(attend(p, std::sqrt(double(p.d_k())), mask)),
       "the scores are multiplied by sqrt(d_k): divide by it instead, S = Q Kᵀ / sqrt(d_k)"},
      {tensor(attend(p, scale, mask, Axis::Queries)),
       "the softmax runs over the wrong axis: each row of P (one query, all its keys) must sum to 1, yours "
       "normalises each column (over the queries)"},
  };
  const double masked = p.causal ? -kInf : 0;
  for (bool subtract_max : {true, false})
    for (Fingerprint& f : epsilon_fingerprints(
             [&](double eps) { return tensor(attend_slipped(p, masked, false, eps, subtract_max)); },
             "in the softmax's denominator, exp / (Σ exp + ε)",
             "after subtracting the row's max, Σ exp ≥ 1: no ε is needed there"))
      c.fingerprints.push_back(std::move(f));
  if (!p.causal) {
    c.fingerprints.push_back({tensor(attend(p, scale, Mask::Causal)),
                              "the causal mask is applied although causal = false"});
    return c;
  }
  // A finite mask value: a small one lets every query see the future.
  for (double m : {-1e-4, -1e-9, -1e-6, -1e-3, -1e-2, -0.1, -1.0, -10.0, 1e-4})
    for (bool add : {false, true}) {
      // One that gives the right output here is skipped by the kit: it explains nothing.
      const Eigen::MatrixXd slipped = attend_slipped(p, m, add, 0);
      c.fingerprints.push_back(
          {tensor(slipped),
           fmt::format("the causal mask {} {:g}, not −inf: exp of it is about {:.3g}, so query i still attends to "
                       "keys j > i (it sees the future). Set the masked scores to −inf (or −1e9) before the softmax",
                       add ? "adds" : "sets the scores to", m, std::exp(m))});
    }
  // Query 0 has no key left when the diagonal is masked too: its row is whatever the
  // candidate's softmax made of an all-masked row, so only the other rows are compared.
  // (A NaN row 0 is left to the non-finite clue below, which says "only row 0".)
  Eigen::MatrixXd diagonal_excluded = attend(p, scale, Mask::DiagonalExcluded);
  if (got.shape.size() == 2 && got.shape[0] == p.Q.rows() && got.shape[1] == p.V.cols() &&
      matrix_of(got).row(0).allFinite())
    diagonal_excluded.row(0) = matrix_of(got).row(0);
  else
    diagonal_excluded.row(0).setZero();  // not NaN: a NaN row 0 must not match it
  c.fingerprints.insert(
      c.fingerprints.end(),
      {
          {tensor(attend(p, scale, Mask::None)),
           "the causal mask is missing: query i attends to keys j > i. Set S[i, j] = −inf for j > i before the "
           "softmax"},
          {tensor(attend(p, scale, Mask::AfterSoftmax)),
           "the mask is applied after the softmax: zeroing P[i, j] for j > i leaves rows that no longer sum to 1. "
           "Mask the scores (S[i, j] = −inf for j > i) before the softmax"},
          {tensor(diagonal_excluded),
           "the causal mask is off by one: it hides the diagonal too. Query i attends to keys j ≤ i (itself "
           "included); mask only j > i"},
          {tensor(attend(p, scale, Mask::Flipped)),
           "the causal mask is flipped: query i must attend to keys j ≤ i (the lower triangle), yours keeps j ≥ i"},
      });
  // Only row 0 not finite: the softmax of an all-masked row (−inf everywhere) is 0/0.
  bool only_row0 = got.shape.size() == 2 && got.shape[0] > 1;
  for (size_t k = 0; only_row0 && k < got.data.size(); ++k)
    if (std::isfinite(got.data[k]) != (k >= size_t(got.shape[1]))) only_row0 = false;
  if (only_row0)
    c.nonfinite =
        "only row 0 is NaN: query 0 has every key masked, so its softmax is 0/0. The causal mask is off by one: "
        "query i attends to keys j ≤ i (itself included); mask only j > i";
  else
    c.nonfinite =
        "numerical stability: a −inf from the mask reached the output. Add the mask to the scores before the "
        "softmax (exp(−inf) = 0 there), not to the probabilities after it; and subtract each row's max before "
        "exp()";
  return c;
}

void expect_forward(CaseContext& ctx, const Problem& p, Tolerance tol, const std::string& what = "forward",
                    const std::string& nonfinite = "") {
  auto out = ctx.call(fn::forward, args(p), 1);
  auto expected = ctx.reference([&] { return ref::forward(p.Q, p.K, p.V, p.causal); });
  Clues clues = forward_clues(p, as_tensor(out[0]));
  if (!nonfinite.empty()) clues.nonfinite = nonfinite;
  ctx.expect_close(what, out[0], tensor(expected), tol, clues);
}

Case forward_case(int n, int m, int d_k, int d_v, bool causal, uint64_t seed) {
  const Problem p = problem(n, m, d_k, d_v, causal, seed);
  return {shape_name("forward", p), 2, [p](CaseContext& ctx) { expect_forward(ctx, p, kForwardTol); }};
}

// ---- Backward -----------------------------------------------------------------------------

enum class Slip { None, JacobianDiagonal, JacobianNoRowSum, dQTransposed, dKNotTransposed, dVNotTransposed, NoMask };

// The reference's backward pass with one classic slip switched on.
ref::Grads backward_with(const Problem& p, Slip slip) {
  const double scale = 1 / std::sqrt(double(p.d_k()));
  const Mask mask = p.causal && slip != Slip::NoMask ? Mask::Causal : Mask::None;
  Eigen::MatrixXd S = p.Q * p.K.transpose() * scale;
  for (Eigen::Index i = 0; i < S.rows(); ++i)
    for (Eigen::Index j = 0; j < S.cols(); ++j)
      if (!allowed(mask, i, j)) S(i, j) = -kInf;
  const Eigen::MatrixXd P = softmax_rows(S);
  const Eigen::MatrixXd dP = p.dOut * p.V.transpose();
  const Eigen::VectorXd row_dot = (P.array() * dP.array()).rowwise().sum();
  Eigen::MatrixXd dS = (P.array() * (dP.colwise() - row_dot).array()).matrix();
  if (slip == Slip::JacobianDiagonal) dS = (P.array() * (1 - P.array()) * dP.array()).matrix();
  if (slip == Slip::JacobianNoRowSum) dS = (P.array() * dP.array()).matrix();
  ref::Grads g{dS * p.K * scale, dS.transpose() * p.Q * scale, P.transpose() * p.dOut};
  const bool square = S.rows() == S.cols();
  if (slip == Slip::dQTransposed && square) g.dQ = dS.transpose() * p.K * scale;
  if (slip == Slip::dKNotTransposed && square) g.dK = dS * p.Q * scale;
  if (slip == Slip::dVNotTransposed && square) g.dV = P * p.dOut;
  return g;
}

std::string backward_diagnosis(const Problem& p, const std::vector<wire::Tensor>& got) {
  const std::vector<std::pair<Slip, std::string>> slips = {
      {Slip::JacobianNoRowSum,
       "the softmax backward is missing its second term: dS = P ∘ (dP − rowsum(P ∘ dP)), with dP = dOut Vᵀ"},
      {Slip::JacobianDiagonal,
       "the softmax backward uses only the diagonal of its Jacobian, P(1 − P): each probability depends on every "
       "score of its row, so dS = P ∘ (dP − rowsum(P ∘ dP))"},
      {Slip::dQTransposed, "dQ uses dSᵀ where dS belongs: dQ = dS K / sqrt(d_k)"},
      {Slip::dKNotTransposed, "dK uses dS where dSᵀ belongs (a transpose is missing): dK = dSᵀ Q / sqrt(d_k)"},
      {Slip::dVNotTransposed, "dV uses P where Pᵀ belongs (a transpose is missing): dV = Pᵀ dOut"},
      {Slip::NoMask, "the backward pass ignores the causal mask: use the same masked P as forward()"},
  };
  const bool square = p.Q.rows() == p.K.rows();
  auto grads = [](const ref::Grads& g) { return std::vector<wire::Tensor>{tensor(g.dQ), tensor(g.dK), tensor(g.dV)}; };
  std::vector<grading::Slip> table;
  for (const auto& [slip, why] : slips) {
    if (slip == Slip::NoMask && !p.causal) continue;
    if (!square && (slip == Slip::dQTransposed || slip == Slip::dKNotTransposed || slip == Slip::dVNotTransposed))
      continue;  // shape errors there, caught by the shape check
    table.push_back({why, grads(backward_with(p, slip))});
  }
  const Tolerance tol{1e-10, 1e-7};
  const std::string why = diagnose_slip(table, got, grads(backward_with(p, Slip::None)), {tol, tol, tol});
  return why.empty() ? "" : "\n→ " + why;
}

void expect_backward(CaseContext& ctx, const Problem& p) {
  auto out = ctx.call(fn::backward, {tensor(p.Q), tensor(p.K), tensor(p.V), p.causal, tensor(p.dOut)}, 3);
  const ref::Grads g = ctx.reference([&] { return ref::backward(p.Q, p.K, p.V, p.causal, p.dOut); });
  const std::vector<wire::Tensor> got = {as_tensor(out[0]), as_tensor(out[1]), as_tensor(out[2])};
  const std::vector<Param> at = {{"dQ", tensor(p.Q)}, {"dK", tensor(p.K)}, {"dV", tensor(p.V)}};
  const wire::Tensor weights = tensor(p.dOut);
  // The scalar whose gradient backward() returns: sum(forward(Q, K, V) ∘ dOut), from the
  // candidate's own forward().
  auto candidate_loss = [&](const std::vector<Param>& ps) {
    auto o = ctx.call(fn::forward, {ps[0].value, ps[1].value, ps[2].value, p.causal}, 1);
    const wire::Tensor t = ctx.expect_shape("forward", o[0], weights.shape);
    double s = 0;
    for (size_t k = 0; k < t.data.size(); ++k) s += t.data[k] * weights.data[k];
    return s;
  };
  const double root = std::sqrt(double(p.d_k()));
  Clues clues;
  clues.factors = {{root,
                    fmt::format("it is sqrt(d_k) = {:g} times too large (d_k = {}): the scores are Q Kᵀ / sqrt(d_k), "
                                "so dQ and dK carry that 1/sqrt(d_k) too — is it missing from the backward pass?",
                                root, p.d_k()),
                    fmt::format("it is sqrt(d_k) = {:g} times too small (d_k = {}): is 1/sqrt(d_k) applied twice, "
                                "or divided by d_k instead of sqrt(d_k)?",
                                root, p.d_k())}};
  try {
    ctx.check_gradients(at, got, {tensor(g.dQ), tensor(g.dK), tensor(g.dV)}, candidate_loss, "forward", clues);
  } catch (CaseStop& stop) {
    if (stop.verdict == Verdict::GradientMismatch) stop.message += backward_diagnosis(p, got);
    throw;
  }
}

Case backward_case(int n, int m, int d_k, int d_v, bool causal, uint64_t seed) {
  const Problem p = problem(n, m, d_k, d_v, causal, seed);
  return {shape_name("backward", p), 10, [p](CaseContext& ctx) { expect_backward(ctx, p); }};
}

// ---- Stability and the causal future ------------------------------------------------------

const char* kOverflow =
    "numerical stability: the logits reach ±1e3 here. exp(1000) overflows and exp(−1000) underflows, so the "
    "softmax reads inf/inf or 0/0 (Eigen's vectorised exp() clamps its argument near ±709, so the result may "
    "even be finite and wrong). Subtract each row's own max before "
    "exp(): the softmax does not change, and a single global max leaves rows far below it at 0/0 or uniform";

// Forward and backward, full and causal, against the reference at large logits.
void expect_stable(CaseContext& ctx, Problem p) {
  for (bool causal : {false, true}) {
    p.causal = causal;
    const std::string when = causal ? " (causal)" : "";
    expect_forward(ctx, p, kStableTol, "forward" + when, kOverflow);
    auto out = ctx.call(fn::backward, {tensor(p.Q), tensor(p.K), tensor(p.V), causal, tensor(p.dOut)}, 3);
    const ref::Grads g = ctx.reference([&] { return ref::backward(p.Q, p.K, p.V, causal, p.dOut); });
    Clues clues;
    clues.nonfinite = kOverflow;
    ctx.expect_outputs({as_tensor(out[0]), as_tensor(out[1]), as_tensor(out[2])},
                       {{"dQ" + when, tensor(g.dQ), kStableTol, clues},
                        {"dK" + when, tensor(g.dK), kStableTol, clues},
                        {"dV" + when, tensor(g.dV), kStableTol, clues}},
                       {}, Verdict::GradientMismatch);
  }
}

Case stability_case() {
  // Every score of row i is offset_i ± a few units, offset_i = ±1000: K's first column is
  // constant, so Q's first column sets each row's offset. The softmax stays spread over
  // several keys (the offset cancels), so the outputs and gradients are ordinary numbers.
  const double offset = 1000.0;
  Problem p = problem(6, 6, 9, 4, false, 41);
  const double c = 10, root = std::sqrt(double(p.d_k()));
  for (Eigen::Index i = 0; i < p.Q.rows(); ++i) {
    p.K(i, 0) = c;
    p.Q(i, 0) = (i % 2 ? -offset : offset) * root / c;
  }
  return {shape_name("stability", p, false).param("|logits|", offset, "<="), 2, [p](CaseContext& ctx) {
            try {
              expect_stable(ctx, p);
            } catch (CaseStop& stop) {
              // The ordinary cases run the same code at small logits: when they pass, a mismatch
              // here is a stability problem even if the numbers came out finite.
              const bool explained = stop.message.find("→") != std::string::npos;
              const bool numbers = stop.verdict == Verdict::WrongAnswer || stop.verdict == Verdict::GradientMismatch;
              if (numbers && !explained) stop.message += std::string("\n→ ") + kOverflow;
              throw;
            }
          }};
}

Case causal_future_case() {
  // Later keys score higher (S[i, j] grows with j) and carry larger values (V[j] ≈ 10 j):
  // unmasked, every query would mostly read the last key; masked, query i reads mostly key i.
  Problem p = problem(6, 6, 4, 3, true, 42);
  for (Eigen::Index j = 0; j < p.K.rows(); ++j) {
    p.K.row(j) *= 0.1;
    p.K(j, 0) = double(j);
    p.Q(j, 0) = 2.0;
    p.V.row(j).array() += 10.0 * double(j);
  }
  return {shape_name("causal_future", p, false), 2, [p](CaseContext& ctx) { expect_forward(ctx, p, kForwardTol); }};
}

}  // namespace

std::vector<Case> attention_cases() {
  return {forward_case(6, 6, 8, 5, false, 31),    forward_case(4, 7, 8, 3, false, 32),
          forward_case(6, 6, 8, 5, true, 33),     backward_case(5, 5, 9, 4, false, 34),
          backward_case(4, 6, 9, 3, false, 35),   backward_case(5, 5, 9, 4, true, 36),
          stability_case(),                       causal_future_case()};
}

}  // namespace mldrill::cases
