// expect: wrong_answer
// case: predict_proba(iris model,queries=28)
// message: NaN: exp underflowed to 0/0
// message: log-sum-exp
// Posteriors as exp(jll) / Σ exp(jll) without subtracting the row max: 0/0 = NaN on rows far from every class.
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace drill::naive_bayes {

struct Model {
  Eigen::MatrixXd theta;
  Eigen::MatrixXd var;
  Eigen::VectorXd prior;
  double epsilon;
};

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, double var_smoothing) {
  const int n = int(X.rows()), d = int(X.cols());
  int C = 0;
  for (int i = 0; i < n; ++i) C = std::max(C, y[i] + 1);
  Model m{Eigen::MatrixXd::Zero(C, d), Eigen::MatrixXd::Zero(C, d), Eigen::VectorXd::Zero(C), 0.0};
  std::vector<int> count(C, 0);
  for (int i = 0; i < n; ++i) {
    ++count[y[i]];
    for (int j = 0; j < d; ++j) m.theta(y[i], j) += X(i, j);
  }
  for (int c = 0; c < C; ++c)
    for (int j = 0; j < d; ++j) m.theta(c, j) /= count[c];
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) m.var(y[i], j) += (X(i, j) - m.theta(y[i], j)) * (X(i, j) - m.theta(y[i], j));
  double largest = 0;
  for (int j = 0; j < d; ++j) {
    double mean = 0, ss = 0;
    for (int i = 0; i < n; ++i) mean += X(i, j);
    mean /= n;
    for (int i = 0; i < n; ++i) ss += (X(i, j) - mean) * (X(i, j) - mean);
    largest = std::max(largest, ss / n);
  }
  m.epsilon = var_smoothing * largest;
  for (int c = 0; c < C; ++c) {
    m.prior[c] = double(count[c]) / n;
    for (int j = 0; j < d; ++j) m.var(c, j) = m.var(c, j) / count[c] + m.epsilon;
  }
  return m;
}

Eigen::MatrixXd joint_log_likelihood(const Model& m, const Eigen::MatrixXd& X) {
  const int n = int(X.rows()), d = int(X.cols()), C = int(m.theta.rows());
  Eigen::MatrixXd jll(n, C);
  for (int c = 0; c < C; ++c) {
    double norm = 0;
    for (int j = 0; j < d; ++j) norm += std::log(2 * M_PI * m.var(c, j));
    for (int i = 0; i < n; ++i) {
      double z = 0;
      for (int j = 0; j < d; ++j) z += (X(i, j) - m.theta(c, j)) * (X(i, j) - m.theta(c, j)) / m.var(c, j);
      jll(i, c) = std::log(m.prior[c]) - 0.5 * norm - 0.5 * z;
    }
  }
  return jll;
}

Eigen::MatrixXd predict_proba(const Model& m, const Eigen::MatrixXd& X) {
  Eigen::MatrixXd p = joint_log_likelihood(m, X);
  for (int i = 0; i < p.rows(); ++i) {
    const double top = 0;
    double sum = 0;
    for (int c = 0; c < p.cols(); ++c) sum += std::exp(p(i, c) - top);
    for (int c = 0; c < p.cols(); ++c) p(i, c) = std::exp(p(i, c) - top) / sum;
  }
  return p;
}

Eigen::VectorXi predict(const Model& m, const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd jll = joint_log_likelihood(m, X);
  Eigen::VectorXi labels(X.rows());
  for (int i = 0; i < jll.rows(); ++i) {
    int best = 0;
    for (int c = 1; c < jll.cols(); ++c)
      if (jll(i, c) > jll(i, best)) best = c;
    labels[i] = best;
  }
  return labels;
}

}  // namespace drill::naive_bayes
