// expect: wrong_answer
// case: transform(reference model,rows=20)
// message: transform must subtract the mean first
// transform projects X itself: X componentsᵀ, the mean never subtracted.
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
  const Eigen::Index n = X.rows();
  if (k < 1 || k > std::min(X.rows(), X.cols())) throw std::invalid_argument("bad k");
  Model m;
  m.mean = X.colwise().mean();
  const Eigen::MatrixXd Xc = X.rowwise() - m.mean;
  Eigen::BDCSVD<Eigen::MatrixXd> svd(Xc, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::VectorXd s2 = svd.singularValues().array().square() / double(n - 1);
  m.components = svd.matrixV().leftCols(k).transpose();
  flip(m.components);
  m.explained_variance = s2.head(k);
  m.explained_variance_ratio = m.explained_variance / s2.sum();
  return m;
}

Eigen::MatrixXd transform(const Model& m, const Eigen::MatrixXd& X) {
  return X * m.components.transpose();
}

Eigen::MatrixXd inverse_transform(const Model& m, const Eigen::MatrixXd& Z) {
  return (Z * m.components).rowwise() + m.mean;
}

}  // namespace drill::pca
