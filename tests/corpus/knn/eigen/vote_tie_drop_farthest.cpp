// expect: wrong_answer
// case: predict(n=50,m=30,d=3,k=5)
// message: dropping the farthest neighbour
// absent: off by one
// absent: k − 1 neighbours
// Votes among all k; a tied vote is re-run without the farthest neighbour until it is not
// tied (a textbook rule, not the contract's smallest label). At k = n every query is tied,
// so this once read as "you vote among k − 1 neighbours".
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
  if (k < 1 || k > X_train.rows()) throw std::invalid_argument("k out of range");
  const Eigen::MatrixXd D = pairwise_sq_dist(X_query, X_train);
  Eigen::VectorXi out(X_query.rows());
  for (Eigen::Index q = 0; q < D.rows(); ++q) {
    std::vector<int> order(D.cols());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return D(q, a) < D(q, b); });
    // Majority vote; on a tie, drop the farthest neighbour and vote again (a textbook rule).
    int kk = k;
    int best = 0;
    while (true) {
      std::vector<int> count(y_train.maxCoeff() + 1, 0);
      for (int j = 0; j < kk; ++j) ++count[y_train[order[j]]];
      best = int(std::max_element(count.begin(), count.end()) - count.begin());
      if (std::count(count.begin(), count.end(), count[best]) == 1 || kk == 1) break;
      --kk;
    }
    out[q] = best;
  }
  return out;
}

}  // namespace drill::knn
