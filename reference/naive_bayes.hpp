// The Gaussian naive Bayes contract (eigen flavor), exactly as the stub presents it.
// Shapes: n samples, d features, C classes; X is n × d, y holds n class indices 0 .. C−1.
#pragma once
#include <Eigen/Dense>

namespace drill::naive_bayes {

struct Model {
  Eigen::MatrixXd theta;  // C × d: mean of each feature over the class's rows
  Eigen::MatrixXd var;    // C × d: biased variance (ddof = 0) + epsilon
  Eigen::VectorXd prior;  // C: class frequency count_c / n
  double epsilon;         // var_smoothing × the largest biased variance of any feature over all rows
};

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, double var_smoothing);
Eigen::MatrixXd joint_log_likelihood(const Model& m, const Eigen::MatrixXd& X);
Eigen::MatrixXd predict_proba(const Model& m, const Eigen::MatrixXd& X);
Eigen::VectorXi predict(const Model& m, const Eigen::MatrixXd& X);

}  // namespace drill::naive_bayes
