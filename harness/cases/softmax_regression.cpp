// Grading cases of the softmax-regression drill (../shared/docs/drills/softmax_regression.md),
// in grading order: softmax → predict_proba → predict (ties) → loss → loss with L2 → gradient →
// fit → held-out accuracy on digits → stability at logits of 1e3.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "data/dataset.hpp"
#include "reference/softmax_regression.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/softmax_regression.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::softmax_regression;

const Tolerance kClose{1e-12, 1e-9};

struct Problem {
  Eigen::MatrixXd X;   // n × d
  Eigen::VectorXi y;   // n, in 0 .. c − 1
  Eigen::MatrixXd W;   // d × c
  Eigen::RowVectorXd b;  // 1 × c
};

// Random labels keep the point far from the optimum (large gradients); W scaled by 1/sqrt(d)
// keeps the logits within a few units, so every probability is far above 1e-8 and clipping
// at 1e-15 and log-sum-exp agree to rounding.
Problem problem(int n, int d, int c, uint64_t seed) {
  Draw r(seed);
  Problem p;
  p.X = r.normal(n, d);
  p.W = r.normal(d, c, 0.5 / std::sqrt(double(d)));
  p.b = r.uniform_row(c, -0.5, 0.5);
  p.y = r.labels(n, c);
  return p;
}

wire::Values model_args(const Problem& p) { return {tensor(p.X), tensor(p.W), tensor(p.b)}; }
wire::Values loss_args(const Problem& p, double l2) {
  return {tensor(p.X), int_tensor(p.y), tensor(p.W), tensor(p.b), l2};
}

Eigen::MatrixXd logits(const Problem& p) { return (p.X * p.W).rowwise() + p.b; }

// Softmax of each column: the wrong axis, computed stably so the slip is recognised.
Eigen::MatrixXd column_softmax(const Eigen::MatrixXd& Z) {
  return ref::softmax(Z.transpose()).transpose();
}

const char* kWrongAxis = "softmax over the wrong axis: each row (one sample's c classes) must sum to 1, not each column";

Case softmax_case() {
  const int n = 7, c = 4;
  return {CaseName("softmax").param("n", n).param("c", c), 2, [=](CaseContext& ctx) {
            Draw r(21);
            Eigen::MatrixXd Z = r.normal(n, c, 2.0);
            Z.row(1) << 1000, 999, -1000, 0;
            Z.row(3) << -1000, -1001, -1002.5, -1000;
            Z.row(5).setConstant(0.75);
            auto out = ctx.call(fn::softmax, {tensor(Z)}, 1);
            const Eigen::MatrixXd expected = ctx.reference([&] { return ref::softmax(Z); });
            Clues clues;
            clues.nonfinite = "NaN: exp overflowed; subtract the row max before exp() (softmax(z) = softmax(z − max z))";
            clues.fingerprints = {{tensor(column_softmax(Z)), kWrongAxis}};
            ctx.expect_close("softmax(Z)", out[0], tensor(expected), kClose, clues);
          }};
}

Case predict_proba_case() {
  const int n = 30, d = 5, c = 4;
  return {CaseName("predict_proba").param("n", n).param("d", d).param("c", c), 2, [=](CaseContext& ctx) {
            const Problem p = problem(n, d, c, 22);
            auto out = ctx.call(fn::predict_proba, model_args(p), 1);
            const Eigen::MatrixXd expected = ctx.reference([&] { return ref::predict_proba(p.X, p.W, p.b); });
            Clues clues;
            clues.fingerprints = {
                {tensor(column_softmax(logits(p))), kWrongAxis},
                {tensor(ref::softmax(p.X * p.W)), "the bias is missing: the logits are X W + b"},
                {tensor(logits(p)), "these are the logits X W + b: apply the softmax to each row"},
            };
            ctx.expect_close("P", out[0], tensor(expected), kClose, clues);
          }};
}

// Labels when equal logits go to the HIGHEST class (the slip this case is built to show).
Eigen::VectorXi last_of_ties(const Eigen::MatrixXd& Z) {
  Eigen::VectorXi y(Z.rows());
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    int k = 0;
    for (int j = 1; j < Z.cols(); ++j)
      if (Z(i, j) >= Z(i, k)) k = j;
    y[i] = k;
  }
  return y;
}

// The two largest entries of each row, apart by more than `gap` (or exactly equal).
void require_clear_or_tied(const Eigen::MatrixXd& Z, double gap) {
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    Eigen::RowVectorXd row = Z.row(i);
    std::sort(row.data(), row.data() + row.size());
    const double top = row[row.size() - 1], second = row[row.size() - 2];
    if (top != second && top - second <= gap)
      throw std::logic_error(fmt::format("predict case: row {} has a near-tie ({})", i, top - second));
  }
}

Case predict_case() {
  const int n = 30, d = 5, c = 4;
  return {CaseName("predict").param("n", n).param("d", d).param("c", c), 2, [=](CaseContext& ctx) {
            Problem p = problem(n, d, c, 23);
            p.b << 0.5, 2, 2, -1;
            const std::vector<int> zero_rows = {4, 11, 19};
            for (int i : zero_rows) p.X.row(i).setZero();  // logits = b: classes 1 and 2 tie
            require_clear_or_tied(logits(p), 1e-6);
            auto out = ctx.call(fn::predict, model_args(p), 1);
            const Eigen::VectorXi expected = ctx.reference([&] { return ref::predict(p.X, p.W, p.b); });
            Clues clues;
            clues.fingerprints = {
                {as_tensor(int_tensor(last_of_ties(logits(p)))),
                 fmt::format("tie: lowest class wins. Rows {} have all-zero features, so their logits are b = "
                             "[0.5, 2, 2, −1]: classes 1 and 2 tie, and argmax keeps the first (NumPy's argmax), "
                             "so the label is 1. Compare with > (not >=) when scanning left to right",
                             fmt::join(zero_rows, ", "))}};
            ctx.expect_equal_labels("labels", out[0], expected, clues);
          }};
}

Factor samples(int n) {
  return {double(n),
          fmt::format("it is n times too large (n = {}): forgot to average over the n samples?", n),
          fmt::format("it is n times too small (n = {}): divided by n twice?", n)};
}

Case loss_case(double l2) {
  const int n = 30, d = 5, c = 4;
  return {CaseName("loss").param("n", n).param("d", d).param("c", c).param("l2", l2), 2, [=](CaseContext& ctx) {
            const Problem p = problem(n, d, c, l2 == 0 ? 24 : 25);
            auto out = ctx.call(fn::loss, loss_args(p, l2), 1);
            const double expected = ctx.reference([&] { return ref::loss(p.X, p.y, p.W, p.b, l2); });
            const double data = ref::loss(p.X, p.y, p.W, p.b, 0.0), w2 = p.W.squaredNorm(), b2 = p.b.squaredNorm();
            Clues clues;
            if (l2 == 0) {
              clues.factors = {samples(n),
                               {1 / std::log(2.0), "it is 1/ln 2 times too large: log2 instead of the natural log?",
                                "it is ln 2 times too small"},
                               {1 / std::log(10.0), "it is 1/ln 10 times too large: log10 instead of the natural log?",
                                "it is ln 10 times too small"}};
            } else {
              clues.fingerprints = {
                  {scalar(expected + 0.5 * l2 * b2), "the bias is not penalised: the L2 term is (l2/2)·‖W‖² only"},
                  {scalar(data + l2 * (w2 + b2)), "the bias is not penalised, and the penalty has a ½: (l2/2)·‖W‖²"},
                  {scalar(data + l2 * w2), "the ½ is missing: the penalty is (l2/2)·‖W‖², whose gradient is l2·W"},
                  {scalar(data), "the L2 penalty (l2/2)·‖W‖² is missing"},
                  {scalar(data + 0.5 * l2 * std::sqrt(w2)), "the penalty uses ‖W‖, not its square ‖W‖²"},
              };
            }
            ctx.expect_close("loss", out[0], scalar(expected), kClose, clues);
          }};
}

Case gradient_case() {
  const int n = 30, d = 5, c = 4;
  const double l2 = 0.1;
  return {CaseName("gradient").param("n", n).param("d", d).param("c", c).param("l2", l2), 5, [=](CaseContext& ctx) {
            const Problem p = problem(n, d, c, 26);
            auto out = ctx.call(fn::gradient, loss_args(p, l2), 2);
            const ref::Gradient g = ctx.reference([&] { return ref::gradient(p.X, p.y, p.W, p.b, l2); });
            const std::vector<Param> at = {{"dW", tensor(p.W)}, {"db", tensor(p.b)}};
            auto candidate_loss = [&](const std::vector<Param>& ps) {
              auto v = ctx.call(fn::loss, {tensor(p.X), int_tensor(p.y), ps[0].value, ps[1].value, l2}, 1);
              return as_double(v[0]);
            };
            Eigen::MatrixXd dZ = ref::predict_proba(p.X, p.W, p.b);
            for (int i = 0; i < n; ++i) dZ(i, p.y[i]) -= 1.0;
            Clues clues;
            clues.factors = {samples(n)};
            clues.fingerprints = {
                {tensor(Eigen::MatrixXd(p.X.transpose() * dZ + l2 * p.W)),
                 fmt::format("the data term is n times too large (n = {}): divide Xᵀ (P − Y) by n", n)},
                {tensor(Eigen::MatrixXd(p.X.transpose() * dZ / n + 2 * l2 * p.W)),
                 "the penalty's gradient is 2·l2·W, but the loss has (l2/2)·‖W‖², whose gradient is l2·W"},
                {tensor(Eigen::RowVectorXd(dZ.row(0) / n)), "the bias gradient is the SUM of dZ over the rows, not one row"},
                {tensor(Eigen::RowVectorXd(dZ.row(n - 1) / n)),
                 "the bias gradient is the SUM of dZ over the rows, not one row"},
                {tensor(Eigen::RowVectorXd(dZ.colwise().sum() / n + l2 * p.b)), "the bias is not penalised: db has no l2 term"},
            };
            ctx.check_gradients(at, {as_tensor(out[0]), as_tensor(out[1])}, {tensor(g.dW), tensor(g.db)}, candidate_loss,
                                "loss", clues);
          }};
}

// Gradient descent as the contract says, with the classic slips switchable, to recognise them.
ref::Model descend(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int c, double lr, int epochs, double l2,
                   bool update_bias = true) {
  ref::Model m{Eigen::MatrixXd::Zero(X.cols(), c), Eigen::RowVectorXd::Zero(c)};
  for (int e = 0; e < epochs; ++e) {
    const ref::Gradient g = ref::gradient(X, y, m.W, m.b, l2);
    m.W -= lr * g.dW;
    if (update_bias) m.b -= lr * g.db;
  }
  return m;
}

Case fit_case() {
  const int n = 60, d = 4, c = 3, epochs = 200;
  const double lr = 0.5, l2 = 0.01;
  return {CaseName("fit").param("n", n).param("d", d).param("c", c).param("lr", lr).param("epochs", epochs)
              .param("l2", l2),
          5, [=](CaseContext& ctx) {
            const Eigen::MatrixXd centres = Draw(27).normal(c, d, 1.5);
            const Labelled data = blobs(centres, n / c, 1.0, 28);
            auto out = ctx.call(fn::fit, {tensor(data.X), int_tensor(data.y), int64_t(c), lr, int64_t(epochs), l2}, 2);
            const ref::Model m = ctx.reference([&] { return ref::fit(data.X, data.y, c, lr, epochs, l2); });
            auto model = [](const ref::Model& x) { return std::vector<wire::Tensor>{tensor(x.W), tensor(x.b)}; };
            const std::vector<Slip> slips = {
                {"fit ignores l2: pass it on to gradient(…, l2)", model(descend(data.X, data.y, c, lr, epochs, 0.0))},
                {"one step too few: run exactly `epochs` steps", model(descend(data.X, data.y, c, lr, epochs - 1, l2))},
                {"one step too many: run exactly `epochs` steps", model(descend(data.X, data.y, c, lr, epochs + 1, l2))},
                {"the bias is never updated: b −= learning_rate · db",
                 model(descend(data.X, data.y, c, lr, epochs, l2, false))},
            };
            const Tolerance tol{1e-10, 1e-7};
            ctx.expect_outputs({as_tensor(out[0]), as_tensor(out[1])},
                               {{"W", tensor(m.W), tol}, {"b", tensor(m.b), tol}}, slips);
          }};
}

double accuracy(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const Eigen::MatrixXd& W,
                const Eigen::RowVectorXd& b) {
  const Eigen::VectorXi got = ref::predict(X, W, b);
  return double((got.array() == y.array()).count()) / double(y.size());
}

Case accuracy_case() {
  const std::string set = "digits";
  const double test = 0.2, lr = 1.0, l2 = 1e-3;
  const int epochs = 300;
  return {CaseName("accuracy").label(set).param("test", Percent{test}).param("lr", lr).param("epochs", epochs)
              .param("l2", l2),
          20, [=](CaseContext& ctx) {
            data::Split s = data::stratified_split(data::dataset(set), test, 7);
            s.X_train /= 16.0;  // pixels 0..16 → [0, 1]
            s.X_test /= 16.0;
            const int c = s.y_train.maxCoeff() + 1;
            auto out = ctx.call(fn::fit, {tensor(s.X_train), int_tensor(s.y_train), int64_t(c), lr, int64_t(epochs), l2},
                                2);
            const Eigen::MatrixXd W = matrix_of(ctx.expect_shape("W", out[0], {s.X_train.cols(), c}));
            const Eigen::RowVectorXd b = vector_of(ctx.expect_shape("b", out[1], {c})).transpose();
            const ref::Model m = ctx.reference([&] { return ref::fit(s.X_train, s.y_train, c, lr, epochs, l2); });
            const double got = accuracy(s.X_test, s.y_test, W, b);
            const double want = accuracy(s.X_test, s.y_test, m.W, m.b);
            if (!(got >= 0.93))
              ctx.fail(Verdict::WrongAnswer,
                       fmt::format("held-out accuracy {:.1f}% on {} test rows is below 93% (the reference reaches "
                                   "{:.1f}% with the same data and settings)",
                                   100 * got, s.y_test.size(), 100 * want));
          }};
}

Case stability_case() {
  const double max_logit = 1e3;
  return {CaseName("stability").param("logits", max_logit, "<="), 2, [=](CaseContext& ctx) {
            // X W reaches ±1000; row 0's true class (2) has logit −1000 against 500: probability
            // e^−1500, exactly 0 in double, so log(p) is −inf unless the loss works on the logits.
            const int n = 6, d = 2, c = 3;
            Eigen::MatrixXd X(n, d), W(d, c);
            X << 1, 0, 0, 1, 1, 1, -1, 0, 0.5, -0.5, 0, -1;
            W << 500, 0, -1000, -1000, 1000, 0;
            const Eigen::RowVectorXd b = Eigen::RowVectorXd::Zero(c);
            Eigen::VectorXi y(n);
            y << 2, 1, 1, 0, 0, 2;
            const wire::Tensor P =
                ctx.expect_shape("P", ctx.call(fn::predict_proba, {tensor(X), tensor(W), tensor(b)}, 1)[0], {n, c});
            const Eigen::MatrixXd Z = (X * W).rowwise() + b;
            for (int i = 0; i < n; ++i) {
              const Eigen::RowVectorXd z = Z.row(i);
              double sum = 0;
              for (int j = 0; j < c; ++j) {
                const double pij = P.data[size_t(i * c + j)];
                if (!std::isfinite(pij) || pij < 0 || pij > 1)
                  ctx.fail(Verdict::WrongAnswer,
                           fmt::format("P[{}, {}] = {} for logits [{}]: exp overflowed. Subtract each row's max "
                                       "before exp()\n→ numerical stability",
                                       i, j, pij, fmt::join(z.data(), z.data() + c, ", ")));
                sum += pij;
              }
              if (std::abs(sum - 1) > 1e-12)
                ctx.fail(Verdict::WrongAnswer, fmt::format("row {} of P sums to {:.17g}, not 1 (± 1e-12)", i, sum));
            }
            const double l =
                as_double(ctx.call(fn::loss, {tensor(X), int_tensor(y), tensor(W), tensor(b), 0.0}, 1)[0]);
            if (!std::isfinite(l))
              ctx.fail(Verdict::WrongAnswer,
                       fmt::format("loss = {} with logits up to 1e3, where row 0's true class has probability "
                                   "e^−1500 = 0 in double: log(0) = −inf: use log-sum-exp on the logits "
                                   "(−log p[y] = logsumexp(z) − z[y]) or clip at 1e-15\n→ numerical stability",
                                   l));
          }};
}

}  // namespace

std::vector<Case> softmax_regression_cases() {
  return {softmax_case(), predict_proba_case(), predict_case(), loss_case(0.0), loss_case(0.1),
          gradient_case(),  fit_case(),          accuracy_case(), stability_case()};
}

}  // namespace mldrill::cases
