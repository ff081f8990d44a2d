// The xtensor flavor's adapter: tensors cross the wire row-major with their shape, labels
// as integers, and a request of the wrong rank is refused rather than misread.
#include <catch2/catch.hpp>
#include <xtensor/xview.hpp>

#include "runner/xtensor_adapter.hpp"

using namespace mldrill;
using namespace mldrill::runner;

namespace {
wire::Tensor tensor(std::vector<int64_t> shape, std::vector<double> data) {
  wire::Tensor t;
  t.shape = std::move(shape);
  t.data = std::move(data);
  return t;
}
xt::xtensor<double, 1> row_sums(const xt::xtensor<double, 2>& X) { return xt::sum(X, {1}); }
}  // namespace

TEST_CASE("xtensor: a 2-D tensor arrives row-major and returns unchanged", "[adapter]") {
  Value v = tensor({2, 3}, {1, 2, 3, 4, 5, 6});
  const auto X = Convert<xt::xtensor<double, 2>>::from(v);
  CHECK(X.shape(0) == 2);
  CHECK(X.shape(1) == 3);
  CHECK(X(0, 2) == 3);
  CHECK(X(1, 0) == 4);
  Values out;
  Convert<xt::xtensor<double, 2>>::to(out, X);
  const auto& t = std::get<wire::Tensor>(out.at(0));
  CHECK(t.shape == std::vector<int64_t>{2, 3});
  CHECK(t.data == std::vector<double>{1, 2, 3, 4, 5, 6});
  CHECK(t.dtype == "float64");
}

TEST_CASE("xtensor: a transposed result is sent in its own row-major order", "[adapter]") {
  Value v = tensor({2, 3}, {1, 2, 3, 4, 5, 6});
  const xt::xtensor<double, 2> T = xt::transpose(Convert<xt::xtensor<double, 2>>::from(v));
  Values out;
  Convert<xt::xtensor<double, 2>>::to(out, T);
  const auto& t = std::get<wire::Tensor>(out.at(0));
  CHECK(t.shape == std::vector<int64_t>{3, 2});
  CHECK(t.data == std::vector<double>{1, 4, 2, 5, 3, 6});
}

TEST_CASE("xtensor: integer labels convert both ways", "[adapter]") {
  wire::IntTensor it;
  it.shape = {4};
  it.data = {0, 2, 1, 2};
  Value v = it;
  const auto y = Convert<xt::xtensor<int, 1>>::from(v);
  CHECK(y(1) == 2);
  Values out;
  Convert<xt::xtensor<int, 1>>::to(out, y);
  CHECK(std::get<wire::IntTensor>(out.at(0)).data == it.data);
}

TEST_CASE("xtensor: a tensor of the wrong rank or kind is a bad request, not a misread", "[adapter]") {
  Value v = tensor({6}, {1, 2, 3, 4, 5, 6});
  using Matrix = xt::xtensor<double, 2>;
  using Vector = xt::xtensor<double, 1>;
  CHECK_THROWS_AS(Convert<Matrix>::from(v), BadRequest);
  Value d = 2.0;
  CHECK_THROWS_AS(Convert<Vector>::from(d), BadRequest);
}

TEST_CASE("xtensor: bind calls a candidate function through the adapter", "[adapter]") {
  Handler h = mldrill::runner::bind(&row_sums);
  Values args = {tensor({2, 2}, {1, 2, 3, 4})};
  Values out = h(args);
  CHECK(std::get<wire::Tensor>(out.at(0)).data == std::vector<double>{3, 7});
  Values none;
  CHECK_THROWS_AS(h(none), BadRequest);
}
