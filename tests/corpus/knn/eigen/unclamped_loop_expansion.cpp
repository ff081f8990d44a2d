// expect: wrong_answer
// case: pairwise_sq_dist(near-duplicates,|x|~1e3)
// message: entries are negative
// message: clamp at 0
// The expansion written with dot products in a loop, not clamped: a second style of the
// same slip, with its own rounding, must fail the clamping case too.
#include <Eigen/Dense>
#include <queue>
#include <stdexcept>
#include <utility>
#include <vector>

namespace drill::knn {

Eigen::MatrixXd pairwise_sq_dist(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  Eigen::MatrixXd D(A.rows(), B.rows());
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    for (Eigen::Index j = 0; j < B.rows(); ++j)
      D(i, j) = A.row(i).squaredNorm() + B.row(j).squaredNorm() - 2 * A.row(i).dot(B.row(j));
  return D;
}

Eigen::VectorXi predict(const Eigen::MatrixXd& X_train, const Eigen::VectorXi& y_train,
                        const Eigen::MatrixXd& X_query, int k) {
  if (k <= 0 || k > X_train.rows()) throw std::invalid_argument("invalid k");
  const Eigen::MatrixXd D = pairwise_sq_dist(X_query, X_train);
  Eigen::VectorXi out(X_query.rows());
  for (Eigen::Index q = 0; q < D.rows(); ++q) {
    std::priority_queue<std::pair<double, int>> heap;  // the largest of the k kept is on top
    for (int j = 0; j < D.cols(); ++j) {
      heap.emplace(D(q, j), j);
      if (int(heap.size()) > k) heap.pop();
    }
    std::vector<int> count(y_train.maxCoeff() + 1, 0);
    for (; !heap.empty(); heap.pop()) ++count[y_train[heap.top().second]];
    int best = 0;
    for (int c = 0; c < int(count.size()); ++c)
      if (count[c] > count[best]) best = c;
    out[q] = best;
  }
  return out;
}

}  // namespace drill::knn
