// Gaussian naive Bayes, as scikit-learn's GaussianNB — eigen flavor. Target: 20 minutes.
// Implement the four functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features, C classes. X is n × d (one sample per row), y holds n class
// indices 0 .. C−1 (C = max(y) + 1; every class has at least one row).
// Keep the names, signatures and structs exactly as they are: the grader calls them.
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace drill::naive_bayes {

struct Model {
  Eigen::MatrixXd theta;  // C × d: mean of each feature over the class's rows
  Eigen::MatrixXd var;    // C × d: BIASED variance (divide by the class's row count, ddof = 0) + epsilon
  Eigen::VectorXd prior;  // C: class frequency count_c / n
  double epsilon;         // var_smoothing × the largest biased variance of any feature over ALL rows of X
};

// Fits the model; epsilon is added to EVERY entry of var.
Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, double var_smoothing) {
  throw std::logic_error("not implemented: fit");
}

// n × C joint log-likelihood:
//   jll[i, c] = log prior_c − ½ Σⱼ log(2π var_cj) − ½ Σⱼ (x_ij − theta_cj)² / var_cj
Eigen::MatrixXd joint_log_likelihood(const Model& m, const Eigen::MatrixXd& X) {
  throw std::logic_error("not implemented: joint_log_likelihood");
}

// n × C posteriors exp(jll − logsumexp(jll)) per row; rows sum to 1. Must stay finite when every
// jll of a row is far below −745 (exp underflows to 0): use log-sum-exp or subtract the row max.
Eigen::MatrixXd predict_proba(const Model& m, const Eigen::MatrixXd& X) {
  throw std::logic_error("not implemented: predict_proba");
}

// argmax over c of jll[i, c]; equal jll → the SMALLEST label (np.argmax).
Eigen::VectorXi predict(const Model& m, const Eigen::MatrixXd& X) {
  throw std::logic_error("not implemented: predict");
}

}  // namespace drill::naive_bayes
