// expect: accepted
// Another correct style: torch::log_softmax and gather for the loss, the output gradient by
// subtracting 1 at each row's label with index_put_, He init through a std::vector, and
// training on the whole shuffled copy of X sliced with narrow(), updating clones in place.
#include <torch/torch.h>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace drill::mlp {

struct Params { torch::Tensor W1; torch::Tensor b1; torch::Tensor W2; torch::Tensor b2; };
using Grads = Params;
struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };

torch::Tensor forward(const Params& p, const torch::Tensor& X) {
  return torch::addmm(p.b2, torch::relu(torch::addmm(p.b1, X, p.W1)), p.W2);
}

double loss_and_grads(const Params& p, const torch::Tensor& X, const torch::Tensor& y, Grads& grads) {
  const int64_t n = X.size(0);
  const torch::Tensor Z1 = torch::addmm(p.b1, X, p.W1);
  const torch::Tensor A1 = Z1.clamp_min(0);
  const torch::Tensor logp = torch::log_softmax(torch::addmm(p.b2, A1, p.W2), 1);
  const double loss = -logp.gather(1, y.unsqueeze(1)).mean().item<double>();

  torch::Tensor dL = logp.exp();
  dL.index_put_({torch::arange(n), y}, dL.index({torch::arange(n), y}) - 1.0);
  dL /= double(n);
  const torch::Tensor dA1 = dL.mm(p.W2.t());
  const torch::Tensor dZ1 = torch::where(Z1 > 0, dA1, torch::zeros_like(dA1));
  grads = {X.t().mm(dZ1), dZ1.sum(0), A1.t().mm(dL), dL.sum(0)};
  return loss;
}

Params init(int d, int h, int c, std::mt19937_64& rng) {
  auto he = [&rng](int fan_in, int fan_out) {
    std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / fan_in));
    std::vector<double> w(size_t(fan_in) * size_t(fan_out));
    for (double& x : w) x = normal(rng);  // row-major: W[i][j] is drawn i-th row first
    return torch::tensor(w, torch::kFloat64).view({fan_in, fan_out});
  };
  torch::Tensor W1 = he(d, h);
  torch::Tensor W2 = he(h, c);
  return {W1, torch::zeros({h}, torch::kFloat64), W2, torch::zeros({c}, torch::kFloat64)};
}

Params train(Params p, const torch::Tensor& X, const torch::Tensor& y, const TrainOptions& opt,
             std::mt19937_64& rng) {
  torch::Tensor* theta[] = {&p.W1, &p.b1, &p.W2, &p.b2};
  std::vector<torch::Tensor> velocity;
  for (torch::Tensor* t : theta) {
    *t = t->clone();  // updated in place below: never the caller's storage
    velocity.push_back(torch::zeros_like(*t));
  }
  const int64_t n = X.size(0);
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  Grads g;
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    const torch::Tensor perm = torch::tensor(order, torch::kInt64);
    const torch::Tensor Xs = X.index_select(0, perm), ys = y.index_select(0, perm);
    for (int64_t start = 0; start < n; start += opt.batch_size) {
      const int64_t m = std::min<int64_t>(opt.batch_size, n - start);
      loss_and_grads(p, Xs.narrow(0, start, m), ys.narrow(0, start, m), g);
      const torch::Tensor* grad[] = {&g.W1, &g.b1, &g.W2, &g.b2};
      for (size_t k = 0; k < 4; ++k) {
        velocity[k].mul_(opt.momentum).add_(*grad[k]);
        theta[k]->sub_(opt.learning_rate * velocity[k]);
      }
    }
  }
  return p;
}

}  // namespace drill::mlp
