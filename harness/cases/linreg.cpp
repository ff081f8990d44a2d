// Grading cases of the linear-regression drill (../shared/docs/drills/linreg.md), in grading
// order: predict → loss → gradient → fit → ridge (OLS, then lambda = 3) → diabetes → invalid lambda.
// No randomness in the drill, so every case compares against the reference or a bound.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "data/dataset.hpp"
#include "reference/linreg.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/linreg.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::linreg;

struct Problem {
  Eigen::MatrixXd X;  // n × d
  Eigen::VectorXd y;  // n
  Eigen::VectorXd w;  // d
  double b;
};

// Seeded normal X, w ~ N(0, 1/d), b ~ U(−0.5, 0.5), and targets y ~ N(0, 2²) drawn
// independently of X: the point is far from the optimum (large gradients).
Problem problem(int n, int d, uint64_t seed) {
  Draw r(seed);
  Problem p{r.normal(n, d), Eigen::VectorXd(), r.normal_vector(d, 1.0 / std::sqrt(double(d))), r.uniform(-0.5, 0.5)};
  p.y = r.normal_vector(n, 2.0);
  return p;
}

// y = X w* + 0.7 + noise: a problem gradient descent makes progress on. The feature columns
// have different scales (1, 0.5, 0.2, 1.5, …), so the Hessian's smallest eigenvalue is small and
// after a few hundred steps gradient descent is still moving: one step more or less shows.
Problem learnable(int n, int d, uint64_t seed) {
  Draw r(seed);
  Problem p{r.normal(n, d), Eigen::VectorXd(n), r.normal_vector(d), 0.7};
  const double scales[] = {1.0, 0.5, 0.2, 1.5};
  for (int j = 0; j < d; ++j) p.X.col(j) *= scales[j % 4];
  for (int i = 0; i < n; ++i) p.y[i] = p.X.row(i).dot(p.w) + p.b + 0.3 * r.normal();
  return p;
}

// Features with non-zero means (offsets 2, −3, 5, 1, 4), so centring matters for ridge.
Problem offset_features(uint64_t seed) {
  Draw r(seed);
  const int n = 50, d = 5;
  const double offsets[d] = {2, -3, 5, 1, 4};
  Problem p{r.normal(n, d), Eigen::VectorXd(n), r.normal_vector(d), 1.5};
  for (int j = 0; j < d; ++j) p.X.col(j).array() += offsets[j];
  for (int i = 0; i < n; ++i) p.y[i] = p.X.row(i).dot(p.w) + p.b + 0.5 * r.normal();
  return p;
}

Factor samples(int n) {
  return {double(n), fmt::format("it is n times too large (n = {}): did you forget to average over the n samples?", n),
          fmt::format("it is n times too small (n = {}): did you divide by n twice?", n)};
}

// The textbook 1/(2n) convention halves the loss; a gradient without the 2 of d(r²)/dr halves dw.
const Factor kHalfLoss{2.0, "it is 2 times too large: the mean of squares, not twice it",
                       "it is 2 times too small: this MSE has no 1/2 (nn.MSELoss, scikit-learn's mean_squared_error): "
                       "(1/n) Σ (ŷ − y)²"};
const Factor kHalfGradient{2.0, "factor 2 vs the numerical gradient of your own loss: an extra factor 2",
                           "factor 0.5 vs the numerical gradient of your own loss: d(r²)/dr = 2r, and this MSE has "
                           "no 1/2 to cancel the 2 — dw = (2/n) Xᵀ r, db = (2/n) Σ r"};
const Factor kSign{-1.0, "factor −1: sign — the residual is r = X w + b − y (prediction minus target), not y − ŷ",
                   "factor −1: sign — the residual is r = X w + b − y (prediction minus target), not y − ŷ"};

Case predict_case() {
  return {"predict(n=40,d=6)", 2, [](CaseContext& ctx) {
            const Problem p = problem(40, 6, 21);
            auto out = ctx.call(fn::predict, {tensor(p.X), tensor(p.w), p.b}, 1);
            auto expected = ctx.reference([&] { return ref::predict(p.X, p.w, p.b); });
            Clues clues;
            clues.fingerprints = {
                {tensor(ref::predict(p.X, p.w, 0.0)), "the bias is missing: ŷ = X w + b"},
                {tensor(ref::predict(p.X, p.w, -p.b)), "the bias is subtracted: ŷ = X w + b"},
            };
            ctx.expect_close("y_hat", out[0], tensor(expected), {1e-12, 1e-9}, clues);
          }};
}

Case loss_case() {
  return {"loss(n=40,d=6)", 2, [](CaseContext& ctx) {
            const Problem p = problem(40, 6, 22);
            auto out = ctx.call(fn::loss, {tensor(p.X), tensor(p.y), tensor(p.w), p.b}, 1);
            const double expected = ctx.reference([&] { return ref::loss(p.X, p.y, p.w, p.b); });
            const Eigen::VectorXd r = ref::predict(p.X, p.w, p.b) - p.y;
            Clues clues;
            clues.factors = {samples(40), kHalfLoss};
            clues.fingerprints = {
                {scalar(r.norm()), "this is ‖r‖, the root of the SUM of squares: the MSE is (1/n) Σ rᵢ², no root"},
                {scalar(std::sqrt(expected)), "this is the root mean squared error: the MSE has no square root"},
                {scalar(r.array().abs().mean()), "this is the mean ABSOLUTE error: square the residuals"},
            };
            ctx.expect_close("loss", out[0], scalar(expected), {1e-12, 1e-9}, clues);
          }};
}

Case gradient_case() {
  return {"gradient(n=40,d=6)", 5, [](CaseContext& ctx) {
            const Problem p = problem(40, 6, 23);
            auto out = ctx.call(fn::gradient, {tensor(p.X), tensor(p.y), tensor(p.w), p.b}, 2);
            const ref::Gradient g = ctx.reference([&] { return ref::gradient(p.X, p.y, p.w, p.b); });
            const std::vector<Param> at = {{"dw", tensor(p.w)}, {"db", scalar(p.b)}};
            auto candidate_loss = [&](const std::vector<Param>& ps) {
              auto v = ctx.call(fn::loss, {tensor(p.X), tensor(p.y), ps[0].value, ps[1].value.data[0]}, 1);
              return as_double(v[0]);
            };
            Clues clues;
            clues.factors = {samples(40), kHalfGradient, kSign};
            ctx.check_gradients(at, {as_tensor(out[0]), as_tensor(out[1])}, {tensor(g.dw), scalar(g.db)},
                                candidate_loss, "loss", clues);
          }};
}

// Gradient descent as the contract says, with the classic slips switchable, to recognise them.
ref::Model descend(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lr, int epochs, bool update_bias = true) {
  ref::Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int e = 0; e < epochs; ++e) {
    const auto g = ref::gradient(X, y, m.w, m.b);
    m.w -= lr * g.dw;
    if (update_bias) m.b -= lr * g.db;
  }
  return m;
}

Case fit_case() {
  return {"fit(n=60,d=4,lr=0.05,epochs=300)", 5, [](CaseContext& ctx) {
            const Problem p = learnable(60, 4, 24);
            const double lr = 0.05;
            const int epochs = 300;
            auto out = ctx.call(fn::fit, {tensor(p.X), tensor(p.y), lr, int64_t(epochs)}, 2);
            const ref::Model m = ctx.reference([&] { return ref::fit(p.X, p.y, lr, epochs); });
            const Tolerance tol{1e-10, 1e-7};
            const ref::Model fewer = descend(p.X, p.y, lr, epochs - 1), more = descend(p.X, p.y, lr, epochs + 1),
                             frozen = descend(p.X, p.y, lr, epochs, false);
            auto slips = [&](auto field) {
              Clues c;
              c.fingerprints = {
                  {field(frozen), "the bias is never updated: b −= learning_rate · db"},
                  {field(fewer), "one step too few: run exactly `epochs` steps"},
                  {field(more), "one step too many: run exactly `epochs` steps"},
              };
              return c;
            };
            ctx.expect_close("w", out[0], tensor(m.w), tol, slips([](const ref::Model& x) { return tensor(x.w); }));
            ctx.expect_close("b", out[1], scalar(m.b), tol, slips([](const ref::Model& x) { return scalar(x.b); }));
          }};
}

// The ridge slips of the contract, each solved exactly so its fingerprint is sharp.
ref::Model ridge_bias_penalised(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lambda) {
  Eigen::MatrixXd A(X.rows(), X.cols() + 1);
  A << X, Eigen::VectorXd::Ones(X.rows());
  Eigen::MatrixXd M = A.transpose() * A;
  M.diagonal().array() += lambda;
  const Eigen::VectorXd theta = M.ldlt().solve(A.transpose() * y);
  return {theta.head(X.cols()), theta[X.cols()]};
}

ref::Model ridge_not_centred(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lambda) {
  Eigen::MatrixXd M = X.transpose() * X;
  M.diagonal().array() += lambda;
  const Eigen::VectorXd w = M.ldlt().solve(X.transpose() * y);
  return {w, y.mean() - X.colwise().mean().dot(w)};
}

ref::Model ridge_intercept_ybar(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lambda) {
  return {ref::fit_ridge(X, y, lambda).w, y.mean()};
}

// Compares fit_ridge's (w, b) with the reference. Tolerance |Δ| ≤ 1e-10·(1 + max|expected|)
// + 1e-8·|expected|, max over w and b together: solvers differ by their conditioning, not by
// the scale of one entry.
void expect_ridge(CaseContext& ctx, const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lambda) {
  auto out = ctx.call(fn::fit_ridge, {tensor(X), tensor(y), lambda}, 2);
  const ref::Model m = ctx.reference([&] { return ref::fit_ridge(X, y, lambda); });
  const double scale = std::max(m.w.cwiseAbs().maxCoeff(), std::abs(m.b));
  const Tolerance tol{1e-10 * (1 + scale), 1e-8};
  const double n = double(X.rows());
  const std::vector<std::pair<ref::Model, std::string>> slips = {
      {ridge_not_centred(X, y, lambda),
       "not centred: w is the no-intercept solution (XᵀX + lambda I)⁻¹ Xᵀ y. Centre X and y by their column means "
       "first, then b = ȳ − x̄·w"},
      {ridge_bias_penalised(X, y, lambda),
       "the intercept must not be penalised (scikit-learn's Ridge): the lambda I of a ones column is inside the "
       "penalty. Centre X and y instead, or leave the bias's diagonal entry out of lambda I"},
      {ref::fit_ridge(X, y, lambda * n),
       fmt::format("lambda is n times too strong: the penalty is against the SUM of squares (scikit-learn's alpha), "
                   "‖y − X w − b‖² + lambda ‖w‖², not the mean (n = {}) — solve (Xcᵀ Xc + lambda I) w = Xcᵀ yc",
                   X.rows())},
      {ref::fit_ridge(X, y, lambda / n),
       fmt::format("lambda is n times too weak: the penalty is lambda ‖w‖² against the SUM of squares (n = {})",
                   X.rows())},
      {ref::fit_ridge(X, y, lambda / 2),
       "lambda is 2 times too weak: the objective is ‖y − X w − b‖² + lambda ‖w‖², so the system is "
       "(Xcᵀ Xc + lambda I) w = Xcᵀ yc, not lambda/2"},
      {ridge_intercept_ybar(X, y, lambda), "the bias is ȳ alone: b = ȳ − x̄·w on uncentred features"},
  };
  auto clues = [&](auto field) {
    Clues c;
    for (const auto& [model, why] : slips)
      if (!matches(field(model), field(m), tol)) c.fingerprints.push_back({field(model), why});
    return c;
  };
  ctx.expect_close("w", out[0], tensor(m.w), tol, clues([](const ref::Model& x) { return tensor(x.w); }));
  ctx.expect_close("b", out[1], scalar(m.b), tol, clues([](const ref::Model& x) { return scalar(x.b); }));
}

Case ols_case() {
  return {"fit_ridge(n=50,d=5,lambda=0)", 2, [](CaseContext& ctx) {
            const Problem p = offset_features(25);
            expect_ridge(ctx, p.X, p.y, 0.0);
          }};
}

Case ridge_case() {
  return {"fit_ridge(n=50,d=5,lambda=3)", 2, [](CaseContext& ctx) {
            const Problem p = offset_features(25);
            expect_ridge(ctx, p.X, p.y, 3.0);
          }};
}

// scikit-learn's diabetes data: the first 88 rows of a seeded permutation are the test set,
// the rest train (both in file order), standardized with the training rows' statistics.
struct Regression {
  Eigen::MatrixXd X_train, X_test;
  Eigen::VectorXd y_train, y_test;
};

Regression diabetes_split() {
  const data::Dataset& d = data::dataset("diabetes");
  const int n = int(d.y.size()), n_test = 88;
  std::vector<int> order = data::permutation(n, 7);
  std::vector<int> test(order.begin(), order.begin() + n_test), train(order.begin() + n_test, order.end());
  std::sort(test.begin(), test.end());
  std::sort(train.begin(), train.end());
  data::Split s;
  s.X_train = d.X(train, Eigen::all);
  s.X_test = d.X(test, Eigen::all);
  s.y_train = d.y(train);
  s.y_test = d.y(test);
  data::standardize(s);
  return {s.X_train, s.X_test, s.y_train.cast<double>(), s.y_test.cast<double>()};
}

double r_squared(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  const double ss_res = (ref::predict(X, w, b) - y).squaredNorm();
  const double ss_tot = (y.array() - y.mean()).square().sum();
  return 1.0 - ss_res / ss_tot;
}

Case diabetes_case() {
  return {"diabetes(test=88 rows)", 20, [](CaseContext& ctx) {
            const Regression s = diabetes_split();
            // (a) the closed form on real data, to the tolerance of the ridge cases.
            expect_ridge(ctx, s.X_train, s.y_train, 1.0);
            // (b) gradient descent: held-out R² (lr = 0.1 is below the stability limit 0.248 here).
            const double lr = 0.1;
            const int epochs = 1000;
            auto out = ctx.call(fn::fit, {tensor(s.X_train), tensor(s.y_train), lr, int64_t(epochs)}, 2);
            const wire::Tensor w = ctx.expect_shape("w", out[0], {s.X_train.cols()});
            const double b = as_double(out[1]);
            const ref::Model m = ctx.reference([&] { return ref::fit(s.X_train, s.y_train, lr, epochs); });
            const double got = r_squared(s.X_test, s.y_test, vector_of(w), b);
            const double want = r_squared(s.X_test, s.y_test, m.w, m.b);
            if (got >= 0.55) return;
            std::string why;
            if (!std::isfinite(got))
              why = "\n→ gradient descent diverged (the predictions overflow). With the contract's gradient, "
                    "lr = 0.1 is below the stability limit 2/λmax = 0.248 on this split; a gradient n times too "
                    "large, or with its sign flipped, diverges";
            else if (matches(tensor(vector_of(w)), tensor(descend(s.X_train, s.y_train, lr, epochs, false).w),
                             {1e-8, 1e-6}))
              why = "\n→ the bias is never updated: b −= learning_rate · db";
            ctx.fail(Verdict::WrongAnswer,
                     fmt::format("fit(lr={}, epochs={}): held-out R² {:.4g} on {} test rows is below 0.55 (the "
                                 "reference reaches {:.3f} with the same data and settings){}",
                                 lr, epochs, got, s.y_test.size(), want, why));
          }};
}

Case invalid_lambda_case() {
  const std::vector<double> lambdas = {-1.0, -1e-12};
  return {CaseName("fit_ridge").label("invalid").param("lambda", lambdas), 2, [=](CaseContext& ctx) {
            const Problem p = offset_features(26);
            for (double lambda : lambdas) {
              const auto thrown = ctx.call_expecting_throw(fn::fit_ridge, {tensor(p.X), tensor(p.y), lambda});
              const std::string rule = "throw std::invalid_argument when lambda < 0 (lambda = 0 is allowed)";
              if (!thrown)
                ctx.fail(Verdict::WrongAnswer,
                         fmt::format("fit_ridge(lambda = {:g}) returned instead of throwing\n→ {}", lambda, rule));
              if (thrown->rfind("std::invalid_argument", 0) != 0)
                ctx.fail(Verdict::WrongAnswer, fmt::format("fit_ridge(lambda = {:g}) threw {}\n→ {}", lambda, *thrown, rule));
            }
          }};
}

}  // namespace

std::vector<Case> linreg_cases() {
  return {predict_case(), loss_case(),          gradient_case(),   fit_case(),
          ols_case(),     ridge_case(),         diabetes_case(),   invalid_lambda_case()};
}

}  // namespace mldrill::cases
