// `mldrill trace`: what the notebooks plot must be the references' real behaviour.
// Oracles: the reference's own fit() / train() / forward() (the step-by-step traces must
// reach the same result, bit for bit), the algorithms' invariants (inertia never rises,
// softmax rows sum to 1, causal weights above the diagonal are 0), and the grader's
// calibration claim (correct gradients ≥ 100× below the threshold, known-wrong ones ≥ 100×
// above it).
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include <cmath>
#include <random>

#include "catalog/catalog.hpp"
#include "grading/gradcheck.hpp"
#include "reference/attention.hpp"
#include "reference/kmeans.hpp"
#include "reference/mlp.hpp"
#include "reference/naive_bayes.hpp"
#include "reference/pca.hpp"
#include "data/dataset.hpp"
#include "sample_history.hpp"
#include "trace/trace.hpp"

using nlohmann::json;

namespace {

Eigen::MatrixXd matrix_of(const json& rows) {
  Eigen::MatrixXd m(rows.size(), rows.at(0).size());
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < rows[i].size(); ++j) m(Eigen::Index(i), Eigen::Index(j)) = rows[i][j].get<double>();
  return m;
}

Eigen::VectorXi labels_of(const json& v) {
  Eigen::VectorXi l(v.size());
  for (size_t i = 0; i < v.size(); ++i) l(Eigen::Index(i)) = v[i].get<int>();
  return l;
}

Eigen::RowVectorXd row_of(const json& v) {
  Eigen::RowVectorXd r(v.size());
  for (size_t i = 0; i < v.size(); ++i) r(Eigen::Index(i)) = v[i].get<double>();
  return r;
}

drill::mlp::Params params_of(const json& p) {
  return {matrix_of(p["W1"]), row_of(p["b1"]), matrix_of(p["W2"]), row_of(p["b2"])};
}

}  // namespace

TEST_CASE("The logreg trace follows gradient descent to the reference's fitted model", "[trace]") {
  const json t = mldrill::trace::logreg();
  const auto& X = t["X"];
  REQUIRE(X.size() == t["y"].size());
  REQUIRE(X[0].size() == 2);
  const int epochs = t["epochs"];
  REQUIRE(t["loss"].size() == size_t(epochs + 1));
  CHECK(t["loss"][0].get<double>() == Approx(std::log(2.0)));  // w = 0, b = 0: p = 0.5 everywhere
  for (int e = 1; e <= epochs; ++e) CHECK(t["loss"][e].get<double>() <= t["loss"][e - 1].get<double>());
  const auto& last = t["snapshots"].back();
  CHECK(last["epoch"] == epochs);
  CHECK(last["w"] == t["w"]);  // the same updates as reference fit(), bit for bit
  CHECK(last["b"] == t["b"]);
  CHECK(t["train_accuracy"].get<double>() > 0.85);
}

TEST_CASE("The gradient-check trace separates correct from wrong gradients by 100x each side of the threshold",
          "[trace]") {
  const json t = mldrill::trace::gradient_checks();
  const double threshold = t["threshold"];
  CHECK(threshold == mldrill::grading::kGradientThreshold);
  REQUIRE(t["correct"].size() == 200);
  for (double e : t["correct"]) CHECK(e < threshold / 100);
  REQUIRE(t["wrong"].size() == 5);
  for (const auto& [bug, errors] : t["wrong"].items()) {
    INFO(bug);
    REQUIRE(errors.size() == 200);
    for (double e : errors) CHECK(e > threshold * 100);
  }
}

TEST_CASE("The kmeans trace steps Lloyd's iterations from k-means++ to the reference fit()'s result",
          "[trace]") {
  const json t = mldrill::trace::kmeans();
  const Eigen::MatrixXd X = matrix_of(t["X"]);
  const int k = t["k"];
  REQUIRE(X.rows() >= 100);
  REQUIRE(X.cols() == 2);
  // The initial centroids are the reference's k-means++ with the trace's seed.
  std::mt19937_64 rng(t["init_seed"].get<uint64_t>());
  const Eigen::MatrixXd init = drill::kmeans::init_plus_plus(X, k, rng);
  CHECK(matrix_of(t["init"]) == init);

  const auto& its = t["iterations"];
  REQUIRE(its.size() >= 3);  // something to watch
  for (size_t i = 0; i < its.size(); ++i) {
    INFO("iteration " << i + 1);
    CHECK(its[i]["iteration"] == int(i + 1));
    REQUIRE(its[i]["labels"].size() == size_t(X.rows()));
    CHECK(its[i]["centroids"].size() == size_t(k));
    for (int l : its[i]["labels"]) CHECK((l >= 0 && l < k));
    if (i > 0) CHECK(its[i]["inertia"].get<double>() <= its[i - 1]["inertia"].get<double>());
  }
  // Converged: the last assignment repeats the one before, and nothing moved.
  CHECK(its.back()["labels"] == its[its.size() - 2]["labels"]);
  CHECK(its.back()["centroids"] == its[its.size() - 2]["centroids"]);

  const auto fitted = drill::kmeans::fit(X, init, t["max_iter"]);
  CHECK(fitted.iterations == int(its.size()));
  CHECK(matrix_of(its.back()["centroids"]) == fitted.centroids);  // bit for bit
  CHECK(labels_of(its.back()["labels"]) == fitted.labels);
  CHECK(its.back()["inertia"].get<double>() == fitted.inertia);
}

TEST_CASE("The attention trace's weights are softmax rows, causal ones zero above the diagonal, and P V is the "
          "reference output",
          "[trace]") {
  const json t = mldrill::trace::attention();
  const Eigen::MatrixXd Q = matrix_of(t["Q"]), K = matrix_of(t["K"]), V = matrix_of(t["V"]);
  const Eigen::Index n = Q.rows();
  REQUIRE(K.rows() == n);
  for (const bool causal : {false, true}) {
    const char* name = causal ? "causal" : "plain";
    INFO(name);
    const Eigen::MatrixXd P = matrix_of(t["weights"][name]);
    REQUIRE(P.rows() == n);
    REQUIRE(P.cols() == n);
    // softmax(Q Kᵀ / √d_k), written out here independently of the reference.
    for (Eigen::Index i = 0; i < n; ++i) {
      const Eigen::Index keys = causal ? i + 1 : n;
      Eigen::VectorXd s = (K.topRows(keys) * Q.row(i).transpose()) / std::sqrt(double(Q.cols()));
      const Eigen::VectorXd e = (s.array() - s.maxCoeff()).exp();
      const Eigen::VectorXd want = e / e.sum();
      CHECK(P.row(i).sum() == Approx(1.0).epsilon(1e-12));
      for (Eigen::Index j = 0; j < n; ++j) {
        CHECK(P(i, j) >= 0);
        if (j < keys) CHECK(P(i, j) == Approx(want(j)).epsilon(1e-12).margin(1e-15));
        else CHECK(P(i, j) == 0.0);  // masked: exactly 0
      }
    }
    const Eigen::MatrixXd O = drill::attention::forward(Q, K, V, causal);
    CHECK(matrix_of(t["output"][name]) == O);
    CHECK((P * V - O).cwiseAbs().maxCoeff() <= 1e-12);
  }
  CHECK(t["weights"]["plain"] != t["weights"]["causal"]);
}

TEST_CASE("The mlp trace's training lowers the loss, generalises, and reaches the reference train()'s weights",
          "[trace]") {
  const json t = mldrill::trace::mlp();
  const auto& opt_json = t["options"];
  const int epochs = opt_json["epochs"];
  REQUIRE(t["loss"].size() == size_t(epochs + 1));
  REQUIRE(t["train_accuracy"].size() == size_t(epochs + 1));
  REQUIRE(t["test_accuracy"].size() == size_t(epochs + 1));
  const double first = t["loss"].front(), last = t["loss"].back();
  CHECK(first == Approx(std::log(3.0)).epsilon(0.3));  // about chance at the He initialisation
  CHECK(last < first / 2);
  CHECK(t["train_accuracy"].back().get<double>() > 0.9);
  CHECK(t["test_accuracy"].back().get<double>() > 0.9);
  CHECK(t["test_accuracy"].front().get<double>() < 0.8);

  const Eigen::MatrixXd X = matrix_of(t["X_train"]);
  const Eigen::VectorXi y = labels_of(t["y_train"]);
  std::mt19937_64 init_rng(t["init_seed"].get<uint64_t>());
  const auto p0 = drill::mlp::init(int(X.cols()), t["hidden"], int(y.maxCoeff() + 1), init_rng);
  const auto init = params_of(t["init"]);
  CHECK(init.W1 == p0.W1);
  CHECK(init.W2 == p0.W2);
  drill::mlp::TrainOptions opt;
  opt.epochs = epochs;
  opt.batch_size = opt_json["batch_size"];
  opt.learning_rate = opt_json["learning_rate"];
  opt.momentum = opt_json["momentum"];
  std::mt19937_64 rng(t["train_seed"].get<uint64_t>());
  const auto trained = drill::mlp::train(p0, X, y, opt, rng);
  const auto p = params_of(t["params"]);
  CHECK(p.W1 == trained.W1);  // the same updates as reference train(), bit for bit
  CHECK(p.b1 == trained.b1);
  CHECK(p.W2 == trained.W2);
  CHECK(p.b2 == trained.b2);
  // The loss after the last epoch is the trained network's.
  drill::mlp::Grads g;
  CHECK(drill::mlp::loss_and_grads(trained, X, y, g) == last);

  const auto& grid = t["grid"];
  const int size = grid["size"];
  REQUIRE(grid["class"].size() == size_t(size));
  for (const auto& row : grid["class"]) CHECK(row.size() == size_t(size));
}

TEST_CASE("The naive_bayes trace holds the reference's fit on iris's petals and its predictions on the grid",
          "[trace][naive_bayes]") {
  const json t = mldrill::trace::naive_bayes();
  const Eigen::MatrixXd X = matrix_of(t["X"]);
  const Eigen::VectorXi y = labels_of(t["y"]);
  REQUIRE(X.cols() == 2);
  const drill::naive_bayes::Model m = drill::naive_bayes::fit(X, y, 1e-9);
  CHECK(matrix_of(t["theta"]) == m.theta);
  CHECK(matrix_of(t["var"]) == m.var);
  CHECK(row_of(t["prior"]).transpose() == m.prior);
  CHECK(t["epsilon"].get<double>() == m.epsilon);
  // Every grid point's class is predict()'s and its confidence the largest posterior (≥ 1/3).
  const json& grid = t["grid"];
  const int size = grid["size"].get<int>();
  const double x0 = grid["x"][0], x1 = grid["x"][1], y0 = grid["y"][0], y1 = grid["y"][1];
  for (int i = 0; i < size; i += 7)
    for (int j = 0; j < size; j += 5) {
      Eigen::MatrixXd p(1, 2);
      p << x0 + (x1 - x0) * j / (size - 1), y0 + (y1 - y0) * i / (size - 1);
      CHECK(grid["class"][size_t(i)][size_t(j)].get<int>() == drill::naive_bayes::predict(m, p)[0]);
      const double c = grid["confidence"][size_t(i)][size_t(j)].get<double>();
      // Vectorised over the grid or not, the posterior differs by rounding only.
      CHECK(c == Approx(drill::naive_bayes::predict_proba(m, p).maxCoeff()).epsilon(1e-12));
      CHECK(c >= 1.0 / 3);
    }
  CHECK(t["train_accuracy"].get<double>() > 0.9);  // petals separate iris well (96% here)
}

TEST_CASE("The linreg trace descends towards the closed form, and ridge shrinks the weights", "[trace][linreg]") {
  const json t = mldrill::trace::linreg();
  const int epochs = t["epochs"];
  REQUIRE(t["loss"].size() == size_t(epochs + 1));
  for (int e = 1; e <= epochs; ++e) CHECK(t["loss"][e].get<double>() <= t["loss"][e - 1].get<double>());
  const double ols = t["ols_loss"];
  CHECK(t["loss"].back().get<double>() >= ols);                   // the closed form is the minimum
  CHECK(t["loss"].back().get<double>() <= ols * (1 + 1e-3));      // and descent gets there
  CHECK(t["test_r2"].get<double>() == Approx(0.599).margin(0.001));  // linreg case 7's reference
  const auto& path = t["ridge_path"];
  REQUIRE(path["lambda"].size() == path["w"].size());
  auto norm = [](const json& w) {
    double s = 0;
    for (double x : w) s += x * x;
    return std::sqrt(s);
  };
  for (size_t k = 1; k < path["w"].size(); ++k) CHECK(norm(path["w"][k]) <= norm(path["w"][k - 1]));
  CHECK(norm(path["w"].back()) < 0.1 * norm(path["w"][0]));
}

TEST_CASE("The pca trace holds the reference's signed axes, iris's scores and the digits' spectrum", "[trace][pca]") {
  const json t = mldrill::trace::pca();
  // The cloud: the reference's own fit, bit for bit; orthonormal rows, largest-|entry| positive.
  const Eigen::MatrixXd C = matrix_of(t["cloud"]["X"]);
  const drill::pca::Model mc = drill::pca::fit(C, 2);
  const Eigen::MatrixXd axes = matrix_of(t["cloud"]["components"]);
  CHECK(axes == mc.components);
  CHECK(row_of(t["cloud"]["mean"]) == mc.mean);
  CHECK((axes * axes.transpose() - Eigen::Matrix2d::Identity()).cwiseAbs().maxCoeff() < 1e-12);
  for (int r = 0; r < 2; ++r) {
    Eigen::Index top = 0;
    axes.row(r).cwiseAbs().maxCoeff(&top);
    CHECK(axes(r, top) > 0);
  }
  const Eigen::RowVectorXd ev = row_of(t["cloud"]["explained_variance"]);
  CHECK(ev[0] == Approx(4.0).epsilon(0.2));  // generated with std 2 and 0.6
  CHECK(ev[1] == Approx(0.36).epsilon(0.2));
  // Iris: the scores are transform() of the reference's k = 2 model; scikit-learn's ratios.
  const mldrill::data::Dataset& iris = mldrill::data::dataset("iris");
  const drill::pca::Model mi = drill::pca::fit(iris.X, 2);
  CHECK(matrix_of(t["iris"]["scores"]) == drill::pca::transform(mi, iris.X));
  CHECK(labels_of(t["iris"]["y"]) == iris.y);
  const Eigen::RowVectorXd ratio = row_of(t["iris"]["explained_variance_ratio"]);
  CHECK(ratio[0] == Approx(0.9246).margin(1e-4));
  CHECK(ratio[1] == Approx(0.0531).margin(1e-4));
  // Digits: all 64 directions, so the ratios are non-increasing and sum to 1; 8 components of 64.
  const Eigen::RowVectorXd spectrum = row_of(t["digits"]["explained_variance_ratio"]);
  REQUIRE(spectrum.size() == 64);
  for (int i = 1; i < 64; ++i) CHECK(spectrum[i] <= spectrum[i - 1]);
  CHECK(spectrum.sum() == Approx(1.0).margin(1e-12));
  CHECK(matrix_of(t["digits"]["components"]).rows() == 8);
  CHECK(matrix_of(t["digits"]["components"]).cols() == 64);
}

TEST_CASE("Every trace is deterministic and describes itself", "[trace]") {
  for (const auto& k : mldrill::trace::kinds()) {
    INFO(k.name);
    const json a = k.make();
    CHECK(a["trace"] == k.name);
    CHECK(a["description"].is_string());
    CHECK(!k.summary.empty());
    CHECK(a == k.make());
  }
}

// The registry (trace/drills.def) files each trace under a drill the catalog knows, drill
// by drill in the order `mldrill trace --help` lists them.
TEST_CASE("Every trace is registered under a known drill, in the registry's order", "[trace]") {
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& k : mldrill::trace::kinds()) {
    CHECK_NOTHROW(mldrill::catalog::exercise(k.drill));
    got.emplace_back(k.drill, k.name);
  }
  // The drills in got's order, each once: exactly trace/drills.def's lines, in order.
  std::vector<std::string> drills;
  for (const auto& [drill, name] : got)
    if (drills.empty() || drills.back() != drill) drills.push_back(drill);
  std::vector<std::string> registered;
  std::ifstream def(std::string(MLDRILL_SOURCE_DIR) + "/harness/trace/drills.def");
  const std::regex line_re(R"(^MLDRILL_TRACE_DRILL\(([a-z0-9_]+)\))");
  std::smatch m;
  for (std::string line; std::getline(def, line);)
    if (std::regex_search(line, m, line_re)) registered.push_back(m[1]);
  CHECK(drills == registered);
  // The first drills' traces, by name.
  REQUIRE(got.size() >= 5);
  const std::vector<std::pair<std::string, std::string>> first = {
      {"logreg", "logreg"}, {"logreg", "gradient-checks"}, {"kmeans", "kmeans"}, {"attention", "attention"}, {"mlp", "mlp"}};
  CHECK(std::vector<std::pair<std::string, std::string>>(got.begin(), got.begin() + 5) == first);
  CHECK_THROWS_WITH(mldrill::trace::make("knn"),
                    Catch::Matchers::StartsWith("no trace named 'knn' (known: logreg, gradient-checks, kmeans, attention, mlp"));
}

TEST_CASE("mldrill trace writes JSON to stdout or --out and refuses an unknown trace", "[trace]") {
  const auto out = sample::shell(sample::mldrill_binary() + " trace gradient-checks 2>/dev/null");
  REQUIRE(out.status == 0);
  CHECK(json::parse(out.text)["trace"] == "gradient-checks");
  const auto bad = sample::shell(sample::mldrill_binary() + " trace no-such-thing");
  CHECK(bad.status == 2);
  CHECK(bad.text.find("logreg") != std::string::npos);  // names what there is
}
