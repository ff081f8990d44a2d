// The naive_bayes reference against scikit-learn's GaussianNB (the oracle), run at test time
// through Debian's python3-sklearn (/usr/bin/python3; scripts/setup.sh --tests installs it):
// theta_, var_, class_prior_, epsilon_, _joint_log_likelihood, predict_proba and predict on
// iris, the digits split the drill grades, unbalanced synthetic data and a feature constant
// within a class. Without scikit-learn these tests fail, never skip.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cases/inputs.hpp"
#include "data/dataset.hpp"
#include "grading/compare.hpp"
#include "python_oracle.hpp"
#include "reference/naive_bayes.hpp"

using namespace mldrill;
namespace nb = drill::naive_bayes;

namespace {

// Fits GaussianNB on train.csv and answers for query.csv; every float as JSON (repr: exact).
const char* const kScript = R"(
import json, sys
import numpy as np
from sklearn.naive_bayes import GaussianNB
d, vs = ".", float(sys.argv[1])
train = np.loadtxt(d + "/train.csv", delimiter=",", ndmin=2)
Q = np.loadtxt(d + "/query.csv", delimiter=",", ndmin=2)
m = GaussianNB(var_smoothing=vs).fit(train[:, :-1], train[:, -1].astype(int))
assert list(m.classes_) == list(range(len(m.classes_)))
out = {"theta": m.theta_.tolist(), "var": m.var_.tolist(), "prior": m.class_prior_.tolist(),
       "epsilon": float(m.epsilon_), "jll": m._joint_log_likelihood(Q).tolist(),
       "proba": m.predict_proba(Q).tolist(), "predict": m.predict(Q).tolist()}
json.dump(out, open(d + "/out.json", "w"))
)";

struct Sklearn {
  nb::Model model;
  Eigen::MatrixXd jll, proba;
  Eigen::VectorXi predict;
};

Eigen::VectorXd vector(const nlohmann::json& j) {
  Eigen::VectorXd v(j.size());
  for (size_t i = 0; i < j.size(); ++i) v[Eigen::Index(i)] = j[i].get<double>();
  return v;
}

Sklearn sklearn(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, double var_smoothing, const Eigen::MatrixXd& Q) {
  const testing::PythonRun py("naive_bayes");
  py.write_csv("train.csv", X, &y);
  py.write_csv("query.csv", Q);
  char vs[40];
  std::snprintf(vs, sizeof vs, "%.17g", var_smoothing);
  const auto r = py.run(kScript, vs);
  INFO("scikit-learn's GaussianNB through /usr/bin/python3 (scripts/setup.sh --tests installs python3-sklearn):\n"
       << r.text);
  REQUIRE(r.status == 0);
  const auto j = py.read_json("out.json");
  Sklearn s{{testing::matrix_of(j["theta"]), testing::matrix_of(j["var"]), vector(j["prior"]), j["epsilon"].get<double>()},
            testing::matrix_of(j["jll"]), testing::matrix_of(j["proba"]), vector(j["predict"]).cast<int>()};
  return s;
}

void require_close(const std::string& what, const Eigen::MatrixXd& got, const Eigen::MatrixXd& want,
                   grading::Tolerance tol) {
  const auto c = grading::check_close(what, grading::tensor(got), grading::tensor(want), tol);
  INFO(c.message());
  REQUIRE(c.ok);
}

// The reference equals GaussianNB on (X, y, var_smoothing) and on the queries Q, to rounding:
// the drill's own tolerances, ten times tighter. Predictions are compared where the two
// largest jll are more than 1e-9 relative apart (elsewhere rounding decides).
void require_same(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, double var_smoothing,
                  const Eigen::MatrixXd& Q) {
  const Sklearn want = sklearn(X, y, var_smoothing, Q);
  const nb::Model m = nb::fit(X, y, var_smoothing);
  const double scale = 1.0 + X.cwiseAbs().maxCoeff();
  const grading::Tolerance moments{1e-13 * scale * scale, 1e-10};
  require_close("theta", m.theta, want.model.theta, moments);
  require_close("var", m.var, want.model.var, moments);
  require_close("prior", m.prior, want.model.prior, {1e-16, 1e-13});
  require_close("epsilon", Eigen::MatrixXd::Constant(1, 1, m.epsilon), Eigen::MatrixXd::Constant(1, 1, want.model.epsilon),
                {0, 1e-10});
  // jll, proba and labels of the reference's own model on the queries.
  const Eigen::MatrixXd jll = nb::joint_log_likelihood(m, Q);
  require_close("jll", jll, want.jll, {1e-13 * (1 + want.jll.cwiseAbs().maxCoeff()), 1e-10});
  require_close("proba", nb::predict_proba(m, Q), want.proba, {1e-13, 1e-10});
  const Eigen::VectorXi labels = nb::predict(m, Q);
  for (Eigen::Index i = 0; i < Q.rows(); ++i) {
    Eigen::VectorXd row = jll.row(i);
    std::sort(row.data(), row.data() + row.size(), std::greater<double>());
    if (row.size() > 1 && row[0] - row[1] <= 1e-9 * std::abs(row[0])) continue;
    INFO("query " << i);
    REQUIRE(labels[i] == want.predict[i]);
  }
}

}  // namespace

TEST_CASE("naive_bayes reference = GaussianNB on iris, with far rows whose exp(jll) underflows",
          "[naive_bayes]") {
  const data::Dataset& iris = data::dataset("iris");
  cases::Draw r(5);
  Eigen::MatrixXd Q(iris.X.rows() + 3, 4);
  Q << iris.X + r.normal(iris.X.rows(), 4, 0.5), (Eigen::MatrixXd(3, 4) << -5, 16, -1, -1, 1, 16, 13, -5, -4, 15, 2, 11)
                                                      .finished();
  require_same(iris.X, iris.y, 1e-9, Q);
  require_same(iris.X, iris.y, 1e-2, iris.X);
}

TEST_CASE("naive_bayes reference = GaussianNB on the digits split the drill grades", "[naive_bayes]") {
  const data::Split s = data::stratified_split(data::dataset("digits"), 0.2, 7);
  require_same(s.X_train, s.y_train, 1e-9, s.X_test);
}

TEST_CASE("naive_bayes reference = GaussianNB on unbalanced classes, shuffled labels and constant features",
          "[naive_bayes]") {
  for (uint64_t seed : {1, 2, 3}) {
    INFO("seed " << seed);
    cases::Draw r(seed);
    const int n = 60, d = 5, classes = 4;
    Eigen::MatrixXd X = r.normal(n, d);
    Eigen::VectorXi y(n);
    for (int i = 0; i < n; ++i) {
      y[i] = i < classes ? i : (r.uniform() < 0.5 ? 0 : 1 + r.below(classes - 1));  // every class present
      X.row(i) = X.row(i).cwiseProduct(Eigen::RowVectorXd::LinSpaced(d, 0.1, 3.0)).array() + 2.0 * y[i] - 7.0;
      if (y[i] == 2) X(i, 3) = 4.25;  // constant within class 2: its variance is exactly epsilon
    }
    require_same(X, y, seed == 2 ? 0.3 : 1e-9, r.normal(20, d, 3.0));  // one python start per seed
  }
}
