// expect: accepted
// Plain loops everywhere: a triple loop for distances, a stable sort of indices, a count
// array and a strict ">" scan for the vote. Slow on big data, correct (time is information).
#include <Eigen/Dense>
#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace drill::knn {

Eigen::MatrixXd pairwise_sq_dist(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  Eigen::MatrixXd D(A.rows(), B.rows());
  for (int i = 0; i < A.rows(); ++i)
    for (int j = 0; j < B.rows(); ++j) {
      double s = 0;
      for (int f = 0; f < A.cols(); ++f) s += (A(i, f) - B(j, f)) * (A(i, f) - B(j, f));
      D(i, j) = s;
    }
  return D;
}

Eigen::VectorXi predict(const Eigen::MatrixXd& X_train, const Eigen::VectorXi& y_train,
                        const Eigen::MatrixXd& X_query, int k) {
  if (k < 1 || k > X_train.rows()) throw std::invalid_argument("bad k");
  Eigen::MatrixXd D = pairwise_sq_dist(X_query, X_train);
  int classes = 0;
  for (int i = 0; i < y_train.size(); ++i) classes = std::max(classes, y_train[i] + 1);
  Eigen::VectorXi out(X_query.rows());
  for (int q = 0; q < X_query.rows(); ++q) {
    std::vector<int> idx(X_train.rows());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return D(q, a) < D(q, b); });
    std::vector<int> count(classes, 0);
    for (int j = 0; j < k; ++j) count[y_train[idx[j]]]++;
    int best = 0;
    for (int c = 1; c < classes; ++c)
      if (count[c] > count[best]) best = c;
    out[q] = best;
  }
  return out;
}

}  // namespace drill::knn
