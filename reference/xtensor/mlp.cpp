// Reference two-layer network in the xtensor flavor: graded as a candidate (must be accepted),
// and the idioms the README's side-by-side shows. Stable for any logit.
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace drill::mlp {

struct Params { xt::xtensor<double, 2> W1; xt::xtensor<double, 1> b1; xt::xtensor<double, 2> W2; xt::xtensor<double, 1> b2; };
using Grads = Params;
struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };

using Matrix = xt::xtensor<double, 2>;

// logits (n × c) = relu(X @ W1 + b1) @ W2 + b2; a 1-D bias broadcasts over the rows.
Matrix forward(const Params& p, const Matrix& X) {
  const Matrix A1 = xt::maximum(xt::linalg::dot(X, p.W1) + p.b1, 0.0);
  return xt::linalg::dot(A1, p.W2) + p.b2;
}

// L = mean_i [logsumexp(logits_i) − logits_i,y_i];  dL/dlogits = (softmax − onehot) / n.
double loss_and_grads(const Params& p, const Matrix& X, const xt::xtensor<int, 1>& y, Grads& grads) {
  const size_t n = X.shape(0), c = p.W2.shape(1);
  const Matrix Z1 = xt::linalg::dot(X, p.W1) + p.b1;  // n × h
  const Matrix A1 = xt::maximum(Z1, 0.0);
  const Matrix L = xt::linalg::dot(A1, p.W2) + p.b2;  // n × c
  // The row max is evaluated before it broadcasts: a lazy keep_dims reducer inside a
  // broadcasting expression reads garbage in xtensor 0.24.
  const Matrix row_max = xt::amax(L, {1}, xt::keep_dims);
  const Matrix S = L - row_max;  // exp() sees only values ≤ 0
  const Matrix log_sum = xt::log(xt::sum(xt::exp(S), {1}, xt::keep_dims));
  const Matrix logp = S - log_sum;
  Matrix onehot = xt::zeros<double>({n, c});
  for (size_t i = 0; i < n; ++i) onehot(i, static_cast<size_t>(y(i))) = 1.0;
  const double loss = -xt::sum(logp * onehot)() / double(n);

  const Matrix dL = (xt::exp(logp) - onehot) / double(n);
  grads.W2 = xt::linalg::dot(xt::transpose(A1), dL);  // h × c
  grads.b2 = xt::sum(dL, {0});                        // summed over the batch
  const Matrix dA1 = xt::linalg::dot(dL, xt::transpose(p.W2));
  const Matrix dZ1 = xt::where(Z1 > 0.0, dA1, 0.0);  // ReLU mask
  grads.W1 = xt::linalg::dot(xt::transpose(X), dZ1);  // d × h
  grads.b1 = xt::sum(dZ1, {0});
  return loss;
}

// He initialisation: W ~ N(0, 2 / fan_in), every number from rng; biases zero.
Matrix he(size_t fan_in, size_t fan_out, std::mt19937_64& rng) {
  std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / double(fan_in)));
  Matrix W({fan_in, fan_out});
  for (size_t i = 0; i < fan_in; ++i)
    for (size_t j = 0; j < fan_out; ++j) W(i, j) = normal(rng);
  return W;
}

Params init(int d, int h, int c, std::mt19937_64& rng) {
  Matrix W1 = he(size_t(d), size_t(h), rng);
  Matrix W2 = he(size_t(h), size_t(c), rng);
  return {W1, xt::zeros<double>({size_t(h)}), W2, xt::zeros<double>({size_t(c)})};
}

// Minibatch SGD with momentum (PyTorch's form: v = μ v + g; θ −= lr v), reshuffled every epoch.
Params train(Params p, const Matrix& X, const xt::xtensor<int, 1>& y, const TrainOptions& opt,
             std::mt19937_64& rng) {
  Params v{xt::zeros_like(p.W1), xt::zeros_like(p.b1), xt::zeros_like(p.W2), xt::zeros_like(p.b2)};
  std::vector<size_t> order(X.shape(0));
  std::iota(order.begin(), order.end(), size_t(0));
  Grads g;
  auto step = [&](auto& theta, auto& vel, const auto& grad) {
    vel = opt.momentum * vel + grad;
    theta -= opt.learning_rate * vel;
  };
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t start = 0; start < order.size(); start += size_t(opt.batch_size)) {
      const size_t stop = std::min(order.size(), start + size_t(opt.batch_size));
      const std::vector<size_t> rows(order.begin() + long(start), order.begin() + long(stop));
      const Matrix Xb = xt::view(X, xt::keep(rows), xt::all());
      const xt::xtensor<int, 1> yb = xt::view(y, xt::keep(rows));
      loss_and_grads(p, Xb, yb, g);
      step(p.W1, v.W1, g.W1);
      step(p.b1, v.b1, g.b1);
      step(p.W2, v.W2, g.W2);
      step(p.b2, v.b2, g.b2);
    }
  }
  return p;
}

}  // namespace drill::mlp
