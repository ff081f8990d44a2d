// One epoch of mlp training on the digits (h = 64, batch 64, SGD with momentum 0.9), the
// reference vs LibTorch (nn::Linear layers, F::cross_entropy, autograd, optim::SGD) in the
// same process, both in double precision on one thread. Validates first: the two must end
// the epoch with the same weights (same batches, from the same seeded shuffle).
//   usage: mlp_torch_bench
#include <torch/torch.h>

#include <algorithm>
#include <numeric>

#include "bench.hpp"
#include "data/dataset.hpp"
#include "reference/mlp.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
namespace F = torch::nn::functional;
namespace mlp = drill::mlp;
using testing::matrix_from;
using testing::to_torch;

namespace {

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
};

// One epoch as the reference runs it: the same std::shuffle of the row order, then batches.
void torch_epoch(TorchNet& net, torch::optim::SGD& sgd, const torch::Tensor& X, const torch::Tensor& y,
                 int batch_size, std::mt19937_64& rng) {
  std::vector<int64_t> order(size_t(X.size(0)));
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  for (size_t start = 0; start < order.size(); start += size_t(batch_size)) {
    const size_t stop = std::min(order.size(), start + size_t(batch_size));
    auto rows = torch::tensor(std::vector<int64_t>(order.begin() + long(start), order.begin() + long(stop)));
    sgd.zero_grad();
    F::cross_entropy(net.forward(X.index_select(0, rows)), y.index_select(0, rows)).backward();
    sgd.step();
  }
}

}  // namespace

int main() {
  torch::set_num_threads(1);
  data::Split s = data::stratified_split(data::dataset("digits"), 0.2, 7);
  s.X_train /= 16.0;
  std::mt19937_64 init_rng(61);
  const mlp::Params p0 = mlp::init(64, 64, 10, init_rng);
  const mlp::TrainOptions opt{1, 64, 0.1, 0.9};
  const auto X = to_torch(s.X_train), y = to_torch(s.y_train);

  {  // validate: one epoch each from the same start and seed
    std::mt19937_64 a(5), b(5);
    const mlp::Params ours = mlp::train(p0, s.X_train, s.y_train, opt, a);
    TorchNet net(p0);
    torch::optim::SGD sgd(net.parameters(), torch::optim::SGDOptions(opt.learning_rate).momentum(opt.momentum));
    torch_epoch(net, sgd, X, y, opt.batch_size, b);
    const double diff = std::max((ours.W1 - matrix_from(net.l1->weight.detach().t())).cwiseAbs().maxCoeff(),
                                 (ours.W2 - matrix_from(net.l2->weight.detach().t())).cwiseAbs().maxCoeff());
    bench::require(diff < 1e-9, "reference and LibTorch weights after one epoch differ by " + std::to_string(diff));
    std::printf("All results match (max |Δw| %.2g after one epoch). Starting benchmarks.\n", diff);
  }

  std::mt19937_64 rng_ours(5), rng_torch(5);
  const bench::Timing ours = bench::time_it([&] { mlp::train(p0, s.X_train, s.y_train, opt, rng_ours); }, 10, 1.0);
  TorchNet net(p0);
  torch::optim::SGD sgd(net.parameters(), torch::optim::SGDOptions(opt.learning_rate).momentum(opt.momentum));
  const bench::Timing theirs =
      bench::time_it([&] { torch_epoch(net, sgd, X, y, opt.batch_size, rng_torch); }, 10, 1.0);
  bench::print_ratio("mlp epoch (digits 1437×64, h=64, batch 64, f64)", ours, theirs);
  return 0;
}
