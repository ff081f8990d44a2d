// check_close: the one comparison every numeric case uses. Pins its tolerance semantics
// (numpy.allclose: |got − expected| ≤ atol + rtol·|expected|), what it reports (count,
// worst entry with index) and each diagnosis, against hand-computed expectations.
#include <catch2/catch.hpp>

#include <cmath>

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

TEST_CASE("An undefined torch tensor is named as such, and equals only an expected empty one", "[compare]") {
  wire::Tensor undefined;
  undefined.shape = {0};
  undefined.dtype = wire::kUndefined;
  auto due = check_close("dgamma", undefined, vec({1, 2}), {1e-6, 1e-6});
  CHECK_FALSE(due.ok);
  CHECK(due.problem == "undefined");
  CHECK(due.message() == "dgamma: expected a tensor of shape 2, got an undefined tensor (a default-constructed torch::Tensor)");
  CHECK_FALSE(check_exact("labels", undefined, vec({1, 2})).ok);
  wire::Tensor empty;
  empty.shape = {0};
  CHECK(check_close("exp_avg", undefined, empty, {1e-6, 1e-6}).ok);
  CHECK(check_exact("exp_avg", undefined, empty).ok);
  // A defined tensor of 0 entries where d are due is a shape, not an undefined tensor.
  CHECK(check_close("dgamma", empty, vec({1, 2}), {1e-6, 1e-6}).problem == "shape");
}

TEST_CASE("A scale factor is named only for a vector whose entries share one ratio far from 1", "[compare]") {
  const Tolerance tol{1e-12, 1e-9};
  // Two single numbers always have a ratio: a wrong scalar is not "C times" anything.
  auto one = check_close("loss", scalar(0.73), scalar(0.69), tol);
  REQUIRE_FALSE(one.ok);
  CHECK(one.diagnosis.find("times") == std::string::npos);
  CHECK(one.diagnosis.find("scale factor") == std::string::npos);
  // A vector with one shared ratio of 3.
  auto three = check_close("dw", vec({3, -6, 1.5}), vec({1, -2, 0.5}), tol);
  CHECK(three.diagnosis.find("every entry is 3 times the expected one") != std::string::npos);
  // A shared ratio near 1 is not a scale factor (rounding, precision or an epsilon are).
  auto near_one = check_close("dw", vec({0.999967, -1.999934, 0.4999835}), vec({1, -2, 0.5}), tol);
  REQUIRE_FALSE(near_one.ok);
  CHECK(near_one.diagnosis.find("times") == std::string::npos);
  // Entries with different ratios: no shared factor.
  auto mixed = check_close("dw", vec({3, -4, 1.5}), vec({1, -2, 0.5}), tol);
  CHECK(mixed.diagnosis.find("times") == std::string::npos);
}

TEST_CASE("Single precision is recognised by its relative error and by values that are exactly floats", "[compare]") {
  const Tolerance tol{1e-12, 1e-9};
  const std::vector<double> exact = {0.123456789012345, -1.98765432109876, 3.14159265358979};
  std::vector<double> as_float;
  for (double x : exact) as_float.push_back(double(float(x)));
  auto c = check_close("p", vec(as_float), vec(exact), tol);
  REQUIRE_FALSE(c.ok);
  CHECK(c.diagnosis.find("float instead of double") != std::string::npos);
  CHECK(c.diagnosis.find("exactly a single-precision float") != std::string::npos);
  // A scalar off by 2e-7 relative, not itself a float: asked as a question.
  auto s = check_close("loss", scalar(0.6931471805599453 * (1 + 2e-7)), scalar(0.6931471805599453), tol);
  CHECK(s.diagnosis.find("float instead of double somewhere") != std::string::npos);
  // Off by 1e-3 relative is not a precision problem.
  auto far = check_close("loss", scalar(0.6931471805599453 * (1 + 1e-3)), scalar(0.6931471805599453), tol);
  CHECK(far.diagnosis.find("float") == std::string::npos);
}

TEST_CASE("An epsilon fingerprint names the epsilon that reproduces the output", "[compare]") {
  const Tolerance tol{1e-12, 1e-9};
  const std::vector<double> p = {0.2, 0.7, 0.01};
  auto loss = [&](double eps) {
    double s = 0;
    for (double x : p) s -= std::log(x + eps);
    return scalar(s / 3);
  };
  Clues clues;
  clues.fingerprints = epsilon_fingerprints(loss, "inside the log", "clip at 1e-15 or use log-sum-exp");
  auto c = check_close("loss", loss(1e-7), loss(0), tol, clues);
  REQUIRE_FALSE(c.ok);
  CHECK(c.diagnosis.find("off by about ε = 1e-07: an epsilon inside the log") != std::string::npos);
  // An error that no epsilon explains gets no epsilon sentence.
  auto d = check_close("loss", scalar(loss(0).data[0] * 1.01), loss(0), tol, clues);
  CHECK(d.diagnosis.find("epsilon") == std::string::npos);
}

TEST_CASE("Fingerprints match NaN with NaN and inf with the same inf, nothing else", "[compare]") {
  const Tolerance tol{1e-12, 1e-9};
  CHECK(matches(vec({1, NAN, INFINITY}), vec({1, NAN, INFINITY}), tol));
  CHECK_FALSE(matches(vec({1, NAN, INFINITY}), vec({1, INFINITY, INFINITY}), tol));
  CHECK_FALSE(matches(vec({1, 2, -INFINITY}), vec({1, 2, INFINITY}), tol));
  CHECK_FALSE(matches(vec({1, 2}), vec({1, NAN}), tol));
  Clues clues;
  clues.fingerprints = {{vec({0.5, NAN}), "row 1 divides 0 by 0"}};
  auto c = check_close("p", vec({0.5, NAN}), vec({0.5, 0.5}), tol, clues);
  CHECK(c.problem == "nonfinite");
  CHECK(c.diagnosis == "row 1 divides 0 by 0");
  auto d = check_close("p", vec({NAN, 0.5}), vec({0.5, 0.5}), tol, clues);
  CHECK(d.diagnosis != "row 1 divides 0 by 0");
}
