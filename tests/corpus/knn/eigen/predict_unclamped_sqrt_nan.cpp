// expect: wrong_answer
// case: predict(near-duplicates,|x|~1e3,k=1)
// message: NaN
// message: Clamp at 0
// pairwise_sq_dist is right (row by row, never negative), but predict recomputes distances
// with the expansion, unclamped, and takes their sqrt: NaN for near-duplicates.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace drill::knn {

Eigen::MatrixXd pairwise_sq_dist(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  Eigen::MatrixXd D(A.rows(), B.rows());
  for (Eigen::Index i = 0; i < A.rows(); ++i) D.row(i) = (B.rowwise() - A.row(i)).rowwise().squaredNorm().transpose();
  return D;
}

Eigen::MatrixXd euclidean(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  Eigen::MatrixXd D = (-2.0 * A * B.transpose()).colwise() + A.rowwise().squaredNorm();
  D.rowwise() += B.rowwise().squaredNorm().transpose();
  return D.cwiseSqrt();
}

Eigen::VectorXi predict(const Eigen::MatrixXd& X_train, const Eigen::VectorXi& y_train,
                        const Eigen::MatrixXd& X_query, int k) {
  if (k < 1 || k > X_train.rows()) throw std::invalid_argument("k out of range");
  const Eigen::MatrixXd D = euclidean(X_query, X_train);
  Eigen::VectorXi out(X_query.rows());
  for (Eigen::Index q = 0; q < D.rows(); ++q) {
    std::vector<int> order(D.cols());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return D(q, a) < D(q, b); });
    std::vector<int> count(y_train.maxCoeff() + 1, 0);
    for (int j = 0; j < k; ++j) ++count[y_train[order[j]]];
    out[q] = int(std::max_element(count.begin(), count.end()) - count.begin());
  }
  return out;
}

}  // namespace drill::knn
