// expect: wrong_answer
// case: predict(n=30,d=5,c=4)
// message: tie: lowest class
// >= keeps the LAST of equal logits.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drill::softmax_regression {
struct Gradient { Eigen::MatrixXd dW; Eigen::RowVectorXd db; };
struct Model    { Eigen::MatrixXd W;  Eigen::RowVectorXd b;  };

Eigen::MatrixXd softmax(const Eigen::MatrixXd& Z) {
  Eigen::MatrixXd E = (Z.colwise() - Z.rowwise().maxCoeff()).array().exp().matrix();
  return E.array().colwise() / E.rowwise().sum().array();
}

Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b) {
  return softmax((X * W).rowwise() + b);
}

Eigen::VectorXi predict(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b) {
  const Eigen::MatrixXd Z = (X * W).rowwise() + b;
  Eigen::VectorXi y(Z.rows());
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    int k = 0;
    for (int j = 1; j < Z.cols(); ++j)
      if (Z(i, j) >= Z(i, k)) k = j;
    y[i] = k;
  }
  return y;
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b,
            double l2) {
  const Eigen::MatrixXd P = predict_proba(X, W, b);
  double total = 0;
  for (Eigen::Index i = 0; i < X.rows(); ++i) total -= std::log(std::max(P(i, y[i]), 1e-15));
  return total / double(X.rows()) + 0.5 * l2 * W.squaredNorm();
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const Eigen::MatrixXd& W,
                  const Eigen::RowVectorXd& b, double l2) {
  Eigen::MatrixXd dZ = predict_proba(X, W, b);
  for (Eigen::Index i = 0; i < X.rows(); ++i) dZ(i, y[i]) -= 1.0;
  dZ /= double(X.rows());
  return {X.transpose() * dZ + l2 * W, dZ.colwise().sum()};
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int num_classes, double learning_rate, int epochs,
          double l2) {
  Model m{Eigen::MatrixXd::Zero(X.cols(), num_classes), Eigen::RowVectorXd::Zero(num_classes)};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.W, m.b, l2);
    m.W -= learning_rate * g.dW;
    m.b -= learning_rate * g.db;
  }
  return m;
}

}  // namespace drill::softmax_regression
