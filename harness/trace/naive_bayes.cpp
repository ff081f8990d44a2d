// naive_bayes's trace: Gaussian naive Bayes on iris's petals, its class Gaussians, decision
// regions and winning posterior.
#include "data/dataset.hpp"
#include "reference/naive_bayes.hpp"
#include "trace/common.hpp"

namespace mldrill::trace {

using nlohmann::json;

json naive_bayes() {
  // Iris on its two petal features (columns 2, 3): three classes, two of them overlapping.
  const data::Dataset& iris = data::dataset("iris");
  const Eigen::MatrixXd X = iris.X.rightCols(2);
  const drill::naive_bayes::Model m = drill::naive_bayes::fit(X, iris.y, 1e-9);
  // The decision regions and the winning posterior on a grid, computed by the reference.
  constexpr int grid = 120;
  const double x0 = 0.0, x1 = 7.5, y0 = -0.5, y1 = 3.0;
  Eigen::MatrixXd G(grid * grid, 2);
  for (int i = 0; i < grid; ++i)
    for (int j = 0; j < grid; ++j)
      G.row(i * grid + j) << x0 + (x1 - x0) * j / (grid - 1), y0 + (y1 - y0) * i / (grid - 1);
  const Eigen::VectorXi label = drill::naive_bayes::predict(m, G);
  const Eigen::MatrixXd proba = drill::naive_bayes::predict_proba(m, G);
  json cls = json::array(), conf = json::array();
  for (int i = 0; i < grid; ++i) {
    json crow = json::array(), prow = json::array();
    for (int j = 0; j < grid; ++j) {
      crow.push_back(label[i * grid + j]);
      prow.push_back(proba.row(i * grid + j).maxCoeff());
    }
    cls.push_back(crow);
    conf.push_back(prow);
  }
  const Eigen::VectorXi fitted = drill::naive_bayes::predict(m, X);
  return {{"trace", "naive_bayes"},
          {"description", "Gaussian naive Bayes (the reference, var_smoothing 1e-9) on iris's petal length and width: "
                          "one axis-aligned Gaussian per class, the decision regions and the winning posterior."},
          {"features", {iris.feature_names[2], iris.feature_names[3]}},
          {"X", matrix_json(X)},
          {"y", labels_json(iris.y)},
          {"theta", matrix_json(m.theta)},
          {"var", matrix_json(m.var)},
          {"prior", vector_json(m.prior)},
          {"epsilon", m.epsilon},
          {"grid", {{"x", {x0, x1}}, {"y", {y0, y1}}, {"size", grid}, {"class", cls}, {"confidence", conf}}},
          {"train_accuracy", (fitted.array() == iris.y.array()).cast<double>().mean()}};
}

std::vector<TraceKind> traces_naive_bayes() {
  return {{"naive_bayes", "Gaussian naive Bayes on iris's petals: class Gaussians, decision regions, posteriors",
           naive_bayes}};
}

}  // namespace mldrill::trace
