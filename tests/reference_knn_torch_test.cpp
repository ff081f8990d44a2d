// The knn reference against LibTorch in double precision (the oracle): distances against
// torch::cdist (its exact, non-matrix-product mode) squared, predictions against k nearest
// by torch::topk (no ties) or a stable torch::sort (ties), then a one-hot vote and argmax.
#include <catch2/catch.hpp>

#include "cases/inputs.hpp"
#include "grading/compare.hpp"
#include "reference/knn.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
using grading::check_close;
using grading::tensor;
using testing::matrix_from;
using testing::to_torch;

namespace {

constexpr int64_t kExactDistances = 2;  // cdist's compute_mode "donot_use_mm_for_euclid_dist"

Eigen::MatrixXd torch_sq_dist(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  return matrix_from(torch::cdist(to_torch(A), to_torch(B), 2.0, kExactDistances).pow(2));
}

// Majority vote of the k nearest; argmax returns the first maximum, so ties go to the smallest label.
Eigen::VectorXi torch_predict(const Eigen::MatrixXd& X_train, const Eigen::VectorXi& y_train,
                              const Eigen::MatrixXd& X_query, int k, bool ties) {
  auto D = torch::cdist(to_torch(X_query), to_torch(X_train), 2.0, kExactDistances);
  auto nearest = ties ? std::get<1>(torch::sort(D, c10::optional<bool>(true), /*dim=*/1, /*descending=*/false)).slice(1, 0, k)
                      : std::get<1>(torch::topk(D, k, /*dim=*/1, /*largest=*/false));
  auto y = to_torch(y_train);
  auto votes = torch::one_hot(y.index({nearest}), y_train.maxCoeff() + 1).sum(1);
  auto labels = votes.argmax(1).contiguous();
  Eigen::VectorXi out(labels.size(0));
  for (int64_t i = 0; i < labels.size(0); ++i) out[i] = int(labels[i].item<int64_t>());
  return out;
}

void require_distances(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  const Eigen::MatrixXd want = torch_sq_dist(A, B);
  const Eigen::MatrixXd got = drill::knn::pairwise_sq_dist(A, B);
  auto c = check_close("D", tensor(got), tensor(want), {1e-9 * want.maxCoeff(), 0});
  INFO(c.message());
  REQUIRE(c.ok);
  REQUIRE(got.minCoeff() >= 0);
}

// Small integers on a grid: equal distances are real ties.
Eigen::MatrixXd grid(int rows, int d, int span, cases::Draw& r) {
  Eigen::MatrixXd X(rows, d);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < d; ++j) X(i, j) = r.below(span);
  return X;
}

Eigen::VectorXi labels(int n, int classes, cases::Draw& r) {
  Eigen::VectorXi y(n);
  for (int i = 0; i < n; ++i) y[i] = r.below(classes);
  return y;
}

}  // namespace

TEST_CASE("knn reference: squared distances match torch cdist to 1e-9 of the largest, never negative",
          "[reference][knn]") {
  cases::Draw r(31);
  require_distances(r.normal(40, 5), r.normal(30, 5));
  require_distances(r.normal(3, 64, 10.0), r.normal(70, 64, 10.0));
  // Near-duplicates far from the origin, where the expansion must be clamped.
  Eigen::MatrixXd B = r.normal(12, 4, 3.0).array() + 1e3;
  Eigen::MatrixXd A = B + r.normal(12, 4, 1e-7);
  require_distances(A, B);
}

TEST_CASE("knn reference: predictions equal torch topk with a one-hot vote (no ties)", "[reference][knn]") {
  cases::Draw r(32);
  for (int k : {1, 3, 5, 8}) {
    const Eigen::MatrixXd X = r.normal(80, 4), Q = r.normal(50, 4);
    const Eigen::VectorXi y = labels(80, 3, r);
    INFO("k = " << k);
    REQUIRE(drill::knn::predict(X, y, Q, k) == torch_predict(X, y, Q, k, false));
  }
}

TEST_CASE("knn reference: tie rules equal a stable torch sort and argmax (lower index, smallest label)",
          "[reference][knn]") {
  cases::Draw r(33);
  for (int k : {1, 2, 3, 4, 6, 60}) {
    const Eigen::MatrixXd X = grid(60, 2, 5, r), Q = grid(40, 2, 5, r);
    const Eigen::VectorXi y = labels(60, 3, r);
    INFO("k = " << k);
    REQUIRE(drill::knn::predict(X, y, Q, k) == torch_predict(X, y, Q, k, true));
  }
}

TEST_CASE("knn reference: k outside 1 .. n throws std::invalid_argument", "[reference][knn]") {
  cases::Draw r(34);
  const Eigen::MatrixXd X = r.normal(5, 2);
  const Eigen::VectorXi y = labels(5, 2, r);
  for (int k : {0, -1, 6}) REQUIRE_THROWS_AS(drill::knn::predict(X, y, X, k), std::invalid_argument);
}
