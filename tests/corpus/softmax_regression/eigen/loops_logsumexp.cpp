// expect: accepted
// Plain loops throughout; the loss by log-sum-exp on the logits; ties by maxCoeff (first maximum).
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::softmax_regression {
struct Gradient { Eigen::MatrixXd dW; Eigen::RowVectorXd db; };
struct Model    { Eigen::MatrixXd W;  Eigen::RowVectorXd b;  };

// Plain loops, one row at a time; the loss by log-sum-exp on the logits.
Eigen::MatrixXd softmax(const Eigen::MatrixXd& Z) {
  Eigen::MatrixXd P(Z.rows(), Z.cols());
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    double m = Z(i, 0);
    for (Eigen::Index j = 1; j < Z.cols(); ++j) m = std::max(m, Z(i, j));
    double s = 0;
    for (Eigen::Index j = 0; j < Z.cols(); ++j) s += P(i, j) = std::exp(Z(i, j) - m);
    for (Eigen::Index j = 0; j < Z.cols(); ++j) P(i, j) /= s;
  }
  return P;
}

static Eigen::MatrixXd logits(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b) {
  Eigen::MatrixXd Z(X.rows(), W.cols());
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index k = 0; k < W.cols(); ++k) {
      double z = b[k];
      for (Eigen::Index j = 0; j < X.cols(); ++j) z += X(i, j) * W(j, k);
      Z(i, k) = z;
    }
  return Z;
}

Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b) {
  return softmax(logits(X, W, b));
}

Eigen::VectorXi predict(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b) {
  const Eigen::MatrixXd Z = logits(X, W, b);
  Eigen::VectorXi y(Z.rows());
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    Eigen::Index k;
    Z.row(i).maxCoeff(&k);
    y[i] = int(k);
  }
  return y;
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b,
            double l2) {
  const Eigen::MatrixXd Z = logits(X, W, b);
  double total = 0;
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    double m = Z(i, 0), s = 0;
    for (Eigen::Index j = 1; j < Z.cols(); ++j) m = std::max(m, Z(i, j));
    for (Eigen::Index j = 0; j < Z.cols(); ++j) s += std::exp(Z(i, j) - m);
    total += m + std::log(s) - Z(i, y[i]);
  }
  double w2 = 0;
  for (Eigen::Index j = 0; j < W.rows(); ++j)
    for (Eigen::Index k = 0; k < W.cols(); ++k) w2 += W(j, k) * W(j, k);
  return total / double(Z.rows()) + l2 / 2 * w2;
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const Eigen::MatrixXd& W,
                  const Eigen::RowVectorXd& b, double l2) {
  const Eigen::MatrixXd P = predict_proba(X, W, b);
  const double n = double(X.rows());
  Gradient g{l2 * W, Eigen::RowVectorXd::Zero(W.cols())};
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index k = 0; k < W.cols(); ++k) {
      const double dz = (P(i, k) - (y[i] == k ? 1.0 : 0.0)) / n;
      g.db[k] += dz;
      for (Eigen::Index j = 0; j < X.cols(); ++j) g.dW(j, k) += X(i, j) * dz;
    }
  return g;
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int num_classes, double learning_rate, int epochs,
          double l2) {
  Model m{Eigen::MatrixXd::Zero(X.cols(), num_classes), Eigen::RowVectorXd::Zero(num_classes)};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.W, m.b, l2);
    m.W = m.W - learning_rate * g.dW;
    m.b = m.b - learning_rate * g.db;
  }
  return m;
}

}  // namespace drill::softmax_regression
