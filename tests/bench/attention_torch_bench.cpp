// Attention forward + backward (n = m = 256, d_k = d_v = 64): the reference vs LibTorch
// autograd, timed in the same run after checking that both give the same answer.
//   usage: attention_torch_bench
#include <torch/torch.h>

#include <limits>
#include <vector>

#include "bench.hpp"
#include "cases/inputs.hpp"
#include "reference/attention.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
using testing::matrix_from;
using testing::to_torch;

namespace {

struct TorchGrads {
  torch::Tensor out, dQ, dK, dV;
};

TorchGrads torch_attention(const torch::Tensor& Q, const torch::Tensor& K, const torch::Tensor& V,
                           const torch::Tensor& dOut, bool causal) {
  auto q = Q.detach().requires_grad_(true), k = K.detach().requires_grad_(true), v = V.detach().requires_grad_(true);
  auto S = q.matmul(k.t()) / std::sqrt(double(Q.size(1)));
  if (causal)
    S = S.masked_fill(torch::ones({S.size(0), S.size(1)}, torch::kBool).triu(1),
                      -std::numeric_limits<double>::infinity());
  auto out = torch::softmax(S, 1).matmul(v);
  out.backward(dOut);
  return {out.detach(), q.grad(), k.grad(), v.grad()};
}

double max_diff(const Eigen::MatrixXd& a, const torch::Tensor& b) { return (a - matrix_from(b)).cwiseAbs().maxCoeff(); }

}  // namespace

int main() {
  const int n = 256, m = 256, d_k = 64, d_v = 64;
  cases::Draw r(1);
  const Eigen::MatrixXd Q = r.normal(n, d_k), K = r.normal(m, d_k), V = r.normal(m, d_v), dOut = r.normal(n, d_v);
  const auto tQ = to_torch(Q), tK = to_torch(K), tV = to_torch(V), tdOut = to_torch(dOut);
  const int default_threads = torch::get_num_threads();

  std::printf("attention forward + backward, n = m = %d, d_k = d_v = %d, double precision\n", n, d_k);
  for (bool causal : {false, true}) {
    const auto want = torch_attention(tQ, tK, tV, tdOut, causal);
    const auto g = drill::attention::backward(Q, K, V, causal, dOut);
    bench::require(max_diff(drill::attention::forward(Q, K, V, causal), want.out) < 1e-12, "forward vs LibTorch");
    bench::require(max_diff(g.dQ, want.dQ) < 1e-10 && max_diff(g.dK, want.dK) < 1e-10 && max_diff(g.dV, want.dV) < 1e-10,
                   "gradients vs LibTorch autograd");
  }
  std::printf("All results match. Starting benchmarks.\n");

  for (bool causal : {false, true}) {
    const auto ours = bench::time_it([&] {
      Eigen::MatrixXd out = drill::attention::forward(Q, K, V, causal);
      auto g = drill::attention::backward(Q, K, V, causal, dOut);
      bench::require(std::isfinite(out(0, 0) + g.dQ(0, 0)), "finite");
    });
    std::vector<int> thread_counts = {1};
    if (default_threads > 1) thread_counts.push_back(default_threads);
    for (int threads : thread_counts) {
      torch::set_num_threads(threads);
      const auto theirs = bench::time_it([&] { torch_attention(tQ, tK, tV, tdOut, causal); });
      bench::print_ratio(std::string(causal ? "causal" : "full") + ", libtorch " + std::to_string(threads) +
                             " thread" + (threads == 1 ? "" : "s"),
                         ours, theirs);
    }
    torch::set_num_threads(default_threads);
  }
  return 0;
}
