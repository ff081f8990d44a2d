// The kmeans reference against Lloyd's iterations written with LibTorch ops in double
// precision (the oracle): cdist → argmin → index_add → divide, step by step.
#include <catch2/catch.hpp>

#include "cases/inputs.hpp"
#include "data/dataset.hpp"
#include "grading/compare.hpp"
#include "reference/kmeans.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
using grading::check_close;
using grading::scalar;
using grading::tensor;
using testing::matrix_from;
using testing::to_torch;
using testing::vector_from;

namespace {

struct Step {
  torch::Tensor labels, C, inertia;
};

// One Lloyd step on tensors: labels from the centroids C, then C moved to the means (an empty
// cluster keeps its row), and the inertia to the moved C. cdist without the matrix-product
// shortcut (compute_mode 2), so distances are as exact as the reference's.
Step lloyd_step(const torch::Tensor& X, const torch::Tensor& C) {
  auto labels = torch::cdist(X, C, 2.0, 2).argmin(1);
  auto sums = torch::zeros_like(C).index_add_(0, labels, X);
  auto counts = torch::zeros({C.size(0)}, torch::kFloat64).index_add_(0, labels, torch::ones({X.size(0)}, torch::kFloat64));
  auto moved = torch::where(counts.unsqueeze(1) > 0, sums / counts.clamp_min(1).unsqueeze(1), C);
  auto inertia = (X - moved.index_select(0, labels)).pow(2).sum();
  return {labels, moved, inertia};
}

Eigen::VectorXi labels_from(const torch::Tensor& t) { return vector_from(t).cast<int>(); }

void require_close(const std::string& what, const wire::Tensor& got, const wire::Tensor& want, double tol) {
  auto c = check_close(what, got, want, {tol, tol});
  INFO(c.message());
  REQUIRE(c.ok);
}

Eigen::MatrixXd blobs(int k, int per, int d, uint64_t seed) {
  cases::Draw r(seed);
  const Eigen::MatrixXd centres = r.normal(k, d, 4.0);
  Eigen::MatrixXd X(k * per, d);
  for (int i = 0; i < k * per; ++i) X.row(i) = centres.row(i % k) + r.normal(1, d);
  return X;
}

// Lloyd's loop as the contract writes it, on tensors.
drill::kmeans::Result torch_fit(const Eigen::MatrixXd& Xe, const Eigen::MatrixXd& init, int max_iter) {
  auto X = to_torch(Xe), C = to_torch(init);
  torch::Tensor labels, prev, inertia;
  int it = 1;
  for (; it <= max_iter; ++it) {
    Step s = lloyd_step(X, C);
    labels = s.labels;
    if (it > 1 && torch::equal(labels, prev)) break;
    C = s.C;
    prev = labels;
  }
  it = std::min(it, max_iter);
  inertia = (X - C.index_select(0, labels)).pow(2).sum();
  return {matrix_from(C), labels_from(labels), inertia.item<double>(), it};
}

void require_same_fit(const drill::kmeans::Result& got, const drill::kmeans::Result& want) {
  REQUIRE(got.iterations == want.iterations);
  require_close("labels", tensor(Eigen::VectorXd(got.labels.cast<double>())),
                tensor(Eigen::VectorXd(want.labels.cast<double>())), 0);
  require_close("centroids", tensor(got.centroids), tensor(want.centroids), 1e-12);
  require_close("inertia", scalar(got.inertia), scalar(want.inertia), 1e-12);
}

}  // namespace

TEST_CASE("kmeans reference: one step equals cdist, argmin, index_add on LibTorch", "[reference][kmeans]") {
  for (uint64_t seed : {1, 2, 3}) {
    const Eigen::MatrixXd X = blobs(4, 50, 3, seed);
    const Eigen::MatrixXd init = X.topRows(4);
    const Step s = lloyd_step(to_torch(X), to_torch(init));
    const auto r = drill::kmeans::fit(X, init, 1);
    INFO("seed " << seed);
    REQUIRE(r.iterations == 1);
    REQUIRE(r.labels == labels_from(s.labels));
    require_close("centroids", tensor(r.centroids), tensor(matrix_from(s.C)), 1e-12);
    require_close("inertia", scalar(r.inertia), scalar(s.inertia.item<double>()), 1e-12);
  }
}

TEST_CASE("kmeans reference: whole fits equal Lloyd's loop on LibTorch (blobs, iris, an empty cluster)",
          "[reference][kmeans]") {
  const Eigen::MatrixXd X = blobs(5, 60, 4, 7);
  require_same_fit(drill::kmeans::fit(X, X.topRows(5), 100), torch_fit(X, X.topRows(5), 100));
  require_same_fit(drill::kmeans::fit(X, X.topRows(5), 3), torch_fit(X, X.topRows(5), 3));  // runs out

  const Eigen::MatrixXd& iris = data::dataset("iris").X;
  Eigen::MatrixXd init(3, 4);
  init << iris.row(5), iris.row(60), iris.row(61);
  require_same_fit(drill::kmeans::fit(iris, init, 100), torch_fit(iris, init, 100));

  // A centroid far from every row never gets one: it stays where it started.
  Eigen::MatrixXd far = X.topRows(3);
  far.row(1).setConstant(100.0);
  const auto r = drill::kmeans::fit(X, far, 100);
  require_same_fit(r, torch_fit(X, far, 100));
  REQUIRE(r.centroids.row(1) == far.row(1));
  REQUIRE((r.labels.array() != 1).all());
}

TEST_CASE("kmeans reference: k-means++ returns k distinct rows of X, far rows more often than near ones",
          "[reference][kmeans]") {
  // 20 rows near the origin and one 50 away: D² makes the far row the second centre almost surely.
  cases::Draw r(5);
  Eigen::MatrixXd X = r.normal(21, 2, 0.5);
  X.row(20) << 50.0, 0.0;
  int far = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    std::mt19937_64 rng(seed);
    const Eigen::MatrixXd C = drill::kmeans::init_plus_plus(X, 2, rng);
    REQUIRE(C.rows() == 2);
    REQUIRE(C.row(0) != C.row(1));
    far += C.row(0) == X.row(20) || C.row(1) == X.row(20);
  }
  // P(far chosen) ≥ 0.99 here; uniform would give 2/21.
  REQUIRE(far >= 190);
}
