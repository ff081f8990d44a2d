// expect: wrong_answer
// case: predict(invalid,n=10,k=0|-1|11)
// message: returned instead of throwing
// Never validates k: k = 0 votes among nobody and returns label 0.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
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
  const Eigen::MatrixXd D = pairwise_sq_dist(X_query, X_train);
  Eigen::VectorXi out(X_query.rows());
  for (Eigen::Index q = 0; q < D.rows(); ++q) {
    std::vector<int> order(D.cols());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return D(q, a) < D(q, b); });
    std::vector<int> count(y_train.maxCoeff() + 1, 0);
    for (int j = 0; j < std::min<Eigen::Index>(k, D.cols()); ++j) ++count[y_train[order[j]]];
    out[q] = int(std::max_element(count.begin(), count.end()) - count.begin());
  }
  return out;
}

}  // namespace drill::knn
