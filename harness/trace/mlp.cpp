// mlp's trace: the two-layer network training on 2-D spirals, and its decision regions.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "cases/inputs.hpp"
#include "reference/mlp.hpp"
#include "trace/common.hpp"

namespace mldrill::trace {

using nlohmann::json;

namespace {

json params_json(const drill::mlp::Params& p) {
  return {{"W1", matrix_json(p.W1)}, {"b1", vector_json(p.b1)}, {"W2", matrix_json(p.W2)}, {"b2", vector_json(p.b2)}};
}

// Index of each row's largest logit (the first on ties).
Eigen::VectorXi argmax_rows(const Eigen::MatrixXd& logits) {
  Eigen::VectorXi k(logits.rows());
  for (Eigen::Index i = 0; i < logits.rows(); ++i) logits.row(i).maxCoeff(&k[i]);
  return k;
}

double accuracy(const drill::mlp::Params& p, const Eigen::MatrixXd& X, const Eigen::VectorXi& y) {
  return double((argmax_rows(drill::mlp::forward(p, X)).array() == y.array()).count()) / double(y.size());
}

// `classes` interleaved spiral arms in 2-D: radius t, angle 4t + 2πc/classes plus noise, t
// uniform in [0, 1).
void spirals(int n, int classes, double noise, uint64_t seed, Eigen::MatrixXd& X, Eigen::VectorXi& y) {
  cases::Draw draw(seed);
  X.resize(n, 2);
  y.resize(n);
  for (int i = 0; i < n; ++i) {
    y(i) = i % classes;
    const double t = draw.uniform();
    const double angle = 4.0 * t + 2.0 * M_PI * y(i) / classes + noise * draw.normal();
    X(i, 0) = t * std::cos(angle);
    X(i, 1) = t * std::sin(angle);
  }
}

}  // namespace

json mlp() {
  constexpr int n = 600, classes = 3, hidden = 64, grid = 80;
  constexpr uint64_t data_seed = 20261127, init_seed = 11, train_seed = 12;
  Eigen::MatrixXd X;
  Eigen::VectorXi y;
  spirals(n, classes, 0.2, data_seed, X, y);
  // Every third point of each arm is held out.
  std::vector<int> train_rows, test_rows;
  for (int i = 0; i < n; ++i) (i / classes % 3 == 2 ? test_rows : train_rows).push_back(i);
  const int n_train = int(train_rows.size());
  const Eigen::MatrixXd X_train = X(train_rows, Eigen::all), X_test = X(test_rows, Eigen::all);
  const Eigen::VectorXi y_train = y(train_rows), y_test = y(test_rows);
  drill::mlp::TrainOptions opt;
  opt.epochs = 150;
  opt.batch_size = 32;
  opt.learning_rate = 0.1;
  opt.momentum = 0.9;
  std::mt19937_64 init_rng(init_seed);
  const drill::mlp::Params p0 = drill::mlp::init(2, hidden, classes, init_rng);

  // The reference train()'s loop, epoch by epoch, with its loss_and_grads and its update
  // (v = μ v + g; θ −= lr v); train(p0, ..., mt19937_64(train_seed)) reaches the same weights.
  drill::mlp::Params p = p0;
  drill::mlp::Params v{Eigen::MatrixXd::Zero(p.W1.rows(), p.W1.cols()), Eigen::RowVectorXd::Zero(p.b1.size()),
                       Eigen::MatrixXd::Zero(p.W2.rows(), p.W2.cols()), Eigen::RowVectorXd::Zero(p.b2.size())};
  auto step = [&opt](auto& theta, auto& velocity, const auto& grad) {
    velocity = opt.momentum * velocity + grad;
    theta -= opt.learning_rate * velocity;
  };
  std::mt19937_64 rng(train_seed);
  std::vector<int> order(static_cast<size_t>(n_train));
  std::iota(order.begin(), order.end(), 0);
  json loss = json::array(), train_accuracy = json::array(), test_accuracy = json::array();
  drill::mlp::Grads g;
  for (int epoch = 0;; ++epoch) {
    loss.push_back(drill::mlp::loss_and_grads(p, X_train, y_train, g));
    train_accuracy.push_back(accuracy(p, X_train, y_train));
    test_accuracy.push_back(accuracy(p, X_test, y_test));
    if (epoch == opt.epochs) break;
    std::shuffle(order.begin(), order.end(), rng);
    for (int start = 0; start < n_train; start += opt.batch_size) {
      const int m = std::min(opt.batch_size, n_train - start);
      Eigen::MatrixXd Xb(m, 2);
      Eigen::VectorXi yb(m);
      for (int r = 0; r < m; ++r) {
        Xb.row(r) = X_train.row(order[size_t(start + r)]);
        yb[r] = y_train[order[size_t(start + r)]];
      }
      drill::mlp::loss_and_grads(p, Xb, yb, g);
      step(p.W1, v.W1, g.W1);
      step(p.b1, v.b1, g.b1);
      step(p.W2, v.W2, g.W2);
      step(p.b2, v.b2, g.b2);
    }
  }

  // The trained network's class over a grid covering the data: the decision regions.
  const double lo = -1.2, hi = 1.2;
  Eigen::MatrixXd G(grid * grid, 2);
  for (int r = 0; r < grid; ++r)
    for (int c = 0; c < grid; ++c) {
      G(r * grid + c, 0) = lo + (hi - lo) * c / (grid - 1);
      G(r * grid + c, 1) = lo + (hi - lo) * r / (grid - 1);
    }
  const Eigen::VectorXi regions = argmax_rows(drill::mlp::forward(p, G));
  json region_rows = json::array();
  for (int r = 0; r < grid; ++r)
    region_rows.push_back(std::vector<int>(regions.data() + r * grid, regions.data() + (r + 1) * grid));

  return {{"trace", "mlp"},
          {"description",
           fmt::format("The two-layer network (h = {}, ReLU, softmax cross-entropy) trained by the reference's "
                       "minibatch SGD with momentum on {} seeded 2-D points from {} spiral arms ({} for training, "
                       "every third held out); the training loss and both accuracies at the end of each epoch "
                       "(epoch 0: at the He initialisation), and the trained network's decision regions.",
                       hidden, n, classes, n_train)},
          {"X_train", matrix_json(X_train)},
          {"y_train", labels_json(y_train)},
          {"X_test", matrix_json(X_test)},
          {"y_test", labels_json(y_test)},
          {"hidden", hidden},
          {"options",
           {{"epochs", opt.epochs},
            {"batch_size", opt.batch_size},
            {"learning_rate", opt.learning_rate},
            {"momentum", opt.momentum}}},
          {"init_seed", init_seed},
          {"train_seed", train_seed},
          {"init", params_json(p0)},
          {"params", params_json(p)},
          {"loss", loss},
          {"train_accuracy", train_accuracy},
          {"test_accuracy", test_accuracy},
          {"grid", {{"lo", lo}, {"hi", hi}, {"size", grid}, {"class", region_rows}}}};
}

std::vector<TraceKind> traces_mlp() {
  return {{"mlp", "two-layer network: loss and accuracies per epoch on 2-D spirals, decision regions", mlp}};
}

}  // namespace mldrill::trace
