// The classification-metrics contract (eigen flavor), exactly as the stub presents it.
// n samples, C classes (labels 0 .. C−1), k distinct scores; scikit-learn's definitions.
#pragma once
#include <Eigen/Dense>

namespace drill::metrics {

struct PerClass {
  Eigen::VectorXd precision, recall, f1;  // C entries each; 0 where a denominator is 0
  Eigen::VectorXi support;                // C: true samples of each class
};
struct Averages {
  double precision, recall, f1;
};
struct Roc {
  Eigen::VectorXd fpr, tpr, thresholds;  // k + 1 entries each; thresholds[0] = +inf
};

Eigen::MatrixXi confusion_matrix(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C);
PerClass per_class(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C);
Averages macro_average(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C);
Averages micro_average(const Eigen::VectorXi& y_true, const Eigen::VectorXi& y_pred, int C);
Roc roc_curve(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score);
double roc_auc(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score);
double average_precision(const Eigen::VectorXi& y_true, const Eigen::VectorXd& score);

}  // namespace drill::metrics
