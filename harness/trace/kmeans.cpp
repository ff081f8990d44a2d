// kmeans's trace: k-means++ centroids, then Lloyd's iterations until the labels settle.
#include <fmt/format.h>

#include <random>
#include <vector>

#include "reference/kmeans.hpp"
#include "trace/common.hpp"

namespace mldrill::trace {

using nlohmann::json;

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

std::vector<TraceKind> traces_kmeans() {
  return {{"kmeans", "k-means: k-means++ start, then labels, centroids, inertia per Lloyd iteration", kmeans}};
}

}  // namespace mldrill::trace
