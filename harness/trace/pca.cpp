// pca's trace: the principal axes of a 2-D cloud (signs by the pinned rule), iris projected
// on its first two components, and the digits' explained-variance spectrum and leading components.
#include <cmath>

#include "cases/inputs.hpp"
#include "data/dataset.hpp"
#include "reference/pca.hpp"
#include "trace/common.hpp"

namespace mldrill::trace {

using nlohmann::json;

namespace {

// A correlated 2-D Gaussian cloud, offset from the origin (std 2 and 0.6, rotated 30°).
Eigen::MatrixXd cloud(int n) {
  cases::Draw r(17);
  Eigen::MatrixXd X = r.normal(n, 2);
  X.col(0) *= 2.0;
  X.col(1) *= 0.6;
  const double a = 0.5235987755982988;  // 30°
  Eigen::Matrix2d R;
  R << std::cos(a), std::sin(a), -std::sin(a), std::cos(a);
  X = X * R;
  X.rowwise() += Eigen::RowVector2d(3.0, 1.0);
  return X;
}

}  // namespace

json pca() {
  const Eigen::MatrixXd C = cloud(300);
  const drill::pca::Model mc = drill::pca::fit(C, 2);
  const data::Dataset& iris = data::dataset("iris");
  const drill::pca::Model mi = drill::pca::fit(iris.X, 2);
  const data::Dataset& digits = data::dataset("digits");
  const drill::pca::Model md = drill::pca::fit(digits.X, 64);  // all 64 directions: the whole spectrum
  return {{"trace", "pca"},
          {"description", "PCA (the reference: centring, SVD, ddof = 1, each component's largest-|entry| positive): "
                          "a 2-D cloud with its axes, iris on its first two components, the digits' spectrum."},
          {"cloud", {{"X", matrix_json(C)},
                     {"mean", vector_json(mc.mean)},
                     {"components", matrix_json(mc.components)},
                     {"explained_variance", vector_json(mc.explained_variance)}}},
          {"iris", {{"scores", matrix_json(drill::pca::transform(mi, iris.X))},
                    {"y", labels_json(iris.y)},
                    {"explained_variance_ratio", vector_json(mi.explained_variance_ratio)}}},
          {"digits", {{"explained_variance_ratio", vector_json(md.explained_variance_ratio)},
                      {"mean", vector_json(md.mean)},
                      {"components", matrix_json(md.components.topRows(8))}}}};
}

std::vector<TraceKind> traces_pca() {
  return {{"pca", "PCA: a cloud's principal axes, iris on two components, the digits' variance spectrum", pca}};
}

}  // namespace mldrill::trace
