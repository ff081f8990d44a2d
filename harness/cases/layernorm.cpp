// Grading cases of the layer-normalization drill (../shared/docs/drills/layernorm.md), in
// grading order: forward (n ≠ d, a row with variance ≈ eps) → forward on constant rows (d = 1)
// → backward twice (eps 1e-5 and 1e-3) → forward stability at |mean| ~ 1e6 · std.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "reference/layernorm.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/layernorm.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::layernorm;

const Tolerance kClose{1e-12, 1e-9};

struct Problem {
  Eigen::MatrixXd X;          // n × d, row i = offset_i + scale_i · N(0, 1)
  Eigen::RowVectorXd gamma;   // 1 × d, U(0.5, 1.5), the middle feature's sign flipped
  Eigen::RowVectorXd beta;    // 1 × d, U(−1, 1)
  Eigen::MatrixXd dOut;       // n × d, N(0, 1)
};

// Draws X row by row, then gamma, then beta, then dOut.
Problem problem(const std::vector<double>& offsets, const std::vector<double>& scales, int d, uint64_t seed) {
  Draw r(seed);
  const int n = int(offsets.size());
  Problem p;
  p.X.resize(n, d);
  for (int i = 0; i < n; ++i) p.X.row(i) = (offsets[size_t(i)] + scales[size_t(i)] * r.normal(1, d).array()).matrix();
  p.gamma = r.uniform_row(d, 0.5, 1.5);
  p.gamma[d / 2] = -p.gamma[d / 2];
  p.beta = r.uniform_row(d, -1, 1);
  p.dOut = r.normal(n, d);
  return p;
}

// The forward pass with the classic slips switchable, to recognise them.
struct ForwardSlip {
  bool columns = false;      // each column normalised over the batch (BatchNorm's axis)
  bool unbiased = false;     // variance divided by d − 1
  bool eps_outside = false;  // (x − mu) / (sqrt(var) + eps)
};
Eigen::MatrixXd row_normalised(const Eigen::MatrixXd& X, double eps, ForwardSlip s) {
  const Eigen::MatrixXd c = X.colwise() - X.rowwise().mean();
  const double d = double(X.cols());
  const Eigen::ArrayXd var = c.array().square().rowwise().sum() / (s.unbiased ? d - 1 : d);
  const Eigen::ArrayXd denom = s.eps_outside ? Eigen::ArrayXd(var.sqrt() + eps) : Eigen::ArrayXd((var + eps).sqrt());
  return (c.array().colwise() / denom).matrix();
}
Eigen::MatrixXd slipped_forward(const Problem& p, double eps, ForwardSlip s) {
  const Eigen::MatrixXd xhat = s.columns ? Eigen::MatrixXd(row_normalised(p.X.transpose(), eps, {}).transpose())
                                         : row_normalised(p.X, eps, s);
  return ((xhat.array().rowwise() * p.gamma.array()).rowwise() + p.beta.array()).matrix();
}

// dX with the classic slips switchable: dX = istd/d · (d·dxhat − Σdxhat − xhat·Σ(dxhat∘xhat)).
struct BackwardSlip {
  bool no_mean = false;   // the − Σ dxhat term (through the row mean) dropped
  bool no_var = false;    // the − xhat·Σ(dxhat∘xhat) term (through the row variance) dropped
  bool no_gamma = false;  // dxhat = dOut
};
Eigen::MatrixXd slipped_dX(const Problem& p, double eps, BackwardSlip s) {
  const Eigen::ArrayXXd c = (p.X.colwise() - p.X.rowwise().mean()).array();
  const Eigen::ArrayXd istd = (c.square().rowwise().mean() + eps).rsqrt();
  const Eigen::ArrayXXd xhat = c.colwise() * istd;
  const Eigen::ArrayXXd dxhat =
      s.no_gamma ? Eigen::ArrayXXd(p.dOut.array()) : Eigen::ArrayXXd(p.dOut.array().rowwise() * p.gamma.array());
  const double d = double(p.X.cols());
  Eigen::ArrayXXd inner = d * dxhat;
  if (!s.no_mean) inner.colwise() -= dxhat.rowwise().sum();
  if (!s.no_var) inner -= xhat.colwise() * (dxhat * xhat).rowwise().sum();
  return (inner.colwise() * (istd / d)).matrix();
}

wire::Values forward_args(const Eigen::MatrixXd& X, const Problem& p, double eps) {
  return {tensor(X), tensor(p.gamma), tensor(p.beta), eps};
}

const char* kRows = "LayerNorm normalises each row (sample) over its d features, not each column over the batch "
                    "(that is BatchNorm's axis): mean and variance along axis 1";
const char* kBiased = "torch.nn.LayerNorm uses the biased variance (divide by d), not the unbiased one (d − 1)";
const char* kEpsInside = "eps goes inside: sqrt(var + eps), not sqrt(var) + eps";

Clues forward_clues(const Problem& p, double eps) {
  Clues clues;
  clues.fingerprints = {{tensor(slipped_forward(p, eps, {true})), kRows},
                        {tensor(slipped_forward(p, eps, {false, true})), kBiased},
                        {tensor(slipped_forward(p, eps, {false, false, true})), kEpsInside}};
  clues.nonfinite = "NaN or inf: a row with variance 0 must give beta: divide by sqrt(var + eps) ≥ sqrt(eps) > 0, "
                    "with the biased variance (divide by d, never d − 1 = 0 at d = 1)";
  return clues;
}

Case forward_case() {
  const int n = 6, d = 10;
  const double eps = 1e-5;
  return {CaseName("forward").param("n", n).param("d", d), 2, [=](CaseContext& ctx) {
            // Row 1 has variance ≈ 1e-5 = eps: where eps sits changes it by tens of percent.
            const Problem p = problem({-3, 0.5, 2, 5, -1, 0.2}, {1, 0.003, 3, 0.5, 10, 2}, d, 51);
            auto out = ctx.call(fn::forward, forward_args(p.X, p, eps), 1);
            const Eigen::MatrixXd expected = ctx.reference([&] { return ref::forward(p.X, p.gamma, p.beta, eps); });
            ctx.expect_close("out", out[0], tensor(expected), kClose, forward_clues(p, eps));
          }};
}

// Every row its own mean (d = 1), then a 3 × 5 input whose row 1 is constant: out = beta there.
Case degenerate_case() {
  const double eps = 1e-5;
  return {CaseName("forward").label("degenerate").param("d", 1).label("constant row"), 2, [=](CaseContext& ctx) {
            const Problem one = problem({-2, 0, 3, 7.5}, {1, 1, 1, 1}, 1, 52);
            auto out = ctx.call(fn::forward, forward_args(one.X, one, eps), 1);
            const Eigen::MatrixXd expected = ctx.reference([&] { return ref::forward(one.X, one.gamma, one.beta, eps); });
            ctx.expect_close("out (n=4, d=1)", out[0], tensor(expected), kClose, forward_clues(one, eps));
            Problem flat = problem({1, 0.3, -2}, {1, 1, 1}, 5, 53);
            flat.X.row(1).setConstant(0.3);
            auto out2 = ctx.call(fn::forward, forward_args(flat.X, flat, eps), 1);
            const Eigen::MatrixXd expected2 =
                ctx.reference([&] { return ref::forward(flat.X, flat.gamma, flat.beta, eps); });
            ctx.expect_close("out (3×5, row 1 constant)", out2[0], tensor(expected2), kClose, forward_clues(flat, eps));
          }};
}

Case backward_case(int n, int d, double eps, uint64_t seed) {
  return {CaseName("backward").param("n", n).param("d", d).param("eps", eps), 5, [=](CaseContext& ctx) {
            std::vector<double> offsets, scales;
            Draw shape(seed);
            for (int i = 0; i < n; ++i) {
              offsets.push_back(shape.uniform(-2, 2));
              scales.push_back(shape.uniform(0.5, 2));
            }
            const Problem p = problem(offsets, scales, d, seed + 1);
            auto out = ctx.call(fn::backward, {tensor(p.dOut), tensor(p.X), tensor(p.gamma), eps}, 3);
            const ref::Grads g = ctx.reference([&] { return ref::backward(p.dOut, p.X, p.gamma, eps); });
            const std::vector<Param> at = {{"dX", tensor(p.X)}, {"dgamma", tensor(p.gamma)}, {"dbeta", tensor(p.beta)}};
            // sum(forward(X, gamma, beta) ∘ dOut), with the candidate's own forward.
            auto candidate_loss = [&](const std::vector<Param>& ps) {
              auto v = ctx.call(fn::forward, {ps[0].value, ps[1].value, ps[2].value, eps}, 1);
              return matrix_of(ctx.expect_shape("out", v[0], {n, d})).cwiseProduct(p.dOut).sum();
            };
            const std::string summed = fmt::format(
                "n times too small: sum over the rows (n = {}), not their mean: dgamma = Σᵢ dOut ∘ x̂, dbeta = Σᵢ dOut",
                n);
            Clues clues;
            clues.factors = {{double(n), fmt::format("it is n times too large (n = {})", n), summed}};
            clues.fingerprints = {
                {tensor(slipped_dX(p, eps, {true})), "dX misses the gradient through the row mean (− Σ dxhat): "
                                                     "dX = istd/d · (d·dxhat − Σ dxhat − xhat·Σ(dxhat∘xhat))"},
                {tensor(slipped_dX(p, eps, {false, true})),
                 "dX misses the gradient through the row variance (− xhat·Σ(dxhat∘xhat)): "
                 "dX = istd/d · (d·dxhat − Σ dxhat − xhat·Σ(dxhat∘xhat))"},
                {tensor(slipped_dX(p, eps, {false, false, true})),
                 "gamma is missing from dX: dxhat = dOut ∘ gamma, then dX from dxhat"},
                {tensor(Eigen::RowVectorXd(g.dgamma / n)), summed},
                {tensor(Eigen::RowVectorXd(g.dbeta / n)), summed},
            };
            ctx.check_gradients(at, {as_tensor(out[0]), as_tensor(out[1]), as_tensor(out[2])},
                                {tensor(g.dX), tensor(g.dgamma), tensor(g.dbeta)}, candidate_loss, "forward", clues);
          }};
}

// |mean| ~ 1e6 · std: E[x²] − E[x]² cancels catastrophically; two-pass or Welford is right to ~1e-9.
Case stability_case() {
  const int n = 4, d = 12;
  const double eps = 1e-5;
  const std::vector<double> offsets = {1e6, -3e6, 2e6, 5e5};
  return {CaseName("stability").label("forward").param("n", n).param("d", d).param("|mean|", std::string("1e6·std"), "~"),
          2, [=](CaseContext& ctx) {
            const Problem p = problem(offsets, {1, 2, 0.5, 1}, d, 55);
            const Tolerance tol{1e-6, 1e-6};
            auto out = ctx.call(fn::forward, forward_args(p.X, p, eps), 1);
            const Eigen::MatrixXd expected = ctx.reference([&] { return ref::forward(p.X, p.gamma, p.beta, eps); });
            Clues clues;
            clues.nonfinite = "";  // said below only when the shifted rows show it is the large mean
            Comparison c = check_close("out", as_tensor(out[0]), tensor(expected), tol, clues);
            if (!c.ok && (c.problem == "values" || c.problem == "nonfinite")) {
              // The same rows moved to mean ≈ 0 (X − offset is exact here) normalise to the same
              // values: if the candidate gets those right, only the large mean is to blame.
              Eigen::MatrixXd shifted = p.X;
              for (int i = 0; i < n; ++i) shifted.row(i).array() -= offsets[size_t(i)];
              auto near_zero = ctx.call(fn::forward, forward_args(shifted, p, eps), 1);
              if (check_close("out", as_tensor(near_zero[0]), tensor(expected), tol).ok)
                c.diagnosis = "your forward is right on the same rows shifted to mean ≈ 0: catastrophic cancellation "
                              "when |mean| ≫ std (E[x²] − E[x]² loses every digit): subtract the mean first "
                              "(two-pass) or use Welford";
            }
            ctx.expect(c);
          }};
}

}  // namespace

std::vector<Case> layernorm_cases() {
  return {forward_case(), degenerate_case(), backward_case(5, 8, 1e-5, 56), backward_case(3, 16, 1e-3, 58),
          stability_case()};
}

}  // namespace mldrill::cases
