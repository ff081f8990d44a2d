// Lloyd's k-means and k-means++ seeding — xtensor flavor (NumPy's API in C++). Target: 45 minutes.
// Implement the two functions below; `mldrill check` grades fit first, then init_plus_plus.
// Shapes: n samples, d features, k clusters. X is n × d (one sample per row), centroids are
// k × d, labels are n cluster indices 0 .. k-1.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// xtensor 0.24 notes: xt::row(X, i) is X[i]; expressions are lazy, so `auto diff = X - c;`
// is recomputed each time it is read (assign to an xt::xtensor to keep it); `auto& next = C`
// is an alias, `xt::xtensor<double, 2> next = C;` a copy.
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <random>
#include <stdexcept>

namespace drill::kmeans {

struct Result {
  xt::xtensor<double, 2> centroids;  // k × d, after the last update
  xt::xtensor<int, 1> labels;        // n, index of the nearest centroid (lowest index on ties)
  double inertia;                    // sum of squared distances of rows to their labelled centroid
  int iterations;                    // number of assignment steps performed
};

// Lloyd's iterations from init_centroids (k × d), exactly:
//   C = init_centroids; prev = none
//   for it = 1 .. max_iter:
//     labels = index of each row's nearest centroid in C (lowest index on ties)
//     if labels == prev: break            // converged (never on the first step)
//     C = mean of each cluster's rows; an empty cluster keeps its centroid
//     prev = labels
//   return {C, labels, Σᵢ ‖xᵢ − C[labelsᵢ]‖², it}
// (If max_iter runs out, C has moved once more after the last assignment.)
// Throws std::invalid_argument if max_iter < 1 or init_centroids is empty.
Result fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 2>& init_centroids, int max_iter) {
  throw std::logic_error("not implemented: fit");
}

// k-means++ seeding: first centre uniform, each next one with probability ∝ D(x)²,
// D(x) the distance to the nearest centre chosen so far. Returns k rows of X (k × d), in the
// order chosen. Take all randomness from rng. The grader calls it only on data with at least
// k distinct rows.
xt::xtensor<double, 2> init_plus_plus(const xt::xtensor<double, 2>& X, int k, std::mt19937_64& rng) {
  throw std::logic_error("not implemented: init_plus_plus");
}

}  // namespace drill::kmeans
