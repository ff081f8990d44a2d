// The PCA contract (eigen flavor), exactly as the stub presents it: scikit-learn's PCA with
// ddof = 1 and the sign rule of scikit-learn ≥ 1.5 (largest-|entry| of each component positive).
#pragma once
#include <Eigen/Dense>

namespace drill::pca {

struct Model {
  Eigen::RowVectorXd mean;                   // 1 × d: column means of the training X
  Eigen::MatrixXd components;                // k × d: rows are the unit principal axes, by decreasing variance
  Eigen::VectorXd explained_variance;        // k: the k largest eigenvalues of the covariance, ddof = 1
  Eigen::VectorXd explained_variance_ratio;  // k: explained_variance / total variance (all d directions)
};

Model fit(const Eigen::MatrixXd& X, int k);
Eigen::MatrixXd transform(const Model& m, const Eigen::MatrixXd& X);
Eigen::MatrixXd inverse_transform(const Model& m, const Eigen::MatrixXd& Z);

// The sign rule on its own (svd_flip(u_based_decision=False)): each row flipped so that its
// entry of largest |value| (the first, if several tie) is positive. The cases reuse it.
void flip_signs(Eigen::MatrixXd& components);

}  // namespace drill::pca
