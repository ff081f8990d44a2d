// The traces: logistic regression learning a 2-D boundary, the gradient check telling
// correct gradients from wrong ones, k-means iterating, attention weights, and the
// two-layer network training.
#include "trace/trace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

#include "cases/inputs.hpp"
#include "grading/gradcheck.hpp"
#include "reference/attention.hpp"
#include "reference/kmeans.hpp"
#include "reference/logreg.hpp"
#include "reference/mlp.hpp"

namespace mldrill::trace {

namespace {

using nlohmann::json;

json matrix_json(const Eigen::MatrixXd& m) {
  json rows = json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    json row = json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(m(i, j));
    rows.push_back(row);
  }
  return rows;
}

json vector_json(const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }
json vector_json(const Eigen::RowVectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }
json labels_json(const Eigen::VectorXi& v) { return std::vector<int>(v.data(), v.data() + v.size()); }

json params_json(const drill::mlp::Params& p) {
  return {{"W1", matrix_json(p.W1)}, {"b1", vector_json(p.b1)}, {"W2", matrix_json(p.W2)}, {"b2", vector_json(p.b2)}};
}

// Index of each row's largest logit (the first on ties).
Eigen::VectorXi argmax_rows(const Eigen::MatrixXd& logits) {
  Eigen::VectorXi k(logits.rows());
  for (Eigen::Index i = 0; i < logits.rows(); ++i) logits.row(i).maxCoeff(&k[i]);
  return k;
}

double accuracy(const drill::mlp::Params& p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y) {
  return double((argmax_rows(drill::mlp::forward(p, X)).array() == y.array()).count()) / double(y.size());
}

// Gaussian blobs in 2-D (standard deviation `spread`) around `centres`, rows interleaved
// (row i from blob i mod k).
Eigen::MatrixXd blobs(int n, const std::vector<std::array<double, 2>>& centres, double spread, uint64_t seed) {
  cases::Draw draw(seed);
  Eigen::MatrixXd X(n, 2);
  for (int i = 0; i < n; ++i) {
    const auto& c = centres[size_t(i) % centres.size()];
    X(i, 0) = c[0] + spread * draw.normal();
    X(i, 1) = c[1] + spread * draw.normal();
  }
  return X;
}

// `classes` interleaved spiral arms in 2-D: radius t, angle 4t + 2πc/classes plus noise, t
// uniform in [0, 1).
void spirals(int n, int classes, double noise, uint64_t seed, Eigen::MatrixXd& X, Eigen::VectorXi& y) {
  cases::Draw draw(seed);
  X.resize(n, 2);
  y.resize(n);
  for (int i = 0; i < n; ++i) {
    y(i) = i % classes;
    const double t = draw.uniform();
    const double angle = 4.0 * t + 2.0 * M_PI * y(i) / classes + noise * draw.normal();
    X(i, 0) = t * std::cos(angle);
    X(i, 1) = t * std::sin(angle);
  }
}

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

json kmeans() {
  constexpr int n = 300, k = 4, max_iter = 100;
  constexpr uint64_t data_seed = 20261125, init_seed = 7;
  const std::vector<std::array<double, 2>> centres = {{-2.5, -1.5}, {2.0, -2.0}, {-1.0, 2.5}, {2.5, 2.0}};
  const Eigen::MatrixXd X = blobs(n, centres, 1.1, data_seed);
  std::mt19937_64 rng(init_seed);
  const Eigen::MatrixXd init = drill::kmeans::init_plus_plus(X, k, rng);

  // Lloyd's iterations one at a time with the reference itself: fit(X, C, 1) is one
  // assignment (labels from C) and one update (the new C). fit(X, init, max_iter) runs the
  // same steps and stops at the first assignment equal to the previous one; that step's
  // update moves nothing, so the last entry here is fit()'s result exactly.
  json iterations = json::array();
  Eigen::MatrixXd C = init;
  Eigen::VectorXi prev;
  for (int it = 1; it <= max_iter; ++it) {
    const auto step = drill::kmeans::fit(X, C, 1);
    iterations.push_back({{"iteration", it},
                          {"labels", labels_json(step.labels)},
                          {"centroids", matrix_json(step.centroids)},
                          {"inertia", step.inertia}});
    if (it > 1 && step.labels == prev) break;
    C = step.centroids;
    prev = step.labels;
  }
  return {{"trace", "kmeans"},
          {"description",
           fmt::format("Lloyd's k-means (k = {}) on {} points from {} seeded 2-D Gaussian blobs, from k-means++ "
                       "centroids (seed {}); per iteration the labels of the assignment step, the centroids after "
                       "the update step and the inertia Σ‖xᵢ − c(labelᵢ)‖² against them, until the labels stop "
                       "changing.",
                       k, n, centres.size(), init_seed)},
          {"X", matrix_json(X)},
          {"k", k},
          {"init_seed", init_seed},
          {"max_iter", max_iter},
          {"init", matrix_json(init)},
          {"iterations", iterations}};
}

json attention() {
  constexpr int n = 12, d_k = 8, d_v = 4;
  cases::Draw draw(20261126);
  const Eigen::MatrixXd Q = draw.normal(n, d_k, 1.5), K = draw.normal(n, d_k), V = draw.normal(n, d_v);
  // The reference returns only softmax(S) V; with V = I (m × m) that product is softmax(S)
  // itself, exactly (each entry is one weight times 1 plus zeros).
  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(n, n);
  json weights = json::object(), output = json::object();
  for (const bool causal : {false, true}) {
    const char* name = causal ? "causal" : "plain";
    weights[name] = matrix_json(drill::attention::forward(Q, K, I, causal));
    output[name] = matrix_json(drill::attention::forward(Q, K, V, causal));
  }
  return {{"trace", "attention"},
          {"description",
           fmt::format("Scaled dot-product self-attention weights P = softmax(Q Kᵀ / √d_k) for {} tokens (d_k = {}, "
                       "seeded Q ~ N(0, 1.5²), K, V ~ N(0, 1)), plain and causal (token i attends to tokens ≤ i); "
                       "row i holds query i's weights over the keys, each row sums to 1.",
                       n, d_k)},
          {"Q", matrix_json(Q)},
          {"K", matrix_json(K)},
          {"V", matrix_json(V)},
          {"weights", weights},
          {"output", output}};
}

json mlp() {
  constexpr int n = 600, classes = 3, hidden = 64, grid = 80;
  constexpr uint64_t data_seed = 20261127, init_seed = 11, train_seed = 12;
  Eigen::MatrixXd X;
  Eigen::VectorXi y;
  spirals(n, classes, 0.2, data_seed, X, y);
  // Every third point of each arm is held out.
  std::vector<int> train_rows, test_rows;
  for (int i = 0; i < n; ++i) (i / classes % 3 == 2 ? test_rows : train_rows).push_back(i);
  const int n_train = int(train_rows.size());
  const Eigen::MatrixXd X_train = X(train_rows, Eigen::all), X_test = X(test_rows, Eigen::all);
  const Eigen::VectorXi y_train = y(train_rows), y_test = y(test_rows);
  drill::mlp::TrainOptions opt;
  opt.epochs = 150;
  opt.batch_size = 32;
  opt.learning_rate = 0.1;
  opt.momentum = 0.9;
  std::mt19937_64 init_rng(init_seed);
  const drill::mlp::Params p0 = drill::mlp::init(2, hidden, classes, init_rng);

  // The reference train()'s loop, epoch by epoch, with its loss_and_grads and its update
  // (v = μ v + g; θ −= lr v); train(p0, ..., mt19937_64(train_seed)) reaches the same weights.
  drill::mlp::Params p = p0;
  drill::mlp::Params v{Eigen::MatrixXd::Zero(p.W1.rows(), p.W1.cols()), Eigen::RowVectorXd::Zero(p.b1.size()),
                       Eigen::MatrixXd::Zero(p.W2.rows(), p.W2.cols()), Eigen::RowVectorXd::Zero(p.b2.size())};
  auto step = [&opt](auto& theta, auto& velocity, const auto& grad) {
    velocity = opt.momentum * velocity + grad;
    theta -= opt.learning_rate * velocity;
  };
  std::mt19937_64 rng(train_seed);
  std::vector<int> order(static_cast<size_t>(n_train));
  std::iota(order.begin(), order.end(), 0);
  json loss = json::array(), train_accuracy = json::array(), test_accuracy = json::array();
  drill::mlp::Grads g;
  for (int epoch = 0;; ++epoch) {
    loss.push_back(drill::mlp::loss_and_grads(p, X_train, y_train, g));
    train_accuracy.push_back(accuracy(p, X_train, y_train));
    test_accuracy.push_back(accuracy(p, X_test, y_test));
    if (epoch == opt.epochs) break;
    std::shuffle(order.begin(), order.end(), rng);
    for (int start = 0; start < n_train; start += opt.batch_size) {
      const int m = std::min(opt.batch_size, n_train - start);
      Eigen::MatrixXd Xb(m, 2);
      Eigen::VectorXi yb(m);
      for (int r = 0; r < m; ++r) {
        Xb.row(r) = X_train.row(order[size_t(start + r)]);
        yb[r] = y_train[order[size_t(start + r)]];
      }
      drill::mlp::loss_and_grads(p, Xb, yb, g);
      step(p.W1, v.W1, g.W1);
      step(p.b1, v.b1, g.b1);
      step(p.W2, v.W2, g.W2);
      step(p.b2, v.b2, g.b2);
    }
  }

  // The trained network's class over a grid covering the data: the decision regions.
  const double lo = -1.2, hi = 1.2;
  Eigen::MatrixXd G(grid * grid, 2);
  for (int r = 0; r < grid; ++r)
    for (int c = 0; c < grid; ++c) {
      G(r * grid + c, 0) = lo + (hi - lo) * c / (grid - 1);
      G(r * grid + c, 1) = lo + (hi - lo) * r / (grid - 1);
    }
  const Eigen::VectorXi regions = argmax_rows(drill::mlp::forward(p, G));
  json region_rows = json::array();
  for (int r = 0; r < grid; ++r)
    region_rows.push_back(std::vector<int>(regions.data() + r * grid, regions.data() + (r + 1) * grid));

  return {{"trace", "mlp"},
          {"description",
           fmt::format("The two-layer network (h = {}, ReLU, softmax cross-entropy) trained by the reference's "
                       "minibatch SGD with momentum on {} seeded 2-D points from {} spiral arms ({} for training, "
                       "every third held out); the training loss and both accuracies at the end of each epoch "
                       "(epoch 0: at the He initialisation), and the trained network's decision regions.",
                       hidden, n, classes, n_train)},
          {"X_train", matrix_json(X_train)},
          {"y_train", labels_json(y_train)},
          {"X_test", matrix_json(X_test)},
          {"y_test", labels_json(y_test)},
          {"hidden", hidden},
          {"options",
           {{"epochs", opt.epochs},
            {"batch_size", opt.batch_size},
            {"learning_rate", opt.learning_rate},
            {"momentum", opt.momentum}}},
          {"init_seed", init_seed},
          {"train_seed", train_seed},
          {"init", params_json(p0)},
          {"params", params_json(p)},
          {"loss", loss},
          {"train_accuracy", train_accuracy},
          {"test_accuracy", test_accuracy},
          {"grid", {{"lo", lo}, {"hi", hi}, {"size", grid}, {"class", region_rows}}}};
}

const std::vector<TraceKind>& kinds() {
  static const std::vector<TraceKind> k = {
      {"logreg", "logistic regression: 2-D data, loss per epoch, decision boundary", logreg},
      {"gradient-checks", "numerical gradient check: relative errors of correct vs wrong gradients", gradient_checks},
      {"kmeans", "k-means: k-means++ start, then labels, centroids, inertia per Lloyd iteration", kmeans},
      {"attention", "attention: softmax weight matrices of plain and causal self-attention", attention},
      {"mlp", "two-layer network: loss and accuracies per epoch on 2-D spirals, decision regions", mlp},
  };
  return k;
}

json make(const std::string& name) {
  std::string known;
  for (const auto& k : kinds()) {
    if (k.name == name) return k.make();
    known += (known.empty() ? "" : ", ") + k.name;
  }
  throw std::invalid_argument(fmt::format("no trace named '{}' (known: {})", name, known));
}

}  // namespace mldrill::trace
