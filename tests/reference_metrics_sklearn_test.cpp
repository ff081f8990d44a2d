// The metrics reference against scikit-learn (the oracle), run at test time through Debian's
// python3-sklearn (/usr/bin/python3; scripts/setup.sh --tests installs it): confusion_matrix,
// precision_recall_fscore_support (labels = range(C), zero_division = 0; per class, macro,
// micro), roc_curve(drop_intermediate=False) with its first threshold replaced by +inf (1.2
// writes max + 1), roc_auc_score and average_precision_score, on every set the drill grades.
// Without scikit-learn these tests fail, never skip.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>

#include "cases/metrics_sets.hpp"
#include "grading/compare.hpp"
#include "python_oracle.hpp"
#include "reference/metrics.hpp"

using namespace mldrill;
namespace ref = drill::metrics;
using namespace mldrill::cases::metrics_sets;

namespace {

// Reads the sets from in.json, writes every result to out.json; floats travel as repr()
// strings both ways, so NaN, ±inf and every bit survive.
const char* const kScript = R"(
import json, sys, warnings
import numpy as np
from sklearn import metrics
warnings.simplefilter("ignore")
d = "."
sets = json.load(open(d + "/in.json"))
f = lambda a: [repr(float(x)) for x in a]
out = {"multiclass": [], "binary": []}
for s in sets["multiclass"]:
    t, p, C = np.array(s["y_true"], dtype=int), np.array(s["y_pred"], dtype=int), s["C"]
    labels = list(range(C))
    P, R, F, S = metrics.precision_recall_fscore_support(t, p, labels=labels, zero_division=0)
    mac = metrics.precision_recall_fscore_support(t, p, labels=labels, zero_division=0, average="macro")[:3]
    mic = metrics.precision_recall_fscore_support(t, p, labels=labels, zero_division=0, average="micro")[:3]
    out["multiclass"].append({"M": metrics.confusion_matrix(t, p, labels=labels).ravel().tolist(),
        "precision": f(P), "recall": f(R), "f1": f(F), "support": [int(x) for x in S],
        "macro": f(mac), "micro": f(mic)})
for s in sets["binary"]:
    y, sc = np.array(s["y"], dtype=int), np.array([float(x) for x in s["score"]])
    fpr, tpr, thr = metrics.roc_curve(y, sc, drop_intermediate=False)
    r = {"fpr": f(fpr), "tpr": f(tpr), "thresholds": f(thr), "ap": repr(float(metrics.average_precision_score(y, sc)))}
    if len(set(y.tolist())) == 2:
        r["auc"] = repr(float(metrics.roc_auc_score(y, sc)))
    out["binary"].append(r)
json.dump(out, open(d + "/out.json", "w"))
)";

std::string repr(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

std::vector<int> ints(const Eigen::VectorXi& v) { return {v.data(), v.data() + v.size()}; }

double number(const nlohmann::json& j) { return std::strtod(j.get<std::string>().c_str(), nullptr); }

Eigen::VectorXd numbers(const nlohmann::json& j) {
  Eigen::VectorXd v(j.size());
  for (size_t i = 0; i < j.size(); ++i) v[Eigen::Index(i)] = number(j[i]);
  return v;
}

nlohmann::json sklearn(const std::vector<Multiclass>& mc, const std::vector<Binary>& bin) {
  nlohmann::json in = {{"multiclass", nlohmann::json::array()}, {"binary", nlohmann::json::array()}};
  for (const auto& s : mc) in["multiclass"].push_back({{"y_true", ints(s.y_true)}, {"y_pred", ints(s.y_pred)}, {"C", s.C}});
  for (const auto& s : bin) {
    std::vector<std::string> score;
    for (Eigen::Index i = 0; i < s.score.size(); ++i) score.push_back(repr(s.score[i]));
    in["binary"].push_back({{"y", ints(s.y)}, {"score", score}});
  }
  const testing::PythonRun py("metrics");
  py.write("in.json", in.dump());
  const auto r = py.run(kScript);
  INFO("scikit-learn through /usr/bin/python3 (scripts/setup.sh --tests installs python3-sklearn):\n" << r.text);
  REQUIRE(r.status == 0);
  return py.read_json("out.json");
}

// NaN where the oracle has NaN, ±inf the same, every other entry within 1e-15 (the drill allows 1e-12).
void require_close(const std::string& what, const Eigen::VectorXd& got, const Eigen::VectorXd& want) {
  INFO(what << ": got " << got.transpose() << "\nwant " << want.transpose());
  REQUIRE(got.size() == want.size());
  for (Eigen::Index i = 0; i < got.size(); ++i) {
    INFO("entry " << i);
    if (std::isnan(want[i]))
      REQUIRE(std::isnan(got[i]));
    else if (std::isinf(want[i]))
      REQUIRE(got[i] == want[i]);
    else
      REQUIRE(std::abs(got[i] - want[i]) <= 1e-15);
  }
}

}  // namespace

TEST_CASE("metrics reference = scikit-learn on every multiclass set the drill grades", "[metrics]") {
  const auto sets = multiclass_sets();
  const auto j = sklearn(sets, {});
  for (size_t k = 0; k < sets.size(); ++k) {
    const Multiclass& s = sets[k];
    const auto& w = j["multiclass"][k];
    INFO("set " << s.name);
    const Eigen::MatrixXi M = ref::confusion_matrix(s.y_true, s.y_pred, s.C);
    const Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowwise = M;
    CHECK(std::vector<int>(rowwise.data(), rowwise.data() + rowwise.size()) == w["M"].get<std::vector<int>>());
    const ref::PerClass p = ref::per_class(s.y_true, s.y_pred, s.C);
    require_close("precision", p.precision, numbers(w["precision"]));
    require_close("recall", p.recall, numbers(w["recall"]));
    require_close("f1", p.f1, numbers(w["f1"]));
    CHECK(ints(p.support) == w["support"].get<std::vector<int>>());
    const ref::Averages mac = ref::macro_average(s.y_true, s.y_pred, s.C);
    require_close("macro", Eigen::Vector3d(mac.precision, mac.recall, mac.f1), numbers(w["macro"]));
    const ref::Averages mic = ref::micro_average(s.y_true, s.y_pred, s.C);
    require_close("micro", Eigen::Vector3d(mic.precision, mic.recall, mic.f1), numbers(w["micro"]));
  }
}

TEST_CASE("metrics reference = scikit-learn on every binary set the drill grades (first threshold +inf)",
          "[metrics]") {
  const auto sets = binary_sets();
  const auto j = sklearn({}, sets);
  for (size_t k = 0; k < sets.size(); ++k) {
    const Binary& s = sets[k];
    const auto& w = j["binary"][k];
    INFO("set " << s.name);
    const ref::Roc r = ref::roc_curve(s.y, s.score);
    Eigen::VectorXd thresholds = numbers(w["thresholds"]);
    // scikit-learn 1.2 writes max + 1, which is max itself at ±1e300; ≥ 1.3 writes +inf.
    CHECK(thresholds[0] == s.score.maxCoeff() + 1);
    thresholds[0] = std::numeric_limits<double>::infinity();
    CHECK(r.thresholds == thresholds);  // exactly
    require_close("fpr", r.fpr, numbers(w["fpr"]));
    require_close("tpr", r.tpr, numbers(w["tpr"]));
    require_close("average precision", Eigen::VectorXd::Constant(1, ref::average_precision(s.y, s.score)),
                  Eigen::VectorXd::Constant(1, std::abs(number(w["ap"]))));  // -0.0 without positives
    if (w.contains("auc"))
      require_close("auc", Eigen::VectorXd::Constant(1, ref::roc_auc(s.y, s.score)),
                    Eigen::VectorXd::Constant(1, number(w["auc"])));
    else
      CHECK_THROWS_AS(ref::roc_auc(s.y, s.score), std::invalid_argument);
  }
}

TEST_CASE("metrics reference: the huge-scores set is where scikit-learn 1.2's max + 1 is no threshold above max",
          "[metrics]") {
  for (const Binary& s : binary_sets())
    if (std::string(s.name) == "huge scores ±1e300") CHECK(s.score.maxCoeff() + 1 == s.score.maxCoeff());
}

TEST_CASE("metrics sets have the distinct-score counts the statement gives", "[metrics]") {
  for (const Binary& s : binary_sets()) {
    INFO("set " << s.name);
    const Eigen::Index points = ref::roc_curve(s.y, s.score).thresholds.size();
    const std::string name = s.name;
    if (name == "continuous") CHECK(points == 201);  // no ties
    if (name == "heavy ties") CHECK(points == 12);   // 11 values
    if (name == "six distinct scores") CHECK(points == 7);
    if (name == "all scores equal") CHECK(points == 2);
  }
}
