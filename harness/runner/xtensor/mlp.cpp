// Adapter: the two-layer-network functions of an xtensor candidate, served over the wire.
// The contract's types, as exercises/mlp/stubs/xtensor.cpp declares them. Params travel as
// four tensors (W1, b1, W2, b2), TrainOptions as its four numbers.
#include <limits>

#include "runner/xtensor_adapter.hpp"

namespace drill::mlp {
struct Params { xt::xtensor<double, 2> W1; xt::xtensor<double, 1> b1; xt::xtensor<double, 2> W2; xt::xtensor<double, 1> b2; };
using Grads = Params;
struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };
xt::xtensor<double, 2> forward(const Params& p, const xt::xtensor<double, 2>& X);
double loss_and_grads(const Params& p, const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, Grads& grads);
Params init(int d, int h, int c, std::mt19937_64& rng);
Params train(Params p, const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, const TrainOptions& opt,
             std::mt19937_64& rng);
}  // namespace drill::mlp

namespace {

using namespace mldrill::runner;
namespace d = drill::mlp;
using M = xt::xtensor<double, 2>;
using V = xt::xtensor<double, 1>;
using Labels = xt::xtensor<int, 1>;

d::Params params_from(Values& a, size_t at) {
  return {Convert<M>::from(a[at]), Convert<V>::from(a[at + 1]), Convert<M>::from(a[at + 2]),
          Convert<V>::from(a[at + 3])};
}

void params_to(Values& out, const d::Params& p) {
  Convert<M>::to(out, p.W1);
  Convert<V>::to(out, p.b1);
  Convert<M>::to(out, p.W2);
  Convert<V>::to(out, p.b2);
}

void require_args(const Values& a, size_t n) {
  if (a.size() != n) throw BadRequest("wrong number of arguments");
}

// forward(W1, b1, W2, b2, X) -> logits
Values forward(Values& a) {
  require_args(a, 5);
  Values out;
  Convert<M>::to(out, d::forward(params_from(a, 0), Convert<M>::from(a[4])));
  return out;
}

// loss_and_grads(W1, b1, W2, b2, X, y) -> loss, dW1, db1, dW2, db2. The grads arrive sized
// and filled with NaN, as in every flavor.
Values loss_and_grads(Values& a) {
  require_args(a, 6);
  const d::Params p = params_from(a, 0);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  d::Grads g{M(p.W1.shape(), nan), V(p.b1.shape(), nan), M(p.W2.shape(), nan), V(p.b2.shape(), nan)};
  Values out{d::loss_and_grads(p, Convert<M>::from(a[4]), Convert<Labels>::from(a[5]), g)};
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
  params_to(out, d::train(params_from(a, 0), Convert<M>::from(a[4]), Convert<Labels>::from(a[5]), opt, rng));
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
