// expect: wrong_answer
// case: loss(large logits,|logit|<=1e3)
// message: subtract each row's max
// message: numerical stability
// exp() of the raw logits: inf / inf = NaN for logits near 1e3.
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

// logits (n × c) = relu(X @ W1 + b1) @ W2 + b2; a 1-D bias broadcasts over the rows.
torch::Tensor forward(const Params& p, const torch::Tensor& X) {
  return torch::relu(X.matmul(p.W1) + p.b1).matmul(p.W2) + p.b2;
}

// L = mean_i [logsumexp(logits_i) − logits_i,y_i];  dL/dlogits = (softmax − onehot) / n.
double loss_and_grads(const Params& p, const torch::Tensor& X, const torch::Tensor& y, Grads& grads) {
  const double n = static_cast<double>(X.size(0));
  const torch::Tensor Z1 = X.matmul(p.W1) + p.b1;  // n × h
  const torch::Tensor A1 = torch::relu(Z1);
  const torch::Tensor L = A1.matmul(p.W2) + p.b2;  // n × c
  const torch::Tensor S = L;
  const torch::Tensor logp = (S.exp() / S.exp().sum(1, /*keepdim=*/true)).log();
  const torch::Tensor onehot = torch::one_hot(y, L.size(1)).to(torch::kFloat64);
  const double loss = -(logp * onehot).sum().item<double>() / n;

  const torch::Tensor dL = (logp.exp() - onehot) / n;
  grads.W2 = A1.t().matmul(dL);  // h × c
  grads.b2 = dL.sum(0);           // summed over the batch
  const torch::Tensor dZ1 = dL.matmul(p.W2.t()) * (Z1 > 0);  // ReLU mask
  grads.W1 = X.t().matmul(dZ1);  // d × h
  grads.b1 = dZ1.sum(0);
  return loss;
}

// He initialisation, every number from rng (not torch's generator): W ~ N(0, 2 / fan_in).
torch::Tensor he(int fan_in, int fan_out, std::mt19937_64& rng) {
  std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / fan_in));
  torch::Tensor W = torch::empty({fan_in, fan_out}, torch::kFloat64);
  auto w = W.accessor<double, 2>();
  for (int i = 0; i < fan_in; ++i)
    for (int j = 0; j < fan_out; ++j) w[i][j] = normal(rng);
  return W;
}

Params init(int d, int h, int c, std::mt19937_64& rng) {
  torch::Tensor W1 = he(d, h, rng);
  torch::Tensor W2 = he(h, c, rng);
  return {W1, torch::zeros({h}, torch::kFloat64), W2, torch::zeros({c}, torch::kFloat64)};
}

// Minibatch SGD with momentum (PyTorch's form: v = μ v + g; θ −= lr v), reshuffled every epoch.
// Out-of-place updates: the tensors in p may share storage with the caller's.
Params train(Params p, const torch::Tensor& X, const torch::Tensor& y, const TrainOptions& opt,
             std::mt19937_64& rng) {
  Params v{torch::zeros_like(p.W1), torch::zeros_like(p.b1), torch::zeros_like(p.W2), torch::zeros_like(p.b2)};
  std::vector<int64_t> order(static_cast<size_t>(X.size(0)));
  std::iota(order.begin(), order.end(), 0);
  Grads g;
  auto step = [&](torch::Tensor& theta, torch::Tensor& vel, const torch::Tensor& grad) {
    vel = opt.momentum * vel + grad;
    theta = theta - opt.learning_rate * vel;
  };
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t start = 0; start < order.size(); start += size_t(opt.batch_size)) {
      const size_t stop = std::min(order.size(), start + size_t(opt.batch_size));
      const torch::Tensor rows = torch::tensor(std::vector<int64_t>(order.begin() + long(start), order.begin() + long(stop)));
      loss_and_grads(p, X.index_select(0, rows), y.index_select(0, rows), g);
      step(p.W1, v.W1, g.W1);
      step(p.b1, v.b1, g.b1);
      step(p.W2, v.W2, g.W2);
      step(p.b2, v.b2, g.b2);
    }
  }
  return p;
}

}  // namespace drill::mlp
