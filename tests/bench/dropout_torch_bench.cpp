// Inverted dropout on 4096 × 4096 at p = 0.5: the reference's forward + backward against what a
// LibTorch user writes (torch::dropout, then autograd's backward of sum(out ∘ dOut)), timed in
// the same run. Validates first: the statistics of both masks (keep rate, pair independence,
// E[out] = X) and both backward passes are checked before anything is timed.
//   usage: dropout_torch_bench
#include <torch/torch.h>

#include <random>

#include "bench.hpp"
#include "cases/dropout_stats.hpp"
#include "cases/inputs.hpp"
#include "reference/dropout.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
namespace ref = drill::dropout;
namespace st = cases::dropout_stats;
using testing::matrix_from;
using testing::to_torch;

namespace {

// The keep rate within kKeepBand, both pair statistics within kPairBand (bands sized for 50 000
// entries: far wider than needed at 16.7 million).
void require_dropout_statistics(const Eigen::MatrixXd& mask, double p, const char* who) {
  bench::require(std::abs(st::kept_fraction(mask) - (1 - p)) <= st::kKeepBand, who);
  bench::require(std::abs(st::row_pairs_differing(mask) - 2 * p * (1 - p)) <= st::kPairBand, who);
  bench::require(std::abs(st::column_pairs_differing(mask) - 2 * p * (1 - p)) <= st::kPairBand, who);
}

// torch::dropout's forward, then autograd's dX from fresh leaves.
torch::Tensor torch_forward_backward(const torch::Tensor& X, const torch::Tensor& dOut, double p) {
  auto Xl = X.detach().requires_grad_(true);
  (torch::dropout(Xl, p, true) * dOut).sum().backward();
  return Xl.grad();
}

}  // namespace

int main() {
  constexpr int n = 4096, d = 4096;
  constexpr double p = 0.5;
  cases::Draw r(91);
  const Eigen::MatrixXd X = r.normal(n, d), dOut = r.normal(n, d);
  const auto Xt = to_torch(X), dOutt = to_torch(dOut);

  {  // validate: both masks look like dropout's, and each backward is dOut ∘ mask / (1 − p)
    std::mt19937_64 rng(1);
    const ref::Forward f = ref::forward(X, p, true, rng);
    require_dropout_statistics(f.mask, p, "the reference's mask fails dropout's statistics");
    bench::require((f.out - X.cwiseProduct(f.mask) / (1 - p)).cwiseAbs().maxCoeff() == 0.0,
                   "the reference's out is not X ∘ mask / (1 − p)");
    const Eigen::MatrixXd dX = ref::backward(dOut, f.mask, p, true);
    bench::require((dX - dOut.cwiseProduct(f.mask) / (1 - p)).cwiseAbs().maxCoeff() == 0.0,
                   "the reference's backward is not dOut ∘ mask / (1 − p)");
    torch::manual_seed(1);
    auto Xl = Xt.detach().requires_grad_(true);
    const torch::Tensor out = torch::dropout(Xl, p, true);
    (out * dOutt).sum().backward();
    const Eigen::MatrixXd torch_mask = matrix_from((out != 0).to(torch::kFloat64));
    require_dropout_statistics(torch_mask, p, "torch::dropout's mask fails dropout's statistics");
    const Eigen::MatrixXd ours = ref::backward(dOut, torch_mask, p, true);
    bench::require((ours - matrix_from(Xl.grad())).cwiseAbs().maxCoeff() <= 1e-15 * dOut.cwiseAbs().maxCoeff(),
                   "the reference's backward differs from autograd's through torch's mask");
    std::printf("Both masks pass the statistics (kept %.4f and %.4f of %d entries). Starting benchmarks.\n",
                st::kept_fraction(f.mask), st::kept_fraction(torch_mask), n * d);
  }

  std::vector<int> threads{int(torch::get_num_threads())};
  if (threads[0] != 1) threads.insert(threads.begin(), 1);
  std::mt19937_64 rng(2);
  const auto ours = bench::time_it([&] {
    const ref::Forward f = ref::forward(X, p, true, rng);
    return ref::backward(dOut, f.mask, p, true)(0, 0);
  });
  for (int t : threads) {
    torch::set_num_threads(t);
    bench::print_ratio("dropout forward+backward (4096x4096, p=0.5) vs torch::dropout + autograd, torch threads=" +
                           std::to_string(t),
                       ours, bench::time_it([&] { return torch_forward_backward(Xt, dOutt, p); }));
  }
  return 0;
}
