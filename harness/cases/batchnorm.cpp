// Grading cases of the batch-normalization drill (../shared/docs/drills/batchnorm.md), in
// grading order: training forward (a feature with variance ≈ 10·eps) → running statistics over
// three calls on one state → eval forward → backward twice → stability at |mean| ~ 1e6 · std →
// n = 1 in training mode.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "reference/batchnorm.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/batchnorm.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::batchnorm;

const Tolerance kClose{1e-12, 1e-9};
const std::vector<double> kOffsets = {-3, 0.5, 2, 5, -1, 0.2};
const std::vector<double> kScales = {1, 0.01, 3, 0.5, 10, 2};  // feature 1: variance 1e-4 = 10 · eps

struct Problem {
  Eigen::MatrixXd X;         // n × d, column j = offset_j + scale_j · N(0, 1)
  Eigen::RowVectorXd gamma;  // 1 × d, U(0.5, 1.5), the middle feature's sign flipped
  Eigen::RowVectorXd beta;   // 1 × d, U(−1, 1)
  ref::State state;          // running_mean ~ U(−m, m), running_var ~ U(lo, hi): not 0/1, so a reset shows
  Eigen::MatrixXd dOut;      // n × d, N(0, 1)
};

struct StateRange {
  double mean = 1, var_lo = 0.5, var_hi = 2;
};

// Draws X (n × d standard normals, row by row, then scaled and shifted per column), gamma,
// beta, running_mean, running_var, then dOut.
Problem problem(int n, const std::vector<double>& offsets, const std::vector<double>& scales, uint64_t seed,
                StateRange sr = {}) {
  Draw r(seed);
  const int d = int(offsets.size());
  Problem p;
  p.X = r.normal(n, d);
  for (int j = 0; j < d; ++j) p.X.col(j) = (offsets[size_t(j)] + scales[size_t(j)] * p.X.col(j).array()).matrix();
  p.gamma = r.uniform_row(d, 0.5, 1.5);
  p.gamma[d / 2] = -p.gamma[d / 2];
  p.beta = r.uniform_row(d, -1, 1);
  p.state.running_mean = r.uniform_row(d, -sr.mean, sr.mean);
  p.state.running_var = r.uniform_row(d, sr.var_lo, sr.var_hi);
  p.dOut = r.normal(n, d);
  return p;
}

wire::Values train_args(const Eigen::MatrixXd& X, const Problem& p, const ref::State& s, double momentum, double eps) {
  return {tensor(X), tensor(p.gamma), tensor(p.beta), tensor(s.running_mean), tensor(s.running_var), momentum, eps};
}

// The column statistics, with the classic slips switchable, to recognise them.
struct ForwardSlip {
  bool rows = false;         // each row normalised over its features (LayerNorm's axis)
  bool unbiased = false;     // variance divided by n − 1
  bool eps_outside = false;  // (x − mu) / (sqrt(var) + eps)
};
Eigen::MatrixXd column_normalised(const Eigen::MatrixXd& X, double eps, ForwardSlip s) {
  const Eigen::MatrixXd c = X.rowwise() - X.colwise().mean();
  const double n = double(X.rows());
  const Eigen::RowVectorXd var = (c.array().square().colwise().sum() / (s.unbiased ? n - 1 : n)).matrix();
  const Eigen::RowVectorXd denom = s.eps_outside ? Eigen::RowVectorXd(var.array().sqrt() + eps)
                                                 : Eigen::RowVectorXd((var.array() + eps).sqrt());
  return (c.array().rowwise() / denom.array()).matrix();
}
Eigen::MatrixXd affine(const Eigen::MatrixXd& xhat, const Problem& p) {
  return ((xhat.array().rowwise() * p.gamma.array()).rowwise() + p.beta.array()).matrix();
}
Eigen::MatrixXd slipped_forward(const Problem& p, double eps, ForwardSlip s) {
  return affine(s.rows ? Eigen::MatrixXd(column_normalised(p.X.transpose(), eps, {}).transpose())
                       : column_normalised(p.X, eps, s),
                p);
}

const char* kColumns = "normalise each feature (column) over the batch (rows), not each row over its features "
                       "(that is LayerNorm): mean and variance along axis 0";
const char* kBiased = "PyTorch normalises with the biased variance (divide by n); n − 1 only feeds running_var";
const char* kEpsInside = "eps goes inside: sqrt(var + eps), not sqrt(var) + eps";

Case forward_train_case() {
  const int n = 16, d = int(kOffsets.size());
  const double momentum = 0.1, eps = 1e-5;
  return {CaseName("forward_train").param("n", n).param("d", d), 2, [=](CaseContext& ctx) {
            const Problem p = problem(n, kOffsets, kScales, 61);
            auto out = ctx.call(fn::forward_train, train_args(p.X, p, p.state, momentum, eps), 3);
            const Eigen::MatrixXd expected = ctx.reference([&] {
              ref::State s = p.state;
              return ref::forward_train(p.X, p.gamma, p.beta, s, momentum, eps);
            });
            Clues clues;
            clues.fingerprints = {{tensor(slipped_forward(p, eps, {true})), kColumns},
                                  {tensor(slipped_forward(p, eps, {false, true})), kBiased},
                                  {tensor(slipped_forward(p, eps, {false, false, true})), kEpsInside}};
            clues.nonfinite = "NaN or inf: divide by sqrt(var + eps) ≥ sqrt(eps) > 0, var the biased batch variance";
            ctx.expect_close("out", out[0], tensor(expected), kClose, clues);
          }};
}

// The running statistics one training call leaves, from `before`, with the slips switchable.
struct StateSlip {
  bool biased = false;  // running_var fed the biased variance
  bool keras = false;   // momentum weighs the OLD value (Keras/TensorFlow)
  bool reset = false;   // the state restarted at 0 / 1 before the update
};
ref::State updated(const ref::State& before, const Eigen::MatrixXd& X, double momentum, StateSlip s) {
  const double n = double(X.rows());
  const Eigen::RowVectorXd mu = X.colwise().mean();
  const Eigen::RowVectorXd var = (X.rowwise() - mu).array().square().colwise().mean().matrix();
  const Eigen::RowVectorXd fed = s.biased ? var : Eigen::RowVectorXd(var * (n / (n - 1)));
  ref::State old = before;
  if (s.reset) {
    old.running_mean.setZero();
    old.running_var.setOnes();
  }
  const double keep = s.keras ? momentum : 1 - momentum, take = 1 - keep;
  return {keep * old.running_mean + take * mu, keep * old.running_var + take * fed};
}

const std::string kInPlace = "update the running stats in place: `state` is an out-parameter, and the grader reads "
                             "running_mean and running_var back from it after the call";

std::vector<Slip> state_slips(const ref::State& before, const Eigen::MatrixXd& X, double momentum) {
  auto slip = [](const std::string& why, const ref::State& s) {
    return Slip{why, {tensor(s.running_mean), tensor(s.running_var)}};
  };
  std::vector<Slip> slips = {
      slip("running_var uses the unbiased variance, var · n/(n − 1) (Bessel's correction), while the "
           "normalisation uses the biased one",
           updated(before, X, momentum, {true})),
      slip("PyTorch's momentum is the weight of the new batch statistic: running = (1 − momentum) · running + "
           "momentum · batch (Keras/TensorFlow's momentum is the opposite)",
           updated(before, X, momentum, {false, true})),
      slip(kInPlace + " (they came back unchanged)", before),
      slip(kInPlace + ", from the values it holds: they were reset to 0 and 1 first", updated(before, X, momentum,
                                                                                              {false, false, true})),
  };
  if (momentum != 0.1)
    slips.push_back(slip("momentum is an argument: this call has momentum = " + name_value(momentum) +
                             ", and your update used 0.1",
                         updated(before, X, 0.1, {})));
  return slips;
}

// Three training calls on one state: the candidate's state after each call is what the next
// call gets, and is compared with the reference's update of that same state.
Case running_stats_case() {
  const std::vector<int> ns = {16, 16, 10};
  const std::vector<double> momenta = {0.1, 0.3, 0.3};
  const int d = int(kOffsets.size());
  const double eps = 1e-5;
  return {CaseName("running_stats").param("n", ns).param("d", d).param("momentum", momenta), 2,
          [=](CaseContext& ctx) {
            ref::State state = problem(2, kOffsets, kScales, 62).state;
            for (size_t k = 0; k < ns.size(); ++k) {
              const Problem p = problem(ns[k], kOffsets, kScales, 63 + k);
              auto out = ctx.call(fn::forward_train, train_args(p.X, p, state, momenta[k], eps), 3);
              const ref::State want = ctx.reference([&] {
                ref::State s = state;
                ref::forward_train(p.X, p.gamma, p.beta, s, momenta[k], eps);
                return s;
              });
              const std::string after = fmt::format(" after call {} (n={}, momentum={})", k + 1, ns[k], name_value(momenta[k]));
              const std::vector<wire::Tensor> got = {ctx.expect_shape("running_mean" + after, out[1], {d}),
                                                     ctx.expect_shape("running_var" + after, out[2], {d})};
              ctx.expect_outputs(got,
                                 {{"running_mean" + after, tensor(want.running_mean), kClose},
                                  {"running_var" + after, tensor(want.running_var), kClose}},
                                 state_slips(state, p.X, momenta[k]));
              state = {vector_of(got[0]).transpose(), vector_of(got[1]).transpose()};
            }
          }};
}

// Eval mode on running statistics far from the batch's own, then on a single row.
Case forward_eval_case() {
  const std::vector<int> ns = {9, 1};
  const int d = int(kOffsets.size());
  const double eps = 1e-3;
  return {CaseName("forward_eval").param("n", ns).param("d", d), 2, [=](CaseContext& ctx) {
            for (size_t k = 0; k < ns.size(); ++k) {
              const Problem p = problem(ns[k], kOffsets, kScales, 66 + k, {4, 0.2, 5});
              const ref::State& s = p.state;
              auto out = ctx.call(fn::forward_eval,
                                  {tensor(p.X), tensor(p.gamma), tensor(p.beta), tensor(s.running_mean),
                                   tensor(s.running_var), eps},
                                  1);
              const Eigen::MatrixXd expected =
                  ctx.reference([&] { return ref::forward_eval(p.X, p.gamma, p.beta, s, eps); });
              const Eigen::MatrixXd centred = p.X.rowwise() - s.running_mean;
              const Eigen::MatrixXd by_var =
                  (centred.array().rowwise() / (s.running_var.array() + eps)).matrix();
              Clues clues;
              clues.fingerprints = {
                  {tensor(slipped_forward(p, eps, {})),
                   "eval normalises with running_mean/running_var, not the batch's own statistics"},
                  {tensor(affine(by_var, p)),
                   "divide by sqrt(running_var + eps): running_var is a variance, not a standard deviation"}};
              clues.nonfinite = "NaN or inf: eval mode divides by sqrt(running_var + eps) and never by the batch's "
                                "own variance (a single row has variance 0)";
              ctx.expect_close(fmt::format("out (n={})", ns[k]), out[0], tensor(expected), kClose, clues);
            }
          }};
}

// dX with the classic slips switchable: dX = istd/n · (n·dxhat − Σdxhat − xhat·Σ(dxhat∘xhat)).
struct BackwardSlip {
  bool no_mean = false;  // the − Σ dxhat term (through the batch mean) dropped
  bool no_var = false;   // the − xhat·Σ(dxhat∘xhat) term (through the batch variance) dropped
};
Eigen::MatrixXd slipped_dX(const Problem& p, double eps, BackwardSlip s) {
  const Eigen::ArrayXXd c = (p.X.rowwise() - p.X.colwise().mean()).array();
  const Eigen::RowVectorXd istd = (c.square().colwise().mean() + eps).rsqrt().matrix();
  const Eigen::ArrayXXd xhat = c.rowwise() * istd.array();
  const Eigen::ArrayXXd dxhat = p.dOut.array().rowwise() * p.gamma.array();
  const double n = double(p.X.rows());
  Eigen::ArrayXXd inner = n * dxhat;
  if (!s.no_mean) inner.rowwise() -= dxhat.colwise().sum();
  if (!s.no_var) inner -= xhat.rowwise() * (dxhat * xhat).colwise().sum();
  return (inner.rowwise() * (istd.array() / n)).matrix();
}

Case backward_case(int n, int d, double eps, uint64_t seed) {
  const double momentum = 0.1;
  return {CaseName("backward").param("n", n).param("d", d).param("eps", eps), 5, [=](CaseContext& ctx) {
            std::vector<double> offsets, scales;
            Draw shape(seed);
            for (int j = 0; j < d; ++j) {
              offsets.push_back(shape.uniform(-2, 2));
              scales.push_back(shape.uniform(0.5, 2));
            }
            const Problem p = problem(n, offsets, scales, seed + 1);
            auto out = ctx.call(fn::backward, {tensor(p.dOut), tensor(p.X), tensor(p.gamma), eps}, 3);
            const ref::Grads g = ctx.reference([&] { return ref::backward(p.dOut, p.X, p.gamma, eps); });
            const std::vector<Param> at = {{"dX", tensor(p.X)}, {"dgamma", tensor(p.gamma)}, {"dbeta", tensor(p.beta)}};
            // sum(forward_train(X, gamma, beta, …) ∘ dOut) with the candidate's own forward_train,
            // each call on a throwaway copy of the state (the candidate's updates come back and are dropped).
            auto candidate_loss = [&](const std::vector<Param>& ps) {
              auto v = ctx.call(fn::forward_train,
                                {ps[0].value, ps[1].value, ps[2].value, tensor(p.state.running_mean),
                                 tensor(p.state.running_var), momentum, eps},
                                3);
              return matrix_of(ctx.expect_shape("out", v[0], {n, d})).cwiseProduct(p.dOut).sum();
            };
            const std::string summed = fmt::format(
                "n times too small: sum over the rows (n = {}), not their mean: dgamma = Σᵢ dOut ∘ x̂, dbeta = Σᵢ dOut",
                n);
            const std::string formula = "dX = (n·dxhat − Σdxhat − xhat·Σ(dxhat∘xhat)) / (n·sqrt(var + eps)) with "
                                        "dxhat = dOut ∘ gamma";
            Clues clues;
            clues.factors = {{double(n), fmt::format("it is n times too large (n = {})", n), summed}};
            clues.fingerprints = {
                {tensor(slipped_dX(p, eps, {true, true})),
                 "dX misses the terms through the batch mean and variance (they depend on X too): " + formula},
                {tensor(slipped_dX(p, eps, {true})), "dX misses the gradient through the batch mean (− Σ dxhat): " + formula},
                {tensor(slipped_dX(p, eps, {false, true})),
                 "dX misses the gradient through the batch variance (− xhat·Σ(dxhat∘xhat)): " + formula},
                {tensor(Eigen::RowVectorXd((p.dOut.array() * p.X.array()).colwise().sum().matrix())),
                 "dgamma = Σᵢ dOut ∘ x̂, the NORMALISED input, not the raw X"},
                {tensor(Eigen::RowVectorXd(g.dgamma / n)), summed},
                {tensor(Eigen::RowVectorXd(g.dbeta / n)), summed},
            };
            ctx.check_gradients(at, {as_tensor(out[0]), as_tensor(out[1]), as_tensor(out[2])},
                                {tensor(g.dX), tensor(g.dgamma), tensor(g.dbeta)}, candidate_loss, "forward_train", clues);
          }};
}

// |mean| ~ 1e6 · std: E[x²] − E[x]² cancels catastrophically; two-pass or Welford is right to ~1e-9.
Case stability_case() {
  const int n = 16;
  const double momentum = 0.1, eps = 1e-5;
  const std::vector<double> offsets = {1e6, -3e6, 2e6, 5e5};
  const int d = int(offsets.size());
  return {CaseName("stability")
              .label("forward_train")
              .param("n", n)
              .param("d", d)
              .param("|mean|", std::string("1e6·std"), "~"),
          2, [=](CaseContext& ctx) {
            const Problem p = problem(n, offsets, {1, 2, 0.5, 1}, 69);
            const Tolerance loose{1e-6, 1e-6};
            auto out = ctx.call(fn::forward_train, train_args(p.X, p, p.state, momentum, eps), 3);
            ref::State want = p.state;
            const Eigen::MatrixXd expected =
                ctx.reference([&] { return ref::forward_train(p.X, p.gamma, p.beta, want, momentum, eps); });
            Clues quiet;
            quiet.nonfinite = "";  // said below only when the shifted columns show it is the large mean
            const std::vector<wire::Tensor> got = {as_tensor(out[0]), as_tensor(out[1]), as_tensor(out[2])};
            Comparison c = ctx.compare_outputs(got, {{"out", tensor(expected), loose, quiet},
                                                     {"running_mean", tensor(want.running_mean), kClose},
                                                     {"running_var", tensor(want.running_var), loose, quiet}});
            if (!c.ok && c.what != "running_mean" && (c.problem == "values" || c.problem == "nonfinite")) {
              // The same columns moved to mean ≈ 0 (X − offset is exact here) give the same out and
              // running_var: if the candidate gets those right, only the large mean is to blame.
              Eigen::MatrixXd shifted = p.X;
              for (int j = 0; j < d; ++j) shifted.col(j).array() -= offsets[size_t(j)];
              auto near_zero = ctx.call(fn::forward_train, train_args(shifted, p, p.state, momentum, eps), 3);
              if (check_close("out", as_tensor(near_zero[0]), tensor(expected), loose).ok &&
                  check_close("running_var", as_tensor(near_zero[2]), tensor(want.running_var), loose).ok)
                c.diagnosis = "your forward_train is right on the same columns shifted to mean ≈ 0: catastrophic "
                              "cancellation when |mean| ≫ std (E[x²] − E[x]² loses every digit): subtract the mean "
                              "first (two-pass) or use Welford";
            }
            ctx.expect(c);
          }};
}

Case invalid_case() {
  return {CaseName("invalid").label("forward_train").param("n", 1), 2, [=](CaseContext& ctx) {
            const Problem p = problem(1, kOffsets, kScales, 70);
            ctx.expect_throws(fn::forward_train, train_args(p.X, p, p.state, 0.1, 1e-5), "std::invalid_argument",
                              "forward_train(n = 1)",
                              "training mode needs more than one row: throw std::invalid_argument when n < 2 "
                              "(PyTorch: \"Expected more than 1 value per channel when training\"), before touching "
                              "the state; var · n/(n − 1) would divide by zero");
          }};
}

}  // namespace

std::vector<Case> batchnorm_cases() {
  return {forward_train_case(), running_stats_case(),          forward_eval_case(), backward_case(12, 5, 1e-5, 71),
          backward_case(5, 7, 1e-3, 73), stability_case(), invalid_case()};
}

}  // namespace mldrill::cases
