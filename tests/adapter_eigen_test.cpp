// The eigen flavor's adapter for integer matrices (metrics' confusion matrix): they cross the
// wire as row-major integer tensors with their shape, and a float or 1-D tensor is refused.
#include <catch2/catch.hpp>

#include "runner/eigen_adapter.hpp"

using namespace mldrill;
using namespace mldrill::runner;

TEST_CASE("eigen: an int matrix arrives row-major and returns unchanged", "[adapter]") {
  wire::IntTensor it;
  it.shape = {2, 3};
  it.data = {1, 2, 3, 4, 5, -6};
  Value v = it;
  const Eigen::MatrixXi M = Convert<Eigen::MatrixXi>::from(v);
  REQUIRE(M.rows() == 2);
  REQUIRE(M.cols() == 3);
  CHECK(M(0, 2) == 3);
  CHECK(M(1, 0) == 4);
  CHECK(M(1, 2) == -6);
  Values out;
  Convert<Eigen::MatrixXi>::to(out, M);
  const auto& t = std::get<wire::IntTensor>(out.at(0));
  CHECK(t.shape == std::vector<int64_t>{2, 3});
  CHECK(t.data == it.data);
}

TEST_CASE("eigen: a transposed int matrix is sent in its own row-major order", "[adapter]") {
  Eigen::MatrixXi M(2, 3);
  M << 1, 2, 3, 4, 5, 6;
  Values out;
  Convert<Eigen::MatrixXi>::to(out, Eigen::MatrixXi(M.transpose()));
  const auto& t = std::get<wire::IntTensor>(out.at(0));
  CHECK(t.shape == std::vector<int64_t>{3, 2});
  CHECK(t.data == std::vector<int64_t>{1, 4, 2, 5, 3, 6});
}

TEST_CASE("eigen: an empty int matrix keeps its shape", "[adapter]") {
  Values out;
  Convert<Eigen::MatrixXi>::to(out, Eigen::MatrixXi::Zero(0, 3));
  CHECK(std::get<wire::IntTensor>(out.at(0)).shape == std::vector<int64_t>{0, 3});
}

TEST_CASE("eigen: a float or 1-D tensor is a bad request for an int matrix", "[adapter]") {
  wire::Tensor f;
  f.shape = {2, 2};
  f.data = {1, 2, 3, 4};
  Value a = f;
  CHECK_THROWS_AS(Convert<Eigen::MatrixXi>::from(a), BadRequest);
  wire::IntTensor it;
  it.shape = {4};
  it.data = {1, 2, 3, 4};
  Value b = it;
  CHECK_THROWS_AS(Convert<Eigen::MatrixXi>::from(b), BadRequest);
}
