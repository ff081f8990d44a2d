// `mldrill trace`: data that shows an algorithm at work, computed with the references
// (reference/), for the notebooks to plot. Every trace is seeded, so it is the same on
// every run.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mldrill::trace {

struct TraceKind {
  std::string name;     // "logreg", "gradient-checks", "kmeans", "attention", "mlp"
  std::string summary;  // one line, for --help and errors
  nlohmann::json (*make)();
  std::string drill{};  // the drill whose reference it runs (its harness/trace/<drill>.cpp)
};
// Every drill's traces, drill by drill (trace/drills.def registers a drill's file).
const std::vector<TraceKind>& kinds();

// Throws std::invalid_argument naming the known traces when `name` is not one of them.
nlohmann::json make(const std::string& name);

// The traces themselves (each also reachable through make()), in harness/trace/<drill>.cpp.
// logreg: 2-D two-class data, loss and (w, b) per gradient-descent epoch, the fitted model.
nlohmann::json logreg();
// gradient-checks: relative errors of the numerical gradient check on the logreg gradient,
// correct and with known bugs, at many seeded points, beside the grader's threshold.
nlohmann::json gradient_checks();
// kmeans: 2-D blobs, the k-means++ centroids, then labels, centroids and inertia per Lloyd
// iteration until convergence (the last is the reference fit()'s result).
nlohmann::json kmeans();
// attention: the softmax weight matrices P of plain and causal self-attention on a small
// seeded example, and the reference's outputs P V.
nlohmann::json attention();
// mlp: the two-layer network trained on 2-D spirals, loss and train/held-out accuracy per
// epoch, initial and trained weights, the decision regions on a grid.
nlohmann::json mlp();
// naive_bayes: the reference's Gaussian naive Bayes on iris's two petal features: the fitted
// model, the decision regions and the winning posterior on a grid, the training accuracy.
nlohmann::json naive_bayes();
// linreg: the diabetes split of linreg's graded case 7, descent's training MSE per epoch, the
// closed form's, and the ridge path (weights and held-out R² per lambda).
nlohmann::json linreg();
// pca: the reference's PCA of a 2-D cloud (mean, signed axes, variances), iris's scores on two
// components, the digits' explained_variance_ratio over all 64 directions and 8 leading components.
nlohmann::json pca();

}  // namespace mldrill::trace
