// The mlp reference against LibTorch autograd in double precision (the oracle): forward,
// loss and every gradient to 1e-10 (nn::Linear layers holding the same weights,
// F::cross_entropy), and training step for step against torch::optim::SGD with momentum.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "cases/inputs.hpp"
#include "grading/compare.hpp"
#include "reference/mlp.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
using grading::check_close;
using grading::scalar;
using grading::tensor;
using testing::matrix_from;
using testing::to_torch;
using testing::vector_from;
namespace F = torch::nn::functional;
namespace mlp = drill::mlp;

namespace {

struct Problem {
  mlp::Params p;
  Eigen::MatrixXd X;
  Eigen::VectorXi y;
};

// `scale` multiplies the output layer: 1 gives moderate logits, 300 logits in the hundreds.
Problem problem(int n, int d, int h, int c, double scale, uint64_t seed) {
  cases::Draw r(seed);
  Problem t;
  t.X = r.normal(n, d);
  t.p.W1 = r.normal(d, h, 1.0 / std::sqrt(double(d)));
  t.p.b1 = r.normal_vector(h, 0.3).transpose();
  t.p.W2 = r.normal(h, c, scale / std::sqrt(double(h)));
  t.p.b2 = r.normal_vector(c, 0.3 * scale).transpose();
  t.y = Eigen::VectorXi(n);
  for (int i = 0; i < n; ++i) t.y[i] = r.below(c);
  return t;
}

void require_close(const std::string& what, const wire::Tensor& got, const wire::Tensor& want, double tol) {
  auto c = check_close(what, got, want, {tol, tol});
  INFO(c.message());
  REQUIRE(c.ok);
}

// The same network as torch layers: nn::Linear stores weight as out × in, so it holds Wᵀ.
struct TorchNet : torch::nn::Module {
  torch::nn::Linear l1{nullptr}, l2{nullptr};
  explicit TorchNet(const mlp::Params& p) {
    l1 = register_module("l1", torch::nn::Linear(p.W1.rows(), p.W1.cols()));
    l2 = register_module("l2", torch::nn::Linear(p.W2.rows(), p.W2.cols()));
    to(torch::kFloat64);
    torch::NoGradGuard no_grad;
    l1->weight.copy_(to_torch(p.W1).t());
    l1->bias.copy_(to_torch(p.b1));
    l2->weight.copy_(to_torch(p.W2).t());
    l2->bias.copy_(to_torch(p.b2));
  }
  torch::Tensor forward(const torch::Tensor& x) { return l2(torch::relu(l1(x))); }
  mlp::Params params() const {
    return {matrix_from(l1->weight.detach().t()), vector_from(l1->bias.detach()).transpose(),
            matrix_from(l2->weight.detach().t()), vector_from(l2->bias.detach()).transpose()};
  }
};

void require_params_close(const mlp::Params& got, const mlp::Params& want, double tol) {
  require_close("W1", tensor(got.W1), tensor(want.W1), tol);
  require_close("b1", tensor(got.b1), tensor(want.b1), tol);
  require_close("W2", tensor(got.W2), tensor(want.W2), tol);
  require_close("b2", tensor(got.b2), tensor(want.b2), tol);
}

}  // namespace

TEST_CASE("mlp reference: forward, loss and every gradient match LibTorch autograd to 1e-10", "[reference][mlp]") {
  for (double scale : {1.0, 300.0}) {
    for (uint64_t seed : {1, 2, 3}) {
      INFO("output scale " << scale << ", seed " << seed);
      const Problem t = problem(24, 7, 11, 5, scale, seed);
      TorchNet net(t.p);
      auto logits = net.forward(to_torch(t.X));
      auto loss = F::cross_entropy(logits, to_torch(t.y));
      loss.backward();
      require_close("logits", tensor(mlp::forward(t.p, t.X)), tensor(matrix_from(logits.detach())), 1e-10);
      mlp::Grads g;
      const double l = mlp::loss_and_grads(t.p, t.X, t.y, g);
      require_close("loss", scalar(l), scalar(loss.item<double>()), 1e-10);
      require_close("dW1", tensor(g.W1), tensor(matrix_from(net.l1->weight.grad().t())), 1e-10);
      require_close("db1", tensor(g.b1), tensor(vector_from(net.l1->bias.grad())), 1e-10);
      require_close("dW2", tensor(g.W2), tensor(matrix_from(net.l2->weight.grad().t())), 1e-10);
      require_close("db2", tensor(g.b2), tensor(vector_from(net.l2->bias.grad())), 1e-10);
    }
  }
}

// One epoch with batch_size = n is one full-batch step; then several minibatch epochs, with
// torch fed the very batches std::shuffle makes from the same seed.
TEST_CASE("mlp reference: train equals torch::optim::SGD with momentum, step for step", "[reference][mlp]") {
  const Problem t = problem(40, 5, 9, 3, 1.0, 7);
  const mlp::TrainOptions one_step{1, 40, 0.1, 0.9};
  const mlp::TrainOptions minibatch{3, 16, 0.1, 0.9};  // 16 + 16 + 8 rows per epoch
  for (const mlp::TrainOptions& opt : {one_step, minibatch}) {
    INFO("epochs " << opt.epochs << ", batch_size " << opt.batch_size);
    TorchNet net(t.p);
    torch::optim::SGD sgd(net.parameters(), torch::optim::SGDOptions(opt.learning_rate).momentum(opt.momentum));
    std::mt19937_64 torch_rng(99);
    std::vector<int64_t> order(size_t(t.X.rows()));
    std::iota(order.begin(), order.end(), 0);
    const auto X = to_torch(t.X), y = to_torch(t.y);
    for (int e = 0; e < opt.epochs; ++e) {
      std::shuffle(order.begin(), order.end(), torch_rng);
      for (size_t start = 0; start < order.size(); start += size_t(opt.batch_size)) {
        const size_t stop = std::min(order.size(), start + size_t(opt.batch_size));
        auto rows = torch::tensor(std::vector<int64_t>(order.begin() + long(start), order.begin() + long(stop)));
        sgd.zero_grad();
        F::cross_entropy(net.forward(X.index_select(0, rows)), y.index_select(0, rows)).backward();
        sgd.step();
      }
    }
    std::mt19937_64 rng(99);
    require_params_close(mlp::train(t.p, t.X, t.y, opt, rng), net.params(), 1e-10);
  }
}
