// Reference softmax regression: the answer key. The loss is written on the logits
// (log-sum-exp), so it is finite for any logits.
#include "softmax_regression.hpp"

#include <cmath>

namespace drill::softmax_regression {

namespace {
Eigen::MatrixXd logits(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b) {
  return (X * W).rowwise() + b;
}
}  // namespace

// Each row shifted by its max, so exp() never sees a positive argument and the sum is ≥ 1.
Eigen::MatrixXd softmax(const Eigen::MatrixXd& Z) {
  Eigen::MatrixXd E = (Z.colwise() - Z.rowwise().maxCoeff()).array().exp().matrix();
  return E.array().colwise() / E.rowwise().sum().array();
}

Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b) {
  return softmax(logits(X, W, b));
}

// maxCoeff(&k) keeps the first of equal maxima: the lowest class, as NumPy's argmax.
Eigen::VectorXi predict(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b) {
  const Eigen::MatrixXd Z = logits(X, W, b);
  Eigen::VectorXi labels(Z.rows());
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    Eigen::Index k = 0;
    Z.row(i).maxCoeff(&k);
    labels[i] = int(k);
  }
  return labels;
}

// −log softmax(z)[y] = logsumexp(z) − z[y], with logsumexp(z) = m + log Σ exp(z − m).
double loss(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b,
            double l2) {
  const Eigen::MatrixXd Z = logits(X, W, b);
  double total = 0;
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    const double m = Z.row(i).maxCoeff();
    total += m + std::log((Z.row(i).array() - m).exp().sum()) - Z(i, y[i]);
  }
  return total / double(Z.rows()) + 0.5 * l2 * W.squaredNorm();
}

// dZ = (P − Y) / n; dW = Xᵀ dZ + l2 W; db = column sums of dZ.
Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const Eigen::MatrixXd& W,
                  const Eigen::RowVectorXd& b, double l2) {
  Eigen::MatrixXd dZ = predict_proba(X, W, b);
  for (Eigen::Index i = 0; i < dZ.rows(); ++i) dZ(i, y[i]) -= 1.0;
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
