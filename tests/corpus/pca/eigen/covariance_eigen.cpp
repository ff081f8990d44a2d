// expect: accepted
// The covariance route: SelfAdjointEigenSolver of Xcᵀ Xc / (n − 1), eigenpairs taken from the
// end (it sorts them increasing), the ratio over the trace, then the sign rule.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drill::pca {

struct Model {
  Eigen::RowVectorXd mean;
  Eigen::MatrixXd components;
  Eigen::VectorXd explained_variance;
  Eigen::VectorXd explained_variance_ratio;
};

void flip(Eigen::MatrixXd& C) {
  for (Eigen::Index r = 0; r < C.rows(); ++r) {
    Eigen::Index top = 0;
    C.row(r).cwiseAbs().maxCoeff(&top);
    if (C(r, top) < 0) C.row(r) *= -1.0;
  }
}

Model fit(const Eigen::MatrixXd& X, int k) {
  const Eigen::Index n = X.rows(), d = X.cols();
  if (k < 1 || k > std::min(n, d)) throw std::invalid_argument("bad k");
  Model m;
  m.mean = X.colwise().mean();
  const Eigen::MatrixXd Xc = X.rowwise() - m.mean;
  const Eigen::MatrixXd cov = Xc.transpose() * Xc / double(n - 1);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
  m.components.resize(k, d);
  m.explained_variance.resize(k);
  for (int i = 0; i < k; ++i) {  // eigenvalues come increasing: take them from the end
    m.components.row(i) = eig.eigenvectors().col(d - 1 - i).transpose();
    m.explained_variance[i] = eig.eigenvalues()[d - 1 - i];
  }
  flip(m.components);
  m.explained_variance_ratio = m.explained_variance / cov.trace();
  return m;
}

Eigen::MatrixXd transform(const Model& m, const Eigen::MatrixXd& X) {
  return (X.rowwise() - m.mean) * m.components.transpose();
}

Eigen::MatrixXd inverse_transform(const Model& m, const Eigen::MatrixXd& Z) {
  return (Z * m.components).rowwise() + m.mean;
}

}  // namespace drill::pca
