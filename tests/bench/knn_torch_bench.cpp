// k-NN: the reference against LibTorch on the same workload in the same run, one thread
// each (20 000 × 32 training rows, 2 000 queries, k = 5): the distance matrix, and predict
// (distances + the k nearest + the vote). Validates before timing; prints ours/theirs.
//   usage: knn_torch_bench [threads=1]
#include <cstdio>

#include "bench.hpp"
#include "cases/inputs.hpp"
#include "reference/knn.hpp"
#include "torch_convert.hpp"

using namespace mldrill;

namespace {

// What a LibTorch user writes: cdist (matrix-product mode at this size), squared; topk; one-hot vote.
torch::Tensor torch_sq_dist(const torch::Tensor& Q, const torch::Tensor& T) { return torch::cdist(Q, T).pow(2); }

torch::Tensor torch_predict(const torch::Tensor& T, const torch::Tensor& y, const torch::Tensor& Q, int k,
                            int64_t classes) {
  auto nearest = std::get<1>(torch::topk(torch_sq_dist(Q, T), k, 1, /*largest=*/false));
  return torch::one_hot(y.index({nearest}), classes).sum(1).argmax(1);
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  torch::set_num_threads(threads);
  Eigen::setNbThreads(threads);
  const int n = 20000, m = 2000, d = 32, k = 5, classes = 10;
  cases::Draw r(41);
  const Eigen::MatrixXd X = r.normal(n, d), Q = r.normal(m, d);
  Eigen::VectorXi y(n);
  for (int i = 0; i < n; ++i) y[i] = r.below(classes);
  const auto tX = testing::to_torch(X), tQ = testing::to_torch(Q), ty = testing::to_torch(y);

  // Continuous random data: no distance ties, so topk's tie order cannot matter.
  const Eigen::MatrixXd D = drill::knn::pairwise_sq_dist(Q, X);
  const Eigen::MatrixXd tD = testing::matrix_from(torch_sq_dist(tQ, tX));
  bench::require((D - tD).cwiseAbs().maxCoeff() <= 1e-9 * tD.maxCoeff(), "distances differ from LibTorch's");
  const Eigen::VectorXi labels = drill::knn::predict(X, y, Q, k);
  const auto tl = torch_predict(tX, ty, tQ, k, classes);
  for (int i = 0; i < m; ++i)
    bench::require(labels[i] == tl[i].item<int64_t>(), "predictions differ from LibTorch's");
  std::printf("All results match. Starting benchmarks (%d thread%s each).\n", threads, threads == 1 ? "" : "s");

  bench::print_ratio("pairwise_sq_dist(2000x32, 20000x32)",
                     bench::time_it([&] { return drill::knn::pairwise_sq_dist(Q, X); }, 3, 1.0),
                     bench::time_it([&] { return torch_sq_dist(tQ, tX); }, 3, 1.0));
  bench::print_ratio("predict(n=20000,m=2000,d=32,k=5)",
                     bench::time_it([&] { return drill::knn::predict(X, y, Q, k); }, 3, 1.0),
                     bench::time_it([&] { return torch_predict(tX, ty, tQ, k, classes); }, 3, 1.0));
  return 0;
}
