// The dropout reference against LibTorch (the oracle): its masks' statistics — keep rate, pair
// independence, E[out] = X — agree with torch::dropout's on the graded sizes and bands; eval is
// the identity in both; p = 0 and 1; backward against autograd through torch's own mask; invalid p.
// The Hoeffding bounds the contract states are computed here from the constants the cases use.
#include <catch2/catch.hpp>

#include <random>
#include <stdexcept>

#include "cases/dropout_stats.hpp"
#include "cases/inputs.hpp"
#include "reference/dropout.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
using testing::matrix_from;
using testing::to_torch;
namespace ref = drill::dropout;
namespace st = cases::dropout_stats;

namespace {

// torch::dropout's mask on a matrix of ones (its own generator, seeded): 1 where kept.
Eigen::MatrixXd torch_mask(double p, uint64_t seed) {
  torch::manual_seed(seed);
  const torch::Tensor out = torch::dropout(torch::ones({st::kRows, st::kCols}, torch::kFloat64), p, true);
  return matrix_from((out != 0).to(torch::kFloat64));
}

Eigen::MatrixXd reference_mask(double p, uint64_t seed) {
  std::mt19937_64 rng(seed);
  return ref::forward(Eigen::MatrixXd::Ones(st::kRows, st::kCols), p, true, rng).mask;
}

}  // namespace

TEST_CASE("dropout: the statistics' Hoeffding bounds, from the cases' own N and t", "[dropout]") {
  const double N = double(st::kRows) * st::kCols;
  const double keep = st::hoeffding(N, st::kKeepBand);
  const double rows = st::hoeffding(st::row_pair_count(), st::kPairBand);
  const double columns = st::hoeffding(st::column_pair_count(), st::kPairBand);
  REQUIRE(st::row_pair_count() == 25000);
  REQUIRE(st::column_pair_count() == 25000);
  REQUIRE(keep == Approx(8.5e-18).epsilon(0.01));  // the contract's numbers
  REQUIRE(rows == Approx(5.7e-20).epsilon(0.01));
  double total = double(st::kRateP.size()) * (keep + rows + columns);
  for (double p : st::kMeanP) {
    const double mean = st::hoeffding(N, st::kMeanBand * (1 - p));  // in keep-rate units
    REQUIRE(mean <= 8.5e-18);
    total += mean;
  }
  REQUIRE(st::kRateP.size() * 3 + st::kMeanP.size() == 11);
  REQUIRE(total < 1e-16);  // a correct solution is rejected far below 1e-9
  // The bands are about 9 standard deviations wide or more at every graded p (the contract's 9–17;
  // the keep rate at p = 0.5 is the narrowest, 8.94).
  for (double p : st::kRateP) {
    REQUIRE(st::kKeepBand / std::sqrt(p * (1 - p) / N) >= 8.9);
    const double q = 2 * p * (1 - p);
    REQUIRE(st::kPairBand / std::sqrt(q * (1 - q) / st::row_pair_count()) >= 9);
  }
}

TEST_CASE("dropout: the reference's keep rate and pair independence agree with torch::dropout's", "[dropout]") {
  for (size_t k = 0; k < st::kRateP.size(); ++k) {
    const double p = st::kRateP[k];
    for (const Eigen::MatrixXd& mask : {reference_mask(p, 300 + k), torch_mask(p, 300 + k)}) {
      REQUIRE(((mask.array() == 0.0) || (mask.array() == 1.0)).all());
      REQUIRE(std::abs(st::kept_fraction(mask) - (1 - p)) <= st::kKeepBand);
      REQUIRE(std::abs(st::row_pairs_differing(mask) - 2 * p * (1 - p)) <= st::kPairBand);
      REQUIRE(std::abs(st::column_pairs_differing(mask) - 2 * p * (1 - p)) <= st::kPairBand);
    }
    // Each the other's peer: their statistics lie within one band of each other.
    REQUIRE(std::abs(st::kept_fraction(reference_mask(p, 400 + k)) - st::kept_fraction(torch_mask(p, 400 + k))) <=
          st::kKeepBand);
  }
}

TEST_CASE("dropout: E[out] = X for the reference and for torch::dropout", "[dropout]") {
  const Eigen::MatrixXd X = Eigen::MatrixXd::Constant(st::kRows, st::kCols, st::kMeanX);
  for (size_t k = 0; k < st::kMeanP.size(); ++k) {
    const double p = st::kMeanP[k];
    std::mt19937_64 rng(500 + k);
    const double ours = ref::forward(X, p, true, rng).out.mean();
    torch::manual_seed(500 + k);
    const double theirs = torch::dropout(to_torch(X), p, true).mean().item<double>();
    REQUIRE(std::abs(ours - st::kMeanX) <= st::kMeanBand * st::kMeanX);
    REQUIRE(std::abs(theirs - st::kMeanX) <= st::kMeanBand * st::kMeanX);
  }
}

TEST_CASE("dropout: eval is the identity and p = 0 / p = 1 are X / zeros, as torch::dropout", "[dropout]") {
  const Eigen::MatrixXd X = cases::Draw(61).normal(7, 5);
  std::mt19937_64 rng(1);
  for (double p : {0.3, 1.0}) {
    const ref::Forward f = ref::forward(X, p, false, rng);
    REQUIRE(f.out == X);
    REQUIRE(f.mask == Eigen::MatrixXd::Ones(7, 5));
    REQUIRE(matrix_from(torch::dropout(to_torch(X), p, false)) == X);
  }
  REQUIRE(ref::forward(X, 0.0, true, rng).out == X);
  REQUIRE(matrix_from(torch::dropout(to_torch(X), 0.0, true)) == X);
  const ref::Forward all = ref::forward(X, 1.0, true, rng);
  REQUIRE(all.out == Eigen::MatrixXd::Zero(7, 5));
  REQUIRE(all.mask == Eigen::MatrixXd::Zero(7, 5));
  REQUIRE(matrix_from(torch::dropout(to_torch(X), 1.0, true)) == Eigen::MatrixXd::Zero(7, 5));
}

TEST_CASE("dropout: backward equals autograd through torch's own mask", "[dropout]") {
  cases::Draw r(66);
  const Eigen::MatrixXd X = r.normal(6, 5), dOut = r.normal(6, 5);
  for (double p : {0.0, 0.4, 0.75}) {
    torch::manual_seed(7);
    torch::Tensor Xt = to_torch(X).requires_grad_(true);
    auto [out, keep] = at::native_dropout(Xt, p, true);
    (out * to_torch(dOut)).sum().backward();
    const Eigen::MatrixXd mask = matrix_from(keep.to(torch::kFloat64));
    const Eigen::MatrixXd ours = ref::backward(dOut, mask, p, true);
    REQUIRE((ours - matrix_from(Xt.grad())).cwiseAbs().maxCoeff() <= 1e-15 * (1 + dOut.cwiseAbs().maxCoeff()));
    REQUIRE(ref::backward(dOut, mask, p, false) == dOut);
  }
}

TEST_CASE("dropout: p outside [0, 1] throws in both modes, as torch::dropout", "[dropout]") {
  const Eigen::MatrixXd X = Eigen::MatrixXd::Ones(3, 4);
  std::mt19937_64 rng(81);
  for (double p : {-0.1, 1.5})
    for (bool training : {false, true}) {
      REQUIRE_THROWS_AS(ref::forward(X, p, training, rng), std::invalid_argument);
      REQUIRE_THROWS(torch::dropout(to_torch(X), p, training));
    }
}
