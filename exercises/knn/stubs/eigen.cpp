// k-nearest-neighbours classifier — eigen flavor. Target: 30 minutes.
// Implement the two functions below; `mldrill check` grades them in this order.
// Shapes: n training rows, m query rows, d features. X_train is n × d, X_query is m × d
// (one sample per row); y_train holds n class indices 0 .. C-1.
// Keep the names and signatures exactly as they are: the grader calls them.
#include <Eigen/Dense>
#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace drill::knn {

// Squared Euclidean distances, (rows of A) × (rows of B): D(i, j) = ‖A.row(i) − B.row(j)‖².
// The vectorised form ‖a‖² + ‖b‖² − 2 a·b is fine, but it can dip just below 0 for
// near-duplicate rows: clamp at 0.
Eigen::MatrixXd pairwise_sq_dist(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  throw std::logic_error("not implemented: pairwise_sq_dist");
}

// Label of each query row (a vector of m) by majority vote among its k nearest training rows.
// Distance ties: the lower training index is nearer. Vote ties: the smallest label wins.
// Throws std::invalid_argument when k < 1 or k > n.
Eigen::VectorXi predict(const Eigen::MatrixXd& X_train, const Eigen::VectorXi& y_train,
                        const Eigen::MatrixXd& X_query, int k) {
  throw std::logic_error("not implemented: predict");
}

}  // namespace drill::knn
