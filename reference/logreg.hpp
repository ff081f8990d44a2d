// The logistic-regression contract (eigen flavor), exactly as the stub presents it.
// Shapes: n samples, d features; X is n × d, w is d, y is n (0.0 or 1.0).
#pragma once
#include <Eigen/Dense>

namespace drill::logreg {

struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b);
double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b);
Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b);
Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs);

}  // namespace drill::logreg
