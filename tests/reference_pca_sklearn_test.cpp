// The pca reference against scikit-learn's PCA(svd_solver="full") (the oracle), run at test
// time through Debian's python3-sklearn (/usr/bin/python3; scripts/setup.sh --tests installs
// it). Debian's 1.2.1 pins signs from U; the drill pins them from the components (≥ 1.5), so
// scikit-learn's rows are flipped by that rule in Python first — every other number (mean,
// variances, ratios, transform, inverse_transform) is scikit-learn's own. Without
// scikit-learn these tests fail, never skip.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cases/inputs.hpp"
#include "data/dataset.hpp"
#include "grading/compare.hpp"
#include "python_oracle.hpp"
#include "reference/pca.hpp"

using namespace mldrill;
namespace pca = drill::pca;

namespace {

// Fits PCA on x.csv, answers for q.csv (transform) and z.csv (inverse_transform), after
// flipping each component so its largest-|entry| is positive (scores and Z flip with it).
const char* const kScript = R"(
import json, sys
import numpy as np
from sklearn.decomposition import PCA
d, k = ".", int(sys.argv[1])
X = np.loadtxt(d + "/x.csv", delimiter=",", ndmin=2)
Q = np.loadtxt(d + "/q.csv", delimiter=",", ndmin=2)
Z = np.loadtxt(d + "/z.csv", delimiter=",", ndmin=2)
m = PCA(n_components=k, svd_solver="full").fit(X)
C = m.components_
s = np.sign(C[np.arange(k), np.argmax(np.abs(C), axis=1)])
out = {"mean": m.mean_.tolist(), "components": (C * s[:, None]).tolist(),
       "ev": m.explained_variance_.tolist(), "ratio": m.explained_variance_ratio_.tolist(),
       "transform": (m.transform(Q) * s).tolist(), "inverse": m.inverse_transform(Z * s).tolist()}
json.dump(out, open(d + "/out.json", "w"))
)";

Eigen::MatrixXd column(const nlohmann::json& j) {
  Eigen::MatrixXd v(j.size(), 1);
  for (size_t i = 0; i < j.size(); ++i) v(Eigen::Index(i), 0) = j[i].get<double>();
  return v;
}

void require_close(const std::string& what, const Eigen::MatrixXd& got, const Eigen::MatrixXd& want,
                   grading::Tolerance tol) {
  const auto c = grading::check_close(what, grading::tensor(got), grading::tensor(want), tol);
  INFO(c.message());
  REQUIRE(c.ok);
}

// The reference equals scikit-learn's PCA on X with k components, and its transform of Q and
// inverse_transform of Z, within the drill's tolerances ten times tighter (components: 1e-9).
void require_same(const Eigen::MatrixXd& X, int k, const Eigen::MatrixXd& Q, const Eigen::MatrixXd& Z) {
  const testing::PythonRun py("pca");
  py.write_csv("x.csv", X);
  py.write_csv("q.csv", Q);
  py.write_csv("z.csv", Z);
  const auto r = py.run(kScript, std::to_string(k));
  INFO("scikit-learn's PCA through /usr/bin/python3 (scripts/setup.sh --tests installs python3-sklearn):\n"
       << r.text);
  REQUIRE(r.status == 0);
  const auto j = py.read_json("out.json");

  const pca::Model m = pca::fit(X, k);
  require_close("mean", m.mean.transpose(), column(j["mean"]), {1e-13 * (1 + X.cwiseAbs().maxCoeff()), 1e-10});
  require_close("components", m.components, testing::matrix_of(j["components"]), {1e-9, 0});
  const Eigen::MatrixXd ev = column(j["ev"]);
  require_close("explained_variance", m.explained_variance, ev, {1e-13 * ev.maxCoeff(), 1e-10});
  require_close("explained_variance_ratio", m.explained_variance_ratio, column(j["ratio"]), {1e-13, 1e-10});
  const Eigen::MatrixXd scores = testing::matrix_of(j["transform"]), back = testing::matrix_of(j["inverse"]);
  require_close("transform", pca::transform(m, Q), scores, {1e-13 * (1 + scores.cwiseAbs().maxCoeff()), 1e-10});
  require_close("inverse_transform", pca::inverse_transform(m, Z), back,
                {1e-13 * (1 + back.cwiseAbs().maxCoeff()), 1e-10});
}

}  // namespace

TEST_CASE("pca reference = scikit-learn's PCA on iris (k = 2 and k = d)", "[pca]") {
  const data::Dataset& iris = data::dataset("iris");
  cases::Draw r(3);
  require_same(iris.X, 2, iris.X, r.normal(10, 2));
  require_same(iris.X, 4, iris.X.topRows(20), r.normal(10, 4));
}

TEST_CASE("pca reference = scikit-learn's PCA on the raw digits pixels, k = 10", "[pca]") {
  const data::Dataset& digits = data::dataset("digits");
  cases::Draw r(4);
  require_same(digits.X, 10, digits.X.topRows(50), r.normal(15, 10, 5.0));
}

TEST_CASE("pca reference = scikit-learn's PCA on rotated anisotropic data, off-centre, n < d", "[pca]") {
  cases::Draw r(5);
  const Eigen::RowVectorXd stds = Eigen::RowVectorXd::LinSpaced(6, 4.0, 0.5);
  const Eigen::MatrixXd Q = Eigen::HouseholderQR<Eigen::MatrixXd>(r.normal(6, 6)).householderQ();
  const Eigen::MatrixXd X = ((r.normal(80, 6) * stds.asDiagonal()) * Q.transpose()).rowwise() +
                            Eigen::RowVectorXd::LinSpaced(6, -20.0, 50.0);
  require_same(X, 3, r.normal(12, 6, 3.0), r.normal(9, 3));
  require_same(X.topRows(4), 3, X.bottomRows(5), r.normal(5, 3));  // n = 4 < d = 6: k ≤ min(n, d)
}
