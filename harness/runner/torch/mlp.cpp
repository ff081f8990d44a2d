// Adapter: the two-layer-network functions of a torch candidate, served over the wire.
// The contract's types, as exercises/mlp/stubs/torch.cpp declares them. Params travel as four
// tensors (W1, b1, W2, b2), TrainOptions as its four numbers; inputs the candidate receives
// by const reference must come back unchanged.
#include "runner/torch_adapter.hpp"

namespace drill::mlp {
struct Params { torch::Tensor W1; torch::Tensor b1; torch::Tensor W2; torch::Tensor b2; };
using Grads = Params;
struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };
torch::Tensor forward(const Params& p, const torch::Tensor& X);
double loss_and_grads(const Params& p, const torch::Tensor& X, const torch::Tensor& y, Grads& grads);
Params init(int d, int h, int c, std::mt19937_64& rng);
Params train(Params p, const torch::Tensor& X, const torch::Tensor& y, const TrainOptions& opt, std::mt19937_64& rng);
}  // namespace drill::mlp

namespace {

using namespace mldrill::runner;
namespace d = drill::mlp;
using T = torch::Tensor;

d::Params params_from(Values& a, size_t at) {
  return {Convert<T>::from(a[at]), Convert<T>::from(a[at + 1]), Convert<T>::from(a[at + 2]),
          Convert<T>::from(a[at + 3])};
}

void params_to(Values& out, const d::Params& p) {
  for (const T* t : {&p.W1, &p.b1, &p.W2, &p.b2}) Convert<T>::to(out, *t);
}

void check_params_unchanged(const d::Params& p, const Values& a, size_t at) {
  const T* ts[] = {&p.W1, &p.b1, &p.W2, &p.b2};
  for (size_t k = 0; k < 4; ++k) Convert<T>::check_unchanged(*ts[k], a[at + k], at + k);
}

void require_args(const Values& a, size_t n) {
  if (a.size() != n) throw BadRequest("wrong number of arguments");
}

// forward(W1, b1, W2, b2, X) -> logits
Values forward(Values& a) {
  require_args(a, 5);
  const d::Params p = params_from(a, 0);
  const T X = Convert<T>::from(a[4]);
  Values out;
  Convert<T>::to(out, d::forward(p, X));
  check_params_unchanged(p, a, 0);
  Convert<T>::check_unchanged(X, a[4], 4);
  return out;
}

// loss_and_grads(W1, b1, W2, b2, X, y) -> loss, dW1, db1, dW2, db2. The grads arrive sized
// and filled with NaN, as in every flavor.
Values loss_and_grads(Values& a) {
  require_args(a, 6);
  const d::Params p = params_from(a, 0);
  const T X = Convert<T>::from(a[4]), y = Convert<T>::from(a[5]);
  d::Grads g{torch::full_like(p.W1, NAN), torch::full_like(p.b1, NAN), torch::full_like(p.W2, NAN),
             torch::full_like(p.b2, NAN)};
  Values out{d::loss_and_grads(p, X, y, g)};
  params_to(out, g);
  check_params_unchanged(p, a, 0);
  Convert<T>::check_unchanged(X, a[4], 4);
  Convert<T>::check_unchanged(y, a[5], 5);
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

// train(W1, b1, W2, b2, X, y, epochs, batch_size, learning_rate, momentum, seed) -> W1, b1, W2, b2.
// Params come by value: the candidate may update them in place.
Values train(Values& a) {
  require_args(a, 11);
  d::TrainOptions opt;
  opt.epochs = Convert<int>::from(a[6]);
  opt.batch_size = Convert<int>::from(a[7]);
  opt.learning_rate = Convert<double>::from(a[8]);
  opt.momentum = Convert<double>::from(a[9]);
  std::mt19937_64 rng = Convert<std::mt19937_64>::from(a[10]);
  const T X = Convert<T>::from(a[4]), y = Convert<T>::from(a[5]);
  Values out;
  params_to(out, d::train(params_from(a, 0), X, y, opt, rng));
  Convert<T>::check_unchanged(X, a[4], 4);
  Convert<T>::check_unchanged(y, a[5], 5);
  return out;
}

}  // namespace

const mldrill::runner::Table& drill_table() {
  const std::vector<OutputContract> params = {
      {Out::Float, "W1"}, {Out::Float, "b1"}, {Out::Float, "W2"}, {Out::Float, "b2"}};
  static const mldrill::runner::Table table = {
      {"forward", with_outputs(&forward, {{Out::Float, "logits"}})},
      {"loss_and_grads", with_outputs(&loss_and_grads, {{Out::Number, "loss"}, {Out::Float, "dW1"}, {Out::Float, "db1"},
                                                        {Out::Float, "dW2"}, {Out::Float, "db2"}})},
      {"init", with_outputs(&init, params)},
      {"train", with_outputs(&train, params)},
  };
  return table;
}
