// expect: wrong_answer
// case: predict(n=50,m=30,d=3,k=5)
// message: least common label
// absent: off by one
// absent: tied vote
// np.unique(..., return_counts=True) then argmin instead of argmax: the least common label
// among the k nearest wins. Once got numbers only.
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
    // labels, counts = np.unique(y_train[nearest], return_counts=True); labels[np.argmin(counts)]
    std::vector<int> labels, counts;
    for (int j = 0; j < k; ++j) {
      const int l = y_train[order[j]];
      auto at = std::lower_bound(labels.begin(), labels.end(), l);
      if (at != labels.end() && *at == l) {
        ++counts[size_t(at - labels.begin())];
      } else {
        counts.insert(counts.begin() + (at - labels.begin()), 1);
        labels.insert(at, l);
      }
    }
    out[q] = labels[size_t(std::min_element(counts.begin(), counts.end()) - counts.begin())];
  }
  return out;
}

}  // namespace drill::knn
