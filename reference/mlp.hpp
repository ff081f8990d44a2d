// The two-layer-network contract (eigen flavor), exactly as the stub presents it.
// Shapes: n samples, d features, h hidden units, c classes. X is n × d, y is n (0 .. c−1);
// W1 is d × h, b1 1 × h, W2 h × c, b2 1 × c. logits = relu(X W1 + b1) W2 + b2.
#pragma once
#include <Eigen/Dense>
#include <random>

namespace drill::mlp {

struct Params { Eigen::MatrixXd W1; Eigen::RowVectorXd b1; Eigen::MatrixXd W2; Eigen::RowVectorXd b2; };
using Grads = Params;  // same shapes, holding dL/dparam

struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };

Eigen::MatrixXd forward(const Params& p, const Eigen::MatrixXd& X);
double loss_and_grads(const Params& p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, Grads& grads);
Params init(int d, int h, int c, std::mt19937_64& rng);
Params train(Params p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const TrainOptions& opt,
             std::mt19937_64& rng);

}  // namespace drill::mlp
