// expect: wrong_answer
// case: fit(synthetic,n=60,d=5,k=3)
// message: sign: the largest-|entry| of each component must be positive
// scikit-learn < 1.5's rule: the sign from the largest-|entry| of each column of U.
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
  for (int r = 0; r < k; ++r) { Eigen::Index t = 0; svd.matrixU().col(r).cwiseAbs().maxCoeff(&t); if (svd.matrixU()(t, r) < 0) m.components.row(r) *= -1.0; }
  m.explained_variance = s2.head(k);
  m.explained_variance_ratio = m.explained_variance / s2.sum();
  return m;
}

Eigen::MatrixXd transform(const Model& m, const Eigen::MatrixXd& X) {
  return (X.rowwise() - m.mean) * m.components.transpose();
}

Eigen::MatrixXd inverse_transform(const Model& m, const Eigen::MatrixXd& Z) {
  return (Z * m.components).rowwise() + m.mean;
}

}  // namespace drill::pca
