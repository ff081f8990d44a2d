// expect: accepted
// Row by row with broadcasting, (B.rowwise() − a).rowwise().squaredNorm(); the k nearest
// by nth_element on (distance, index) pairs (order inside the k does not matter for a
// vote); votes in a std::map, scanned in ascending label order.
#include <Eigen/Dense>
#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

namespace drill::knn {

Eigen::MatrixXd pairwise_sq_dist(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  Eigen::MatrixXd D(A.rows(), B.rows());
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    D.row(i) = (B.rowwise() - A.row(i)).rowwise().squaredNorm().transpose();
  return D;
}

Eigen::VectorXi predict(const Eigen::MatrixXd& X_train, const Eigen::VectorXi& y_train,
                        const Eigen::MatrixXd& X_query, int k) {
  if (k < 1 || k > X_train.rows()) throw std::invalid_argument("need 1 <= k <= n");
  const Eigen::MatrixXd D = pairwise_sq_dist(X_query, X_train);
  Eigen::VectorXi out(X_query.rows());
  for (Eigen::Index q = 0; q < D.rows(); ++q) {
    std::vector<std::pair<double, int>> cand;
    for (int j = 0; j < D.cols(); ++j) cand.emplace_back(D(q, j), j);
    std::nth_element(cand.begin(), cand.begin() + (k - 1), cand.end());
    std::map<int, int> votes;
    for (int j = 0; j < k; ++j) votes[y_train[cand[j].second]]++;
    int best = -1, best_count = 0;
    for (auto [label, count] : votes)
      if (count > best_count) best = label, best_count = count;
    out[q] = best;
  }
  return out;
}

}  // namespace drill::knn
