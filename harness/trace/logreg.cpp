// logreg's traces: logistic regression learning a 2-D boundary, and the gradient check
// telling correct gradients from the wrong ones people write.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "cases/inputs.hpp"
#include "grading/gradcheck.hpp"
#include "reference/logreg.hpp"
#include "trace/common.hpp"

namespace mldrill::trace {

using nlohmann::json;

namespace {

// Two overlapping Gaussian blobs in 2-D, one per class, rows interleaved.
void two_blobs(int n, uint64_t seed, Eigen::MatrixXd& X, Eigen::VectorXd& y) {
  X = blobs(n, {{-1.0, -1.0}, {1.5, 1.0}}, 1.0, seed);
  y.resize(n);
  for (int i = 0; i < n; ++i) y(i) = i % 2;  // row i comes from blob i mod 2
}

// logreg's parameters (w, b) as the gradient check sees them.
std::vector<grading::Param> logreg_params(const Eigen::VectorXd& w, double b) {
  return {{"w", {{w.size()}, std::vector<double>(w.data(), w.data() + w.size())}}, {"b", {{}, {b}}}};
}

// The gradient bugs people write (DESIGN.md "What went wrong"), applied to the correct one.
struct Bug {
  const char* name;
  const char* description;
  drill::logreg::Gradient (*apply)(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                                   double b);
};

drill::logreg::Gradient not_averaged(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                                     double b) {
  auto g = drill::logreg::gradient(X, y, w, b);
  g.dw *= double(X.rows());
  g.db *= double(X.rows());
  return g;
}

drill::logreg::Gradient sign_flipped(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                                     double b) {
  auto g = drill::logreg::gradient(X, y, w, b);
  g.dw = -g.dw;
  g.db = -g.db;
  return g;
}

// The squared-error derivative: an extra p(1 − p) factor on the error.
drill::logreg::Gradient extra_sigmoid_factor(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                             const Eigen::VectorXd& w, double b) {
  const Eigen::VectorXd p = drill::logreg::predict_proba(X, w, b);
  const Eigen::VectorXd err = ((p - y).array() * p.array() * (1 - p.array())).matrix();
  return {X.transpose() * err / double(X.rows()), err.mean()};
}

// The bias gradient left at zero (forgot to sum the error).
drill::logreg::Gradient bias_not_summed(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                                        double b) {
  auto g = drill::logreg::gradient(X, y, w, b);
  g.db = 0;
  return g;
}

// Averaged over n − 1 instead of n: a small bug, the closest to the threshold here.
drill::logreg::Gradient averaged_over_n_minus_1(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                                const Eigen::VectorXd& w, double b) {
  auto g = drill::logreg::gradient(X, y, w, b);
  const double n = double(X.rows());
  g.dw *= n / (n - 1);
  g.db *= n / (n - 1);
  return g;
}

const std::vector<Bug> kBugs = {
    {"not_averaged", "gradient summed, not averaged over n", not_averaged},
    {"sign_flipped", "y − p instead of p − y", sign_flipped},
    {"extra_sigmoid_factor", "an extra p(1 − p) factor (the squared-error derivative)", extra_sigmoid_factor},
    {"bias_not_summed", "db left at 0", bias_not_summed},
    {"averaged_over_n_minus_1", "divided by n − 1 instead of n", averaged_over_n_minus_1},
};

// The gradient check as the grader runs it, with its own functions: each parameter (w, b)
// against the numerical gradient of the reference loss; the worst parameter decides.
double relative_error(const drill::logreg::Gradient& g, const std::vector<double>& numeric_w, double numeric_b) {
  std::vector<size_t> entries(numeric_w.size());
  for (size_t i = 0; i < entries.size(); ++i) entries[i] = i;
  const wire::Tensor dw{{int64_t(g.dw.size())}, std::vector<double>(g.dw.data(), g.dw.data() + g.dw.size())};
  const wire::Tensor db{{}, {g.db}};
  return std::max(grading::compare_gradient("w", dw, numeric_w, entries).rel_error,
                  grading::compare_gradient("b", db, {numeric_b}, {0}).rel_error);
}

}  // namespace

json logreg() {
  constexpr int n = 200, epochs = 300;
  constexpr double learning_rate = 0.5;
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
  two_blobs(n, 20261124, X, y);

  // The reference's own update, step by step, so every epoch's loss and (w, b) are seen.
  drill::logreg::Model m{Eigen::VectorXd::Zero(2), 0.0};
  json loss = json::array(), snapshots = json::array();
  const std::vector<int> snapshot_epochs = {0, 1, 2, 5, 10, 20, 50, 100, 200, epochs};
  for (int e = 0; e <= epochs; ++e) {
    loss.push_back(drill::logreg::loss(X, y, m.w, m.b));
    if (std::find(snapshot_epochs.begin(), snapshot_epochs.end(), e) != snapshot_epochs.end())
      snapshots.push_back({{"epoch", e}, {"w", vector_json(m.w)}, {"b", m.b}});
    if (e == epochs) break;
    const auto g = drill::logreg::gradient(X, y, m.w, m.b);
    m.w -= learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  const auto fitted = drill::logreg::fit(X, y, learning_rate, epochs);
  const Eigen::VectorXd p = drill::logreg::predict_proba(X, fitted.w, fitted.b);
  int correct = 0;
  for (int i = 0; i < n; ++i) correct += (p(i) >= 0.5) == (y(i) == 1);
  return {{"trace", "logreg"},
          {"description", "Full-batch gradient descent from w = 0, b = 0 on two 2-D Gaussian blobs (seeded); the "
                          "decision boundary is w·x + b = 0."},
          {"X", matrix_json(X)},
          {"y", vector_json(y)},
          {"learning_rate", learning_rate},
          {"epochs", epochs},
          {"loss", loss},
          {"snapshots", snapshots},
          {"w", vector_json(fitted.w)},
          {"b", fitted.b},
          {"train_accuracy", double(correct) / n}};
}

json gradient_checks() {
  constexpr int points = 200, n = 40, d = 6;
  json correct = json::array(), wrong = json::object(), bugs = json::object();
  for (const auto& bug : kBugs) {
    wrong[bug.name] = json::array();
    bugs[bug.name] = bug.description;
  }
  for (int k = 0; k < points; ++k) {
    // A seeded point away from the optimum, with |z| small enough that loss and its
    // numerical gradient are smooth (the same regime as the grading cases).
    cases::Draw draw(1000 + k);
    const Eigen::MatrixXd X = draw.normal(n, d);
    Eigen::VectorXd y(n);
    for (int i = 0; i < n; ++i) y(i) = draw.below(2);
    const Eigen::VectorXd w = draw.normal_vector(d, 0.5);
    const double b = draw.normal();
    const grading::LossFn f = [&](const std::vector<grading::Param>& p) {
      const auto& wv = p[0].value.data;
      return drill::logreg::loss(X, y, Eigen::Map<const Eigen::VectorXd>(wv.data(), d), p[1].value.data[0]);
    };
    const auto params = logreg_params(w, b);
    std::vector<size_t> entries(d);
    for (int i = 0; i < d; ++i) entries[i] = i;
    const auto numeric_w = grading::numeric_gradient(f, params, 0, entries);
    const double numeric_b = grading::numeric_gradient(f, params, 1, {0})[0];
    correct.push_back(relative_error(drill::logreg::gradient(X, y, w, b), numeric_w, numeric_b));
    for (const auto& bug : kBugs) wrong[bug.name].push_back(relative_error(bug.apply(X, y, w, b), numeric_w, numeric_b));
  }
  return {{"trace", "gradient-checks"},
          {"description", fmt::format("Relative error ‖a − n‖ / max(‖a‖, ‖n‖, {:g}) of the logistic-regression "
                                      "gradient (the worse of w and b) against central differences of the loss, at {} "
                                      "seeded points (n = {}, d = {}).",
                                      grading::kGradientFloor, points, n, d)},
          {"threshold", grading::kGradientThreshold},
          {"mark", grading::kGradientMark},
          {"correct", correct},
          {"wrong", wrong},
          {"bugs", bugs}};
}

std::vector<TraceKind> traces_logreg() {
  return {{"logreg", "logistic regression: 2-D data, loss per epoch, decision boundary", logreg},
          {"gradient-checks", "numerical gradient check: relative errors of correct vs wrong gradients", gradient_checks}};
}

}  // namespace mldrill::trace
