// The linear-regression contract (eigen flavor), exactly as the stub presents it.
// Shapes: n samples, d features; X is n × d, w is d, y is n (real-valued targets).
#pragma once
#include <Eigen/Dense>

namespace drill::linreg {

struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b);
double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b);
Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b);
Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs);
Model fit_ridge(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lambda);

}  // namespace drill::linreg
