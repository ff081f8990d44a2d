// Reference PCA: the answer key, scikit-learn's PCA(svd_solver="full") step by step — centre,
// thin SVD of the centred X, variances s²/(n − 1), ratio over the trace of the covariance,
// then the pinned sign rule on the rows of Vᵀ.
#include "pca.hpp"

#include <algorithm>
#include <stdexcept>

namespace drill::pca {

void flip_signs(Eigen::MatrixXd& components) {
  for (Eigen::Index r = 0; r < components.rows(); ++r) {
    Eigen::Index top = 0;
    components.row(r).cwiseAbs().maxCoeff(&top);  // Eigen returns the first maximum
    if (components(r, top) < 0) components.row(r) *= -1.0;
  }
}

Model fit(const Eigen::MatrixXd& X, int k) {
  const Eigen::Index n = X.rows(), d = X.cols();
  if (k < 1 || k > std::min(n, d)) throw std::invalid_argument("fit: k must be in 1 .. min(n, d)");
  Model m;
  m.mean = X.colwise().mean();
  const Eigen::MatrixXd Xc = X.rowwise() - m.mean;
  // Jacobi: singular values to full relative accuracy, sorted decreasing.
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(Xc, Eigen::ComputeThinV);
  const Eigen::VectorXd s = svd.singularValues().head(k);
  m.components = svd.matrixV().leftCols(k).transpose();
  flip_signs(m.components);
  m.explained_variance = s.array().square() / double(n - 1);
  // Total variance: the trace of the covariance, as np.var(X, ddof=1, axis=0).sum().
  const double total = Xc.array().square().sum() / double(n - 1);
  m.explained_variance_ratio = m.explained_variance / total;
  return m;
}

Eigen::MatrixXd transform(const Model& m, const Eigen::MatrixXd& X) {
  return (X.rowwise() - m.mean) * m.components.transpose();
}

Eigen::MatrixXd inverse_transform(const Model& m, const Eigen::MatrixXd& Z) {
  return (Z * m.components).rowwise() + m.mean;
}

}  // namespace drill::pca
