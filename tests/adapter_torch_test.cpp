// The torch flavor's adapter: inputs arrive as fresh float64/int64 tensors, outputs keep
// their dtype and shape so the grader can name a float32 or mis-shaped answer, an
// undefined tensor or an input modified in place is a contract violation (a message, not a
// crash), and autograd is off in the candidate's process.
#include <catch2/catch.hpp>

#include "runner/torch_adapter.hpp"

using namespace mldrill;
using namespace mldrill::runner;

namespace {
wire::Tensor tensor(std::vector<int64_t> shape, std::vector<double> data) {
  wire::Tensor t;
  t.shape = std::move(shape);
  t.data = std::move(data);
  return t;
}
torch::Tensor doubled(const torch::Tensor& x) { return x * 2; }
torch::Tensor doubled_in_place(const torch::Tensor& x) { return x.mul_(2); }
torch::Tensor as_float32(const torch::Tensor& x) { return x.to(torch::kFloat32); }
torch::Tensor undefined(const torch::Tensor&) { return {}; }
}  // namespace

TEST_CASE("torch: a 2-D tensor arrives as float64, row-major, and returns unchanged", "[adapter]") {
  Value v = tensor({2, 3}, {1, 2, 3, 4, 5, 6});
  const torch::Tensor X = Convert<torch::Tensor>::from(v);
  CHECK(X.scalar_type() == torch::kFloat64);
  CHECK(X.sizes() == torch::IntArrayRef({2, 3}));
  CHECK(X[1][0].item<double>() == 4);
  Values out;
  Convert<torch::Tensor>::to(out, X.t());  // non-contiguous: sent in its logical order
  const auto& t = std::get<wire::Tensor>(out.at(0));
  CHECK(t.shape == std::vector<int64_t>{3, 2});
  CHECK(t.data == std::vector<double>{1, 4, 2, 5, 3, 6});
  CHECK(t.dtype == "float64");
}

TEST_CASE("torch: an input tensor owns its memory (the wire buffer stays intact)", "[adapter]") {
  Value v = tensor({2}, {1, 2});
  torch::Tensor x = Convert<torch::Tensor>::from(v);
  x.fill_(9);
  CHECK(std::get<wire::Tensor>(v).data == std::vector<double>{1, 2});
}

TEST_CASE("torch: integer labels travel as int64 tensors", "[adapter]") {
  wire::IntTensor it;
  it.shape = {3};
  it.data = {2, 0, 1};
  Value v = it;
  const torch::Tensor y = Convert<torch::Tensor>::from(v);
  CHECK(y.scalar_type() == torch::kInt64);
  Values out;
  Convert<torch::Tensor>::to(out, y.to(torch::kInt32));
  const auto& t = std::get<wire::IntTensor>(out.at(0));
  CHECK(t.data == it.data);
  CHECK(t.dtype == "int32");
}

TEST_CASE("torch: a float32 answer keeps its dtype label and its shape", "[adapter]") {
  Handler h = mldrill::runner::bind(&as_float32);
  Values args = {tensor({2, 1}, {0.5, 0.25})};
  Values out = h(args);
  const auto& t = std::get<wire::Tensor>(out.at(0));
  CHECK(t.dtype == "float32");
  CHECK(t.shape == std::vector<int64_t>{2, 1});
  CHECK(t.data == std::vector<double>{0.5, 0.25});
}

TEST_CASE("torch: an undefined tensor is a contract violation with a message", "[adapter]") {
  Handler h = mldrill::runner::bind(&undefined);
  Values args = {tensor({1}, {1})};
  CHECK_THROWS_WITH(h(args), Catch::Contains("undefined tensor"));
  CHECK_THROWS_AS(h(args), ContractViolation);
}

TEST_CASE("torch: an input modified in place is caught after the call", "[adapter]") {
  Values args = {tensor({3}, {1, 2, 3})};
  CHECK_NOTHROW(mldrill::runner::bind(&doubled)(args));
  CHECK_THROWS_WITH(mldrill::runner::bind(&doubled_in_place)(args), Catch::Contains("modified its first argument in place"));
}

TEST_CASE("torch: autograd is off in a process that includes the adapter", "[adapter]") {
  CHECK_FALSE(torch::GradMode::is_enabled());
  torch::Tensor w = torch::ones({2}, torch::kFloat64).requires_grad_(true);
  CHECK_FALSE((w * 2).requires_grad());
}
