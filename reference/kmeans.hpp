// The k-means contract (eigen flavor), exactly as the stub presents it.
// Shapes: n samples, d features, k clusters; X is n × d, centroids k × d, labels n.
#pragma once
#include <Eigen/Dense>
#include <random>

namespace drill::kmeans {

struct Result {
  Eigen::MatrixXd centroids;  // k × d, after the last update
  Eigen::VectorXi labels;     // n, index of the nearest centroid (lowest index on ties)
  double inertia;             // sum of squared distances of rows to their labelled centroid
  int iterations;             // number of assignment steps performed
};

Result fit(const Eigen::MatrixXd& X, const Eigen::MatrixXd& init_centroids, int max_iter);
Eigen::MatrixXd init_plus_plus(const Eigen::MatrixXd& X, int k, std::mt19937_64& rng);

}  // namespace drill::kmeans
