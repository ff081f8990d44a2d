// check_close: the one comparison every numeric case uses. Pins its tolerance semantics
// (numpy.allclose: |got − expected| ≤ atol + rtol·|expected|), what it reports (count,
// worst entry with index) and each diagnosis, against hand-computed expectations.
#include <catch2/catch.hpp>

#include "tensors.hpp"
#include "grading/compare.hpp"

using namespace mldrill;
using namespace mldrill::grading;

using mldrill::testing::mat;
using mldrill::testing::vec;

TEST_CASE("Values within atol + rtol·|expected| match; one ulp beyond does not", "[compare]") {
  auto c = check_close("p", vec({1.0, 2.0}), vec({1.0 + 1e-10, 2.0}), {0, 1e-9});
  CHECK(c.ok);
  auto d = check_close("p", vec({1.0, 2.0}), vec({1.0, 2.0 + 3e-9}), {0, 1e-9});
  CHECK_FALSE(d.ok);
  CHECK(d.problem == "values");
}

TEST_CASE("A failure reports how many entries differ and the worst one with its index", "[compare]") {
  auto c = check_close("W", mat(2, 2, {1, 2, 3, 9}), mat(2, 2, {1, 2.5, 3, 4}), {1e-12, 1e-9});
  REQUIRE_FALSE(c.ok);
  CHECK(c.bad == 2);
  REQUIRE(c.worst);
  CHECK(c.worst->index == std::vector<int64_t>{1, 1});
  CHECK(c.worst->got == 9);
  CHECK(c.worst->expected == 4);
  CHECK(c.message().find("W[1, 1]") != std::string::npos);
  CHECK(c.message().find("2 of 4 entries differ") != std::string::npos);
}

TEST_CASE("A result n times too large is read as a missing average when the case names n", "[compare]") {
  Clues clues;
  clues.factors = {{40, "forgot to average over n = 40", "divided by n twice"}};
  auto c = check_close("loss", scalar(0.5 * 40), scalar(0.5), {1e-12, 1e-9}, clues);
  REQUIRE_FALSE(c.ok);
  CHECK(c.diagnosis == "forgot to average over n = 40");
  auto d = check_close("loss", scalar(0.5 / 40), scalar(0.5), {1e-12, 1e-9}, clues);
  CHECK(d.diagnosis == "divided by n twice");
}

TEST_CASE("A flipped sign, a factor 2 and a constant offset are named", "[compare]") {
  CHECK(check_close("g", vec({-1, 2, -3}), vec({1, -2, 3}), {1e-12, 1e-9}).diagnosis.find("sign is flipped") !=
        std::string::npos);
  CHECK(check_close("g", vec({2, 4, 6}), vec({1, 2, 3}), {1e-12, 1e-9}).diagnosis.find("factor 2") != std::string::npos);
  CHECK(check_close("g", vec({1.5, 2.5, 3.5}), vec({1, 2, 3}), {1e-12, 1e-9}).diagnosis.find("off by the same 0.5") !=
        std::string::npos);
}

TEST_CASE("A transposed result is recognised by shape and, for square ones, by value", "[compare]") {
  auto c = check_close("dW", mat(3, 2, {1, 2, 3, 4, 5, 6}), mat(2, 3, {1, 3, 5, 2, 4, 6}), {1e-12, 1e-9});
  CHECK(c.problem == "shape");
  CHECK(c.diagnosis.find("transposed") != std::string::npos);
  CHECK(c.message().find("expected 2×3, got 3×2") != std::string::npos);
  auto d = check_close("dW", mat(2, 2, {1, 3, 2, 4}), mat(2, 2, {1, 2, 3, 4}), {1e-12, 1e-9});
  CHECK(d.diagnosis.find("transposed") != std::string::npos);
}

TEST_CASE("NaN or inf where the expected value is finite is reported at its first index", "[compare]") {
  auto c = check_close("p", vec({0.5, NAN, INFINITY}), vec({0.5, 0.5, 0.5}), {1e-12, 1e-9});
  REQUIRE_FALSE(c.ok);
  CHECK(c.problem == "nonfinite");
  CHECK(c.bad == 2);
  CHECK(c.worst->index == std::vector<int64_t>{1});
  CHECK(c.diagnosis.find("numerical stability") != std::string::npos);
}

TEST_CASE("A case's fingerprint of a known bug takes precedence over generic readings", "[compare]") {
  Clues clues;
  clues.fingerprints = {{vec({0.1, 0.2}), "the bias is missing"}};
  CHECK(check_close("p", vec({0.1, 0.2}), vec({0.3, 0.9}), {1e-12, 1e-9}, clues).diagnosis == "the bias is missing");
}

TEST_CASE("A wrong dtype is a failure of its own (torch returning float32)", "[compare]") {
  auto got = vec({1, 2});
  got.dtype = "float32";
  auto c = check_close("p", got, vec({1, 2}), {1e-6, 1e-6});
  CHECK(c.problem == "dtype");
  CHECK(c.message().find("float32") != std::string::npos);
}
