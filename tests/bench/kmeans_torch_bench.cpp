// One Lloyd iteration (assign every row, move the centroids, inertia) on 100 000 × 16 with
// k = 16: the reference against the same step in LibTorch ops, timed in the same run.
// Validates first: a step whose labels or centroids differ is never timed.
//   usage: kmeans_torch_bench
#include <torch/torch.h>

#include "bench.hpp"
#include "cases/inputs.hpp"
#include "reference/kmeans.hpp"
#include "torch_convert.hpp"

using namespace mldrill;

namespace {

struct Step {
  torch::Tensor labels, C, inertia;
};

// The idiomatic LibTorch step: squared distances by ‖x‖² − 2 X Cᵀ + ‖c‖² (one matrix product),
// argmin, index_add for the sums and counts.
Step torch_step(const torch::Tensor& X, const torch::Tensor& C) {
  auto D = X.pow(2).sum(1, true) - 2 * X.matmul(C.t()) + C.pow(2).sum(1).unsqueeze(0);
  auto labels = D.argmin(1);
  auto sums = torch::zeros_like(C).index_add_(0, labels, X);
  auto counts = torch::zeros({C.size(0)}, X.options()).index_add_(0, labels, torch::ones({X.size(0)}, X.options()));
  auto moved = torch::where(counts.unsqueeze(1) > 0, sums / counts.clamp_min(1).unsqueeze(1), C);
  auto inertia = (X - moved.index_select(0, labels)).pow(2).sum();
  return {labels, moved, inertia};
}

}  // namespace

int main() {
  constexpr int n = 100000, d = 16, k = 16;
  cases::Draw r(1);
  const Eigen::MatrixXd centres = r.normal(k, d, 3.0);
  Eigen::MatrixXd X(n, d);
  for (int i = 0; i < n; ++i) X.row(i) = centres.row(i % k) + r.normal(1, d);
  const Eigen::MatrixXd init = X.topRows(k);
  const auto Xt = testing::to_torch(X), Ct = testing::to_torch(init);

  const auto want = drill::kmeans::fit(X, init, 1);
  const Step got = torch_step(Xt, Ct);
  const Eigen::VectorXi torch_labels = testing::vector_from(got.labels).cast<int>();
  bench::require((torch_labels.array() != want.labels.array()).count() == 0, "labels differ");
  bench::require((testing::matrix_from(got.C) - want.centroids).cwiseAbs().maxCoeff() < 1e-9, "centroids differ");
  bench::require(std::abs(got.inertia.item<double>() - want.inertia) < 1e-9 * want.inertia, "inertia differs");
  std::printf("All results match. Starting benchmarks.\n");

  const std::string workload = "kmeans Lloyd step (n=100000,d=16,k=16)";
  const auto ours = bench::time_it([&] { return drill::kmeans::fit(X, init, 1); });
  std::vector<int> threads{int(torch::get_num_threads())};
  if (threads[0] != 1) threads.insert(threads.begin(), 1);
  for (int t : threads) {
    torch::set_num_threads(t);
    const auto theirs = bench::time_it([&] { return torch_step(Xt, Ct).inertia.item<double>(); });
    bench::print_ratio(workload + ", torch threads=" + std::to_string(t), ours, theirs);
  }
  // Where LibTorch's time goes: the distances and argmin alone, and index_add_ of rows alone.
  const auto assign = bench::time_it([&] {
    return (Xt.pow(2).sum(1, true) - 2 * Xt.matmul(Ct.t()) + Ct.pow(2).sum(1).unsqueeze(0)).argmin(1);
  });
  const auto labels = got.labels;
  const auto add_rows = bench::time_it([&] { return torch::zeros_like(Ct).index_add_(0, labels, Xt); });
  std::printf("libtorch parts: distances + argmin %.3f ms, index_add_ of the rows %.3f ms\n", assign.median_s * 1e3,
              add_rows.median_s * 1e3);
  return 0;
}
