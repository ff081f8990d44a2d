// expect: wrong_answer
// case: predict_proba(iris model,queries=28)
// message: wrong on the 3 rows far from every class
// message: log-sum-exp
// Posteriors as exp(jll) / Σ exp(jll) with Eigen's vectorised exp, which clamps arguments
// below about −709 to one tiny value instead of 0: no NaN, but every class of a far row gets
// the same weight (1/3 each) where the posterior is (3e-4, 0, 1).
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::naive_bayes {

struct Model {
  Eigen::MatrixXd theta;
  Eigen::MatrixXd var;
  Eigen::VectorXd prior;
  double epsilon;
};

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, double var_smoothing) {
  const int C = y.maxCoeff() + 1;
  Eigen::MatrixXd onehot = Eigen::MatrixXd::Zero(X.rows(), C);
  for (Eigen::Index i = 0; i < X.rows(); ++i) onehot(i, y[i]) = 1.0;
  const Eigen::VectorXd count = onehot.colwise().sum().transpose();
  const Eigen::MatrixXd sum = onehot.transpose() * X, sumsq = onehot.transpose() * X.array().square().matrix();
  Model m;
  m.theta = sum.array().colwise() / count.array();
  const Eigen::RowVectorXd mean = X.colwise().mean();
  m.epsilon = var_smoothing * (X.array().square().colwise().mean() - mean.array().square()).maxCoeff();
  m.var = (sumsq.array().colwise() / count.array() - m.theta.array().square()) + m.epsilon;
  m.prior = count / double(X.rows());
  return m;
}

Eigen::MatrixXd joint_log_likelihood(const Model& m, const Eigen::MatrixXd& X) {
  Eigen::MatrixXd jll(X.rows(), m.theta.rows());
  for (Eigen::Index c = 0; c < m.theta.rows(); ++c) {
    const Eigen::ArrayXd quad =
        ((X.rowwise() - m.theta.row(c)).array().square().rowwise() / m.var.row(c).array()).rowwise().sum();
    jll.col(c) = (std::log(m.prior[c]) - 0.5 * (2 * M_PI * m.var.row(c).array()).log().sum() - 0.5 * quad).matrix();
  }
  return jll;
}

Eigen::MatrixXd predict_proba(const Model& m, const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd jll = joint_log_likelihood(m, X);
  const Eigen::ArrayXXd e = jll.array().exp();
  return e.colwise() / e.rowwise().sum();
}

Eigen::VectorXi predict(const Model& m, const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd jll = joint_log_likelihood(m, X);
  Eigen::VectorXi labels(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    Eigen::Index best;
    jll.row(i).maxCoeff(&best);
    labels[i] = int(best);
  }
  return labels;
}

}  // namespace drill::naive_bayes
