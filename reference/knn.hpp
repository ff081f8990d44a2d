// The k-nearest-neighbours contract (eigen flavor), exactly as the stub presents it.
// Shapes: n training rows, m query rows, d features; X_train is n × d, X_query m × d,
// y_train holds n class indices 0 .. C-1; k neighbours vote.
#pragma once
#include <Eigen/Dense>

namespace drill::knn {

Eigen::MatrixXd pairwise_sq_dist(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);
Eigen::VectorXi predict(const Eigen::MatrixXd& X_train, const Eigen::VectorXi& y_train,
                        const Eigen::MatrixXd& X_query, int k);

}  // namespace drill::knn
