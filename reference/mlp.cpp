// Reference two-layer network with hand-written backprop: the answer key.
// Softmax cross-entropy on the logits with the row max subtracted, so it is stable for any logit.
#include "mlp.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace drill::mlp {

// logits (n × c) = relu(X W1 + b1) W2 + b2
Eigen::MatrixXd forward(const Params& p, const Eigen::MatrixXd& X) {
  const Eigen::MatrixXd A1 = ((X * p.W1).rowwise() + p.b1).cwiseMax(0.0);
  return (A1 * p.W2).rowwise() + p.b2;
}

// L = mean_i [logsumexp(logits_i) − logits_i,y_i];  dL/dlogits = (softmax − onehot) / n.
double loss_and_grads(const Params& p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, Grads& grads) {
  const double n = static_cast<double>(X.rows());
  const Eigen::MatrixXd Z1 = (X * p.W1).rowwise() + p.b1;  // n × h, pre-activations
  const Eigen::MatrixXd A1 = Z1.cwiseMax(0.0);
  const Eigen::MatrixXd L = (A1 * p.W2).rowwise() + p.b2;  // n × c
  const Eigen::VectorXd m = L.rowwise().maxCoeff();
  Eigen::MatrixXd P = (L.colwise() - m).array().exp();  // exp() sees only values ≤ 0
  const Eigen::VectorXd s = P.rowwise().sum();
  double loss = 0;
  for (Eigen::Index i = 0; i < L.rows(); ++i) loss += m[i] + std::log(s[i]) - L(i, y[i]);
  P.array().colwise() /= s.array();  // softmax

  Eigen::MatrixXd dL = P;  // n × c
  for (Eigen::Index i = 0; i < L.rows(); ++i) dL(i, y[i]) -= 1.0;
  dL /= n;
  grads.W2 = A1.transpose() * dL;  // h × c
  grads.b2 = dL.colwise().sum();   // summed over the batch
  const Eigen::MatrixXd dZ1 = (dL * p.W2.transpose()).array() * (Z1.array() > 0.0).cast<double>();  // ReLU mask
  grads.W1 = X.transpose() * dZ1;  // d × h
  grads.b1 = dZ1.colwise().sum();
  return loss / n;
}

// He initialisation: W ~ N(0, 2 / fan_in), biases zero.
Params init(int d, int h, int c, std::mt19937_64& rng) {
  auto he = [&rng](int fan_in, int fan_out) {
    std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / fan_in));
    Eigen::MatrixXd W(fan_in, fan_out);
    for (Eigen::Index i = 0; i < W.rows(); ++i)
      for (Eigen::Index j = 0; j < W.cols(); ++j) W(i, j) = normal(rng);
    return W;
  };
  Eigen::MatrixXd W1 = he(d, h);
  Eigen::MatrixXd W2 = he(h, c);
  return {W1, Eigen::RowVectorXd::Zero(h), W2, Eigen::RowVectorXd::Zero(c)};
}

namespace {
// SGD with momentum, as PyTorch writes it: v = μ v + g;  θ −= lr v.
template <class T>
void step(T& theta, T& velocity, const T& grad, const TrainOptions& opt) {
  velocity = opt.momentum * velocity + grad;
  theta -= opt.learning_rate * velocity;
}
}  // namespace

// Minibatch SGD with momentum; the rows are reshuffled every epoch, the last batch may be short.
Params train(Params p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y, const TrainOptions& opt,
             std::mt19937_64& rng) {
  Params v{Eigen::MatrixXd::Zero(p.W1.rows(), p.W1.cols()), Eigen::RowVectorXd::Zero(p.b1.size()),
           Eigen::MatrixXd::Zero(p.W2.rows(), p.W2.cols()), Eigen::RowVectorXd::Zero(p.b2.size())};
  std::vector<int> order(static_cast<size_t>(X.rows()));
  std::iota(order.begin(), order.end(), 0);
  Grads g;
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (int start = 0; start < X.rows(); start += opt.batch_size) {
      const int m = std::min<int>(opt.batch_size, int(X.rows()) - start);
      Eigen::MatrixXd Xb(m, X.cols());
      Eigen::VectorXi yb(m);
      for (int k = 0; k < m; ++k) {
        Xb.row(k) = X.row(order[size_t(start + k)]);
        yb[k] = y[order[size_t(start + k)]];
      }
      loss_and_grads(p, Xb, yb, g);
      step(p.W1, v.W1, g.W1, opt);
      step(p.b1, v.b1, g.b1, opt);
      step(p.W2, v.W2, g.W2, opt);
      step(p.b2, v.b2, g.b2, opt);
    }
  }
  return p;
}

}  // namespace drill::mlp
