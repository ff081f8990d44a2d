// expect: accepted
// The NumPy way: ‖a‖² + ‖b‖² − 2 a·b in one matrix product, clamped at 0; argsort with a
// (distance, index) comparator; a bincount vector and Eigen's maxCoeff (first maximum).
#include <Eigen/Dense>
#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace drill::knn {

Eigen::MatrixXd pairwise_sq_dist(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  Eigen::MatrixXd D = (-2.0 * A * B.transpose()).colwise() + A.rowwise().squaredNorm();
  D.rowwise() += B.rowwise().squaredNorm().transpose();
  return D.cwiseMax(0.0);
}

Eigen::VectorXi predict(const Eigen::MatrixXd& X_train, const Eigen::VectorXi& y_train,
                        const Eigen::MatrixXd& X_query, int k) {
  if (k < 1 || k > X_train.rows()) throw std::invalid_argument("k out of range");
  const Eigen::MatrixXd D = pairwise_sq_dist(X_query, X_train);
  Eigen::VectorXi labels(X_query.rows());
  for (Eigen::Index q = 0; q < D.rows(); ++q) {
    std::vector<Eigen::Index> order(D.cols());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
      return D(q, a) != D(q, b) ? D(q, a) < D(q, b) : a < b;
    });
    Eigen::VectorXi bins = Eigen::VectorXi::Zero(y_train.maxCoeff() + 1);
    for (int j = 0; j < k; ++j) bins(y_train(order[j])) += 1;
    Eigen::Index label;
    bins.maxCoeff(&label);
    labels(q) = int(label);
  }
  return labels;
}

}  // namespace drill::knn
