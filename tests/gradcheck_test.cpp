// The numerical gradient check: central differences against analytic gradients of known
// functions (the oracle is calculus), the scale-free relative error, the per-entry bound
// that catches one wrong entry in a large tensor, and the deterministic sampling.
#include <catch2/catch.hpp>
#include <cmath>

#include "tensors.hpp"
#include "grading/case.hpp"
#include "grading/gradcheck.hpp"

using namespace mldrill;
using namespace mldrill::grading;

using mldrill::testing::vec;

namespace {
// f(θ) = Σ sin(θ_i) · i + θ_i³ / 3  →  ∂f/∂θ_i = i·cos(θ_i) + θ_i²
double f(const std::vector<Param>& p) {
  double s = 0;
  for (size_t i = 0; i < p[0].value.data.size(); ++i) {
    const double x = p[0].value.data[i];
    s += std::sin(x) * double(i) + x * x * x / 3;
  }
  return s;
}
std::vector<double> df(const std::vector<double>& x) {
  std::vector<double> g;
  for (size_t i = 0; i < x.size(); ++i) g.push_back(double(i) * std::cos(x[i]) + x[i] * x[i]);
  return g;
}
}  // namespace

TEST_CASE("Central differences agree with the exact gradient far below the 1e-7 mark", "[gradcheck]") {
  std::vector<double> x = {0.3, -1.2, 2.5, 0.01, -0.7};
  const std::vector<Param> at = {{"x", vec(x)}};
  const auto entries = entries_to_check(x.size(), 1);
  const auto numeric = numeric_gradient(f, at, 0, entries);
  const GradientCheck c = compare_gradient("x", vec(df(x)), numeric, entries);
  CHECK(c.ok);
  CHECK(c.rel_error < 1e-9);
}

TEST_CASE("A gradient off by a factor or a sign is far above the threshold and its factor is found",
          "[gradcheck]") {
  std::vector<double> x = {0.3, -1.2, 2.5, 0.01, -0.7};
  const auto entries = entries_to_check(x.size(), 1);
  const auto numeric = numeric_gradient(f, {{"x", vec(x)}}, 0, entries);
  auto g = df(x);
  for (auto& v : g) v *= -1;
  const GradientCheck c = compare_gradient("x", vec(g), numeric, entries);
  CHECK_FALSE(c.ok);
  CHECK(c.rel_error == Approx(2.0).epsilon(1e-6));
  CHECK(c.factor == Approx(-1.0).epsilon(1e-6));
}

TEST_CASE("One wrong entry in a large tensor fails the per-entry bound", "[gradcheck]") {
  std::vector<double> exact(100000, 1.0);
  auto a = exact;
  a[777] = 1.0 + 1e-3;  // whole-tensor relative error only ~3e-6, below the threshold
  std::vector<size_t> all(exact.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  const GradientCheck c = compare_gradient("W", vec(a), exact, all);
  CHECK(c.rel_error < kGradientThreshold);
  CHECK_FALSE(c.ok);
  REQUIRE(c.worst);
  CHECK(c.worst->index == std::vector<int64_t>{777});
}

TEST_CASE("Large parameters are checked on a fixed seeded sample of distinct entries", "[gradcheck]") {
  const auto a = entries_to_check(5000, 42), b = entries_to_check(5000, 42);
  CHECK(a == b);
  CHECK(a.size() == kMaxCheckedEntries);
  CHECK(std::adjacent_find(a.begin(), a.end()) == a.end());
  CHECK(entries_to_check(10, 42).size() == 10);
}

namespace {
// A channel no test calls: check_gradients gets the candidate's loss as a function.
class NoChannel : public Channel {
 public:
  sandbox::CallResult call(const std::string&, const wire::Values&, double) override { throw std::logic_error("call"); }
  CaseStop explain(const sandbox::CallResult&, const std::string&, double) override { return {}; }
};

std::string gradient_failure(const LossFn& candidate_loss, const std::vector<double>& candidate,
                             const std::vector<double>& reference) {
  NoChannel channel;
  CaseResult result;
  CaseContext ctx(channel, result, 1.0);
  const std::vector<Param> at = {{"dw", vec({0.3, -0.7, 1.1})}};
  try {
    ctx.check_gradients(at, {vec(candidate)}, {vec(reference)}, candidate_loss, "loss");
  } catch (const CaseStop& stop) {
    return stop.message;
  }
  return "";
}
}  // namespace

TEST_CASE("A right gradient over a broken loss() blames loss(), not the gradient", "[gradcheck]") {
  const std::vector<double> right = df({0.3, -0.7, 1.1});
  auto broken_loss = [](const std::vector<Param>& p) { return f(p) + 0.5 * p[0].value.data[1] * p[0].value.data[1]; };
  const std::string m = gradient_failure(broken_loss, right, right);
  CHECK(m.find("dw matches the reference gradient") != std::string::npos);
  CHECK(m.find("loss() is what is wrong") != std::string::npos);
  CHECK(m.find("does not match the numerical gradient") == std::string::npos);
  // A wrong gradient over a right loss() is still the gradient's fault.
  const std::vector<double> wrong = {right[0], right[1] + 1, right[2]};
  const std::string w = gradient_failure(f, wrong, right);
  CHECK(w.find("dw does not match the numerical gradient of your own loss()") != std::string::npos);
  // Both right: no failure.
  CHECK(gradient_failure(f, right, right).empty());
}
