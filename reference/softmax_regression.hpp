// The softmax-regression contract (eigen flavor), exactly as the stub presents it.
// Shapes: n samples, d features, c classes; X is n × d, W is d × c, b is 1 × c, y is n labels in 0 .. c − 1.
#pragma once
#include <Eigen/Dense>

namespace drill::softmax_regression {

struct Gradient { Eigen::MatrixXd dW; Eigen::RowVectorXd db; };  // d × c, 1 × c
struct Model    { Eigen::MatrixXd W;  Eigen::RowVectorXd b;  };  // d × c, 1 × c

Eigen::MatrixXd softmax(const Eigen::MatrixXd& Z);
Eigen::MatrixXd predict_proba(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b);
Eigen::VectorXi predict(const Eigen::MatrixXd& X, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b);
double loss(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const Eigen::MatrixXd& W, const Eigen::RowVectorXd& b,
            double l2);
Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const Eigen::MatrixXd& W,
                  const Eigen::RowVectorXd& b, double l2);
Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int num_classes, double learning_rate, int epochs,
          double l2);

}  // namespace drill::softmax_regression
