// Reference k-NN: the answer key. Distances by the expansion ‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b
// (one matrix product, as NumPy, scikit-learn and torch.cdist do), clamped at 0;
// neighbours ranked by (distance, training index); the vote's ties go to the smallest label.
#include "knn.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace drill::knn {

// D (rows of A × rows of B). The expansion cancels when a ≈ b far from the origin and can
// come out a hair below zero; a squared distance cannot, so clamp.
Eigen::MatrixXd pairwise_sq_dist(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  const Eigen::VectorXd a2 = A.rowwise().squaredNorm();  // m
  const Eigen::RowVectorXd b2 = B.rowwise().squaredNorm().transpose();  // n
  Eigen::MatrixXd D = -2.0 * A * B.transpose();
  D = ((D.colwise() + a2).rowwise() + b2).cwiseMax(0.0);  // one pass over D
  return D;
}

namespace {

// The k smallest entries of d, nearest first; equal distances: lower index first.
std::vector<int> nearest(const Eigen::VectorXd& d, int k) {
  std::vector<int> idx(static_cast<size_t>(d.size()));
  std::iota(idx.begin(), idx.end(), 0);
  std::partial_sort(idx.begin(), idx.begin() + k, idx.end(),
                    [&](int a, int b) { return d[a] < d[b] || (d[a] == d[b] && a < b); });
  idx.resize(static_cast<size_t>(k));
  return idx;
}

// Majority label; max_element keeps the first maximum, so a tied vote goes to the smallest label.
int vote(const std::vector<int>& neighbours, const Eigen::VectorXi& y, int classes) {
  std::vector<int> count(static_cast<size_t>(classes), 0);
  for (int i : neighbours) ++count[static_cast<size_t>(y[i])];
  return static_cast<int>(std::max_element(count.begin(), count.end()) - count.begin());
}

}  // namespace

// labels (m) by majority vote among each query's k nearest training rows.
Eigen::VectorXi predict(const Eigen::MatrixXd& X_train, const Eigen::VectorXi& y_train,
                        const Eigen::MatrixXd& X_query, int k) {
  const auto n = static_cast<int>(X_train.rows());
  if (k < 1 || k > n)
    throw std::invalid_argument("k = " + std::to_string(k) + " must be in 1 .. " + std::to_string(n));
  // n × m: one column per query, contiguous in Eigen's column-major storage.
  const Eigen::MatrixXd D = pairwise_sq_dist(X_train, X_query);
  const int classes = y_train.maxCoeff() + 1;
  Eigen::VectorXi labels(X_query.rows());
  for (Eigen::Index q = 0; q < X_query.rows(); ++q) labels[q] = vote(nearest(D.col(q), k), y_train, classes);
  return labels;
}

}  // namespace drill::knn
