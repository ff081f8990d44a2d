// Reference Gaussian naive Bayes: the answer key, scikit-learn's GaussianNB (1.2.1) step by
// step. Variances are two-pass (mean first, then the mean squared deviation), as np.var.
#include "naive_bayes.hpp"

#include <cmath>

namespace drill::naive_bayes {

namespace {
// Biased (ddof = 0) variance of each column, two-pass as np.var(X, axis=0).
Eigen::RowVectorXd column_variance(const Eigen::MatrixXd& X) {
  const Eigen::RowVectorXd mean = X.colwise().mean();
  return (X.rowwise() - mean).array().square().colwise().mean().matrix();
}
}  // namespace

// theta, var (C × d), prior (C) and epsilon from the rows of each class.
Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, double var_smoothing) {
  const Eigen::Index n = X.rows(), d = X.cols();
  const int classes = y.maxCoeff() + 1;
  Model m{Eigen::MatrixXd(classes, d), Eigen::MatrixXd(classes, d), Eigen::VectorXd(classes), 0.0};
  m.epsilon = var_smoothing * column_variance(X).maxCoeff();
  for (int c = 0; c < classes; ++c) {
    const Eigen::Index count = (y.array() == c).count();
    Eigen::MatrixXd rows(count, d);
    for (Eigen::Index i = 0, r = 0; i < n; ++i)
      if (y[i] == c) rows.row(r++) = X.row(i);
    m.theta.row(c) = rows.colwise().mean();
    m.var.row(c) = column_variance(rows).array() + m.epsilon;
    m.prior[c] = double(count) / double(n);
  }
  return m;
}

// jll (n × C) = log prior_c − ½ Σⱼ log(2π var_cj) − ½ Σⱼ (x_ij − theta_cj)² / var_cj
Eigen::MatrixXd joint_log_likelihood(const Model& m, const Eigen::MatrixXd& X) {
  const Eigen::Index classes = m.theta.rows();
  Eigen::MatrixXd jll(X.rows(), classes);
  for (Eigen::Index c = 0; c < classes; ++c) {
    const double norm = -0.5 * (2.0 * M_PI * m.var.row(c).array()).log().sum();
    const Eigen::ArrayXXd z = (X.rowwise() - m.theta.row(c)).array().square().rowwise() / m.var.row(c).array();
    jll.col(c) = (std::log(m.prior[c]) + norm - 0.5 * z.rowwise().sum()).matrix();
  }
  return jll;
}

// exp(jll − logsumexp(jll)) per row, with the row max subtracted so exp never underflows to 0/0.
Eigen::MatrixXd predict_proba(const Model& m, const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd jll = joint_log_likelihood(m, X);
  const Eigen::VectorXd top = jll.rowwise().maxCoeff();
  const Eigen::ArrayXXd shifted = (jll.colwise() - top).array();
  const Eigen::VectorXd lse = top.array() + shifted.exp().rowwise().sum().log();
  return (jll.colwise() - lse).array().exp().matrix();
}

// argmax of each row of jll; a strict ">" keeps the first maximum, so ties go to the smallest label.
Eigen::VectorXi predict(const Model& m, const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd jll = joint_log_likelihood(m, X);
  Eigen::VectorXi labels(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    Eigen::Index best = 0;
    for (Eigen::Index c = 1; c < jll.cols(); ++c)
      if (jll(i, c) > jll(i, best)) best = c;
    labels[i] = int(best);
  }
  return labels;
}

}  // namespace drill::naive_bayes
