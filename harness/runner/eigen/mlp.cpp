// Adapter: the two-layer-network functions of an eigen candidate, served over the wire.
// Params travel as four tensors (W1, b1, W2, b2); TrainOptions as its four numbers.
#include "reference/mlp.hpp"  // the contract's types and declarations, not its code
#include "runner/eigen_adapter.hpp"

namespace {

using namespace mldrill::runner;
namespace d = drill::mlp;

d::Params params_from(Values& a, size_t at) {
  return {Convert<Eigen::MatrixXd>::from(a[at]), Convert<Eigen::RowVectorXd>::from(a[at + 1]),
          Convert<Eigen::MatrixXd>::from(a[at + 2]), Convert<Eigen::RowVectorXd>::from(a[at + 3])};
}

void params_to(Values& out, const d::Params& p) {
  Convert<Eigen::MatrixXd>::to(out, p.W1);
  Convert<Eigen::RowVectorXd>::to(out, p.b1);
  Convert<Eigen::MatrixXd>::to(out, p.W2);
  Convert<Eigen::RowVectorXd>::to(out, p.b2);
}

void require_args(const Values& a, size_t n) {
  if (a.size() != n) throw BadRequest("wrong number of arguments");
}

// forward(W1, b1, W2, b2, X) -> logits
Values forward(Values& a) {
  require_args(a, 5);
  Values out;
  Convert<Eigen::MatrixXd>::to(out, d::forward(params_from(a, 0), Convert<Eigen::MatrixXd>::from(a[4])));
  return out;
}

// loss_and_grads(W1, b1, W2, b2, X, y) -> loss, dW1, db1, dW2, db2. The grads arrive sized
// and filled with NaN, so a gradient accumulated with += onto unset memory shows up.
Values loss_and_grads(Values& a) {
  require_args(a, 6);
  const d::Params p = params_from(a, 0);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  d::Grads g{Eigen::MatrixXd::Constant(p.W1.rows(), p.W1.cols(), nan), Eigen::RowVectorXd::Constant(p.b1.size(), nan),
             Eigen::MatrixXd::Constant(p.W2.rows(), p.W2.cols(), nan), Eigen::RowVectorXd::Constant(p.b2.size(), nan)};
  const double loss =
      d::loss_and_grads(p, Convert<Eigen::MatrixXd>::from(a[4]), Convert<Eigen::VectorXi>::from(a[5]), g);
  Values out{loss};
  params_to(out, g);
  return out;
}

// init(d, h, c, seed) -> W1, b1, W2, b2
Values init(Values& a) {
  require_args(a, 4);
  std::mt19937_64 rng = Convert<std::mt19937_64>::from(a[3]);
  Values out;
  params_to(out, d::init(Convert<int>::from(a[0]), Convert<int>::from(a[1]), Convert<int>::from(a[2]), rng));
  return out;
}

// train(W1, b1, W2, b2, X, y, epochs, batch_size, learning_rate, momentum, seed) -> W1, b1, W2, b2
Values train(Values& a) {
  require_args(a, 11);
  d::TrainOptions opt;
  opt.epochs = Convert<int>::from(a[6]);
  opt.batch_size = Convert<int>::from(a[7]);
  opt.learning_rate = Convert<double>::from(a[8]);
  opt.momentum = Convert<double>::from(a[9]);
  std::mt19937_64 rng = Convert<std::mt19937_64>::from(a[10]);
  Values out;
  params_to(out, d::train(params_from(a, 0), Convert<Eigen::MatrixXd>::from(a[4]), Convert<Eigen::VectorXi>::from(a[5]),
                          opt, rng));
  return out;
}

}  // namespace

const mldrill::runner::Table& drill_table() {
  static const mldrill::runner::Table table = {
      {"forward", &forward},
      {"loss_and_grads", &loss_and_grads},
      {"init", &init},
      {"train", &train},
  };
  return table;
}
