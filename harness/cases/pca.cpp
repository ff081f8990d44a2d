// Grading cases of the PCA drill (../shared/docs/drills/pca.md), in grading order: fit
// (synthetic, iris, digits) → transform and inverse_transform of the reference's model →
// the candidate's own round trip → invalid k.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "data/dataset.hpp"
#include "reference/pca.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/pca.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::pca;

// A Model travels field by field: mean, components, explained_variance, its ratio.
wire::Values model_args(const ref::Model& m, const Eigen::MatrixXd& X) {
  return {tensor(m.mean), tensor(m.components), tensor(m.explained_variance), tensor(m.explained_variance_ratio),
          tensor(X)};
}

const char* const kCentre = "centre X by its column means first";
const char* const kDdof = "explained_variance is (n−1)/n too small: ddof = 1, as scikit-learn";
const char* const kKeptRatio = "divide by the total variance of all d directions";
const char* const kOrder = "components must be sorted by DECREASING variance";
const char* const kSign = "sign: the largest-|entry| of each component must be positive";
const char* const kTranspose = "expected k × d: one component per row (transpose)";

// ---- fit ----------------------------------------------------------------------------------

// Anisotropic Gaussian rows (stds 3, 2, 1.2, 0.7, 0.3) rotated by a random orthogonal matrix
// (Q of a Gaussian matrix's QR) and offset by (1, −2, 3, 0.5, 10). Draws: the rows, then Q.
Eigen::MatrixXd synthetic(int n, uint64_t seed) {
  const Eigen::RowVectorXd stds = (Eigen::RowVectorXd(5) << 3, 2, 1.2, 0.7, 0.3).finished();
  const Eigen::RowVectorXd means = (Eigen::RowVectorXd(5) << 1, -2, 3, 0.5, 10).finished();
  Draw r(seed);
  const Eigen::MatrixXd Z = r.normal(n, 5) * stds.asDiagonal();
  const Eigen::MatrixXd Q = Eigen::HouseholderQR<Eigen::MatrixXd>(r.normal(5, 5)).householderQ();
  return (Z * Q.transpose()).rowwise() + means;
}
constexpr uint64_t kSyntheticSeed = 51;

// True when every row of `got` equals the same row of `want` or its negative, within atol.
bool same_up_to_sign(const Eigen::MatrixXd& got, const Eigen::MatrixXd& want, double atol) {
  if (got.rows() != want.rows() || got.cols() != want.cols()) return false;
  for (Eigen::Index r = 0; r < got.rows(); ++r) {
    const double plus = (got.row(r) - want.row(r)).cwiseAbs().maxCoeff();
    const double minus = (got.row(r) + want.row(r)).cwiseAbs().maxCoeff();
    if (!(std::min(plus, minus) <= atol)) return false;
  }
  return true;
}

// Rows first..first+count−1 of `all` in reverse order: the eigenvectors as an ascending
// eigen solver lists them.
Eigen::MatrixXd reversed_rows(const Eigen::MatrixXd& all, Eigen::Index first, Eigen::Index count) {
  Eigen::MatrixXd out(count, all.cols());
  for (Eigen::Index i = 0; i < count; ++i) out.row(i) = all.row(first + count - 1 - i);
  return out;
}

// Why the candidate's components differ, from what they equal up to each row's sign: the
// right axes (a sign rule problem), the axes in ascending order, or those of the raw X.
std::string components_diagnosis(const Eigen::MatrixXd& got, const Eigen::MatrixXd& X, int k, double atol) {
  const ref::Model right = ref::fit(X, k);
  if (same_up_to_sign(got, right.components, atol)) return kSign;
  const Eigen::Index all = std::min(X.rows(), X.cols());
  const Eigen::MatrixXd every = ref::fit(X, int(all)).components;
  if (same_up_to_sign(got, reversed_rows(every, 0, k), atol) || same_up_to_sign(got, reversed_rows(every, all - k, k), atol))
    return kOrder;
  const Eigen::JacobiSVD<Eigen::MatrixXd> raw(X, Eigen::ComputeThinV);
  if (same_up_to_sign(got, raw.matrixV().leftCols(k).transpose(), atol)) return kCentre;
  return "";
}

// Compares fit's four outputs with the reference in the contract's order and tolerances:
// components' shape, mean, components, explained_variance, its ratio.
void expect_fit(CaseContext& ctx, const Eigen::MatrixXd& X, int k) {
  auto out = ctx.call(fn::fit, {tensor(X), int64_t(k)}, 4);
  const ref::Model m = ctx.reference([&] { return ref::fit(X, k); });
  const double n = double(X.rows());
  const Tolerance axes{1e-8, 0};
  Comparison shape = check_close("components", as_tensor(out[1]), tensor(m.components), axes);
  if (shape.problem == "shape") {
    if (shape.got_shape == std::vector<int64_t>{X.cols(), k}) shape.diagnosis = kTranspose;
    ctx.expect(shape);
  }

  Clues mean_clues;
  mean_clues.fingerprints = {{tensor(Eigen::VectorXd(Eigen::VectorXd::Zero(X.cols()))), kCentre}};
  ctx.expect_close("mean", out[0], tensor(m.mean), {1e-12 * (1 + X.cwiseAbs().maxCoeff()), 1e-9}, mean_clues);

  if (!shape.ok) {
    shape.diagnosis = components_diagnosis(matrix_of(as_tensor(out[1])), X, k, axes.atol);
    ctx.expect(shape);
  }

  Clues ev_clues;
  ev_clues.fingerprints = {{tensor(Eigen::VectorXd(m.explained_variance * (n - 1) / n)), kDdof}};
  ctx.expect_close("explained_variance", out[2], tensor(m.explained_variance),
                   {1e-12 * m.explained_variance.maxCoeff(), 1e-9}, ev_clues);

  Clues ratio_clues;
  ratio_clues.fingerprints = {
      {tensor(Eigen::VectorXd(m.explained_variance / m.explained_variance.sum())), kKeptRatio}};
  ctx.expect_close("explained_variance_ratio", out[3], tensor(m.explained_variance_ratio), {1e-12, 1e-9},
                   ratio_clues);
}

Case fit_synthetic_case() {
  const int n = 60, d = 5, k = 3;
  return {CaseName("fit").label("synthetic").param("n", n).param("d", d).param("k", k), 2,
          [=](CaseContext& ctx) { expect_fit(ctx, synthetic(n, kSyntheticSeed), k); }};
}

Case fit_dataset_case(const char* name, int k) {
  return {CaseName("fit").label(name).param("k", k), 10,
          [=](CaseContext& ctx) { expect_fit(ctx, data::dataset(name).X, k); }};
}

// ---- transform, inverse_transform of the reference's model ---------------------------------

Case transform_case() {
  const int rows = 20;
  return {CaseName("transform").label("reference model").param("rows", rows), 2, [=](CaseContext& ctx) {
            const ref::Model m = ref::fit(synthetic(60, kSyntheticSeed), 3);
            const Eigen::MatrixXd Q = synthetic(rows, 61);
            auto out = ctx.call(fn::transform, model_args(m, Q), 1);
            const Eigen::MatrixXd expected = ctx.reference([&] { return ref::transform(m, Q); });
            Clues clues;
            clues.fingerprints = {{tensor(Eigen::MatrixXd(Q * m.components.transpose())),
                                   "transform must subtract the mean first: (X − mean) componentsᵀ"}};
            ctx.expect_close("scores", out[0], tensor(expected), {1e-12 * (1 + expected.cwiseAbs().maxCoeff()), 1e-9},
                             clues);
          }};
}

Case inverse_transform_case() {
  const int rows = 15;
  return {CaseName("inverse_transform").label("reference model").param("rows", rows), 2, [=](CaseContext& ctx) {
            const ref::Model m = ref::fit(synthetic(60, kSyntheticSeed), 3);
            Draw r(71);
            const Eigen::MatrixXd Z = r.normal(rows, 3) * m.explained_variance.cwiseSqrt().asDiagonal();
            auto out = ctx.call(fn::inverse_transform,
                                {tensor(m.mean), tensor(m.components), tensor(m.explained_variance),
                                 tensor(m.explained_variance_ratio), tensor(Z)},
                                1);
            const Eigen::MatrixXd expected = ctx.reference([&] { return ref::inverse_transform(m, Z); });
            Clues clues;
            clues.fingerprints = {{tensor(Eigen::MatrixXd(Z * m.components)),
                                   "inverse_transform must add the mean back: Z components + mean"}};
            ctx.expect_close("reconstruction", out[0], tensor(expected),
                             {1e-12 * (1 + expected.cwiseAbs().maxCoeff()), 1e-9}, clues);
          }};
}

// ---- the candidate's own round trip ---------------------------------------------------------

// n × 4 rows with offsets up to 100 (a missing mean shows) and spreads 5, 2, 1, 0.5.
Case round_trip_case() {
  const int n = 30, d = 4, k = d;
  return {CaseName("round_trip").param("n", n).param("d", d).param("k", k), 2, [=](CaseContext& ctx) {
            Draw r(81);
            const Eigen::RowVectorXd offsets = (Eigen::RowVectorXd(d) << 100, -50, 20, 75).finished();
            const Eigen::RowVectorXd spreads = (Eigen::RowVectorXd(d) << 5, 2, 1, 0.5).finished();
            const Eigen::MatrixXd X = (r.normal(n, d) * spreads.asDiagonal()).rowwise() + offsets;
            auto model = ctx.call(fn::fit, {tensor(X), int64_t(k)}, 4);
            auto scores = ctx.call(fn::transform, {model[0], model[1], model[2], model[3], tensor(X)}, 1);
            auto back = ctx.call(fn::inverse_transform, {model[0], model[1], model[2], model[3], scores[0]}, 1);
            ctx.expect_close("inverse_transform(transform(X))", back[0], tensor(X),
                             {1e-9 * (1 + X.cwiseAbs().maxCoeff()), 0});
          }};
}

// ---- invalid k ----------------------------------------------------------------------------

Case invalid_case() {
  const int n = 6, d = 4;
  const std::vector<int> ks = {0, -1, std::min(n, d) + 1};
  return {CaseName("fit").label("invalid k").param("n", n).param("d", d).param("k", ks), 2, [=](CaseContext& ctx) {
            const Eigen::MatrixXd X = Draw(91).normal(n, d);
            for (int k : ks)
              ctx.expect_throws(fn::fit, {tensor(X), int64_t(k)}, "std::invalid_argument", fmt::format("fit(k = {})", k),
                                "it must throw std::invalid_argument unless 1 ≤ k ≤ min(n, d)");
          }};
}

}  // namespace

std::vector<Case> pca_cases() {
  return {fit_synthetic_case(),   fit_dataset_case("iris", 2), fit_dataset_case("digits", 10), transform_case(),
          inverse_transform_case(), round_trip_case(),         invalid_case()};
}

}  // namespace mldrill::cases
