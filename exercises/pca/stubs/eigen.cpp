// Principal component analysis, as scikit-learn's PCA — eigen flavor. Target: 20 minutes.
// Implement the three functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features, k components. X is n × d (one sample per row).
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// Eigen::SelfAdjointEigenSolver returns eigenvalues in INCREASING order; Eigen::BDCSVD /
// JacobiSVD return singular values in decreasing order (V's COLUMNS are the axes).
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drill::pca {

struct Model {
  Eigen::RowVectorXd mean;                   // 1 × d: column means of the training X
  Eigen::MatrixXd components;                // k × d: ROWS are the unit principal axes, by decreasing variance
  Eigen::VectorXd explained_variance;        // k: the k largest eigenvalues of the covariance, ddof = 1
  Eigen::VectorXd explained_variance_ratio;  // k: explained_variance / TOTAL variance (all d directions)
};

// Centres X by its column means and takes the k leading eigenvectors of the covariance
// Xcᵀ Xc / (n − 1) (or the k leading right singular vectors of Xc, variance s² / (n − 1)).
// Sign rule: in each row of components, the entry of largest |value| is POSITIVE (the first
// one if two tie). Throws std::invalid_argument unless 1 ≤ k ≤ min(n, d).
Model fit(const Eigen::MatrixXd& X, int k) {
  throw std::logic_error("not implemented: fit");
}

// (X − mean) componentsᵀ: n × k scores (no whitening).
Eigen::MatrixXd transform(const Model& m, const Eigen::MatrixXd& X) {
  throw std::logic_error("not implemented: transform");
}

// Z components + mean: n × d reconstruction.
Eigen::MatrixXd inverse_transform(const Model& m, const Eigen::MatrixXd& Z) {
  throw std::logic_error("not implemented: inverse_transform");
}

}  // namespace drill::pca
