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

namespace {
// One query attending over four keys that all share a key bias kb:
//   L(q, kb) = Σ_j softmax(s)_j v_j,  s_j = q·(k_j + kb) / sqrt(3).
// q·kb / sqrt(3) is added to every score, which the softmax ignores: ∂L/∂kb is identically 0.
const double kKeys[4][3] = {{1.5, -0.4, 2.0}, {-1.0, 0.7, 0.3}, {0.2, 2.5, -1.8}, {3.0, -2.2, 0.9}};
const double kValues[4] = {1.0, -2.0, 0.5, 3.0};

std::vector<double> attention_weights_grad(const std::vector<double>& q, const std::vector<double>& kb,
                                           double* loss = nullptr, std::vector<double>* dkb = nullptr) {
  const double root = std::sqrt(3.0);
  double s[4], p[4], top = -INFINITY, sum = 0, mean = 0;
  for (int j = 0; j < 4; ++j) {
    s[j] = 0;
    for (int c = 0; c < 3; ++c) s[j] += q[size_t(c)] * (kKeys[j][c] + kb[size_t(c)]) / root;
    top = std::max(top, s[j]);
  }
  (void)top;  // the scores are a few units: exp() without the max, whose rounding the shift then reaches
  for (int j = 0; j < 4; ++j) sum += (p[j] = std::exp(s[j]));
  for (int j = 0; j < 4; ++j) mean += (p[j] /= sum) * kValues[j];
  if (loss) *loss = mean;
  std::vector<double> dq(3, 0.0);
  if (dkb) dkb->assign(3, 0.0);
  for (int j = 0; j < 4; ++j) {
    const double ds = p[j] * (kValues[j] - mean);  // ∂L/∂s_j; these sum to 0 over j
    for (int c = 0; c < 3; ++c) {
      dq[size_t(c)] += ds * (kKeys[j][c] + kb[size_t(c)]) / root;
      if (dkb) (*dkb)[size_t(c)] += ds * q[size_t(c)] / root;
    }
  }
  return dq;
}

double attention_loss(const std::vector<Param>& p) {
  double l = 0;
  attention_weights_grad(p[0].value.data, p[1].value.data, &l);
  return l;
}

const std::vector<double> kQ = {0.8, -1.3, 0.6}, kKb = {0.4, 0.9, -0.7};

// check_gradients on (dq, dkb), dkb marked identically zero when `rule`; "" when it passes.
std::string zero_rule_failure(const std::vector<double>& dkb, bool rule, CaseResult* out = nullptr) {
  NoChannel channel;
  CaseResult result;
  CaseContext ctx(channel, result, 1.0);
  std::vector<double> exact_dkb;
  const std::vector<double> dq = attention_weights_grad(kQ, kKb, nullptr, &exact_dkb);
  const std::vector<Param> at = {
      {"dq", vec(kQ)},
      {"dkb", vec(kKb), rule ? "a shift common to every key moves all scores by one constant" : ""}};
  std::string failure;
  try {
    ctx.check_gradients(at, {vec(dq), vec(dkb)}, {vec(dq), vec(exact_dkb)}, attention_loss, "forward");
  } catch (const CaseStop& stop) {
    failure = stop.message;
  }
  if (out) *out = result;
  return failure;
}
}  // namespace

// Oracle: the symmetry above, so the true ∂L/∂kb is 0; the analytic one leaves only rounding.
TEST_CASE("An identically-zero gradient is checked against zero, not by a relative error", "[gradcheck]") {
  std::vector<double> rounding;
  attention_weights_grad(kQ, kKb, nullptr, &rounding);
  for (double x : rounding) CHECK(std::abs(x) < 1e-15);
  // The relative rule alone: the central difference of a constant is rounding (2.2e-11 here),
  // large against the 1e-8 floor, so correct code is rejected (and forward() blamed). This is
  // why the rule exists.
  const std::string without = zero_rule_failure(rounding, false);
  INFO(without);
  CHECK(without.find("dkb matches the reference gradient") != std::string::npos);
  CHECK(without.find("but not the numerical gradient of your own forward()") != std::string::npos);
  // With the rule: correct code passes, and the report says how far from zero it was.
  CaseResult r;
  CHECK(zero_rule_failure(rounding, true, &r).empty());
  REQUIRE(r.gradients.size() == 2);
  CHECK(r.gradients[1].param == "dkb");
  CHECK(r.gradients[1].zero_rule);
  CHECK(r.gradients[1].rel_error_own < 1e-14);
  CHECK(zero_rule_failure({0.0, 0.0, 0.0}, true).empty());
}

TEST_CASE("A non-zero gradient where it must be identically zero is named with its worst entry and the bound",
          "[gradcheck]") {
  const std::string m = zero_rule_failure({0.0, 2e-3, -1e-4}, true);
  CHECK(m.find("dkb must be exactly zero: a shift common to every key moves all scores by one constant") !=
        std::string::npos);
  CHECK(m.find("2 of 3 entries above the allowed") != std::string::npos);
  CHECK(m.find("worst dkb[1] = 0.002") != std::string::npos);
  // The bound is relative to the other gradients' scale: 1e-9 · S passes, 1e-6 · S does not.
  const std::vector<double> dq = attention_weights_grad(kQ, kKb);
  double S = 0;
  for (double x : dq) S = std::max(S, std::abs(x));
  CHECK(zero_rule_failure({0.5e-9 * S, 0.0, 0.0}, true).empty());
  CHECK_FALSE(zero_rule_failure({1e-6 * S, 0.0, 0.0}, true).empty());
  CHECK_FALSE(zero_rule_failure({0.0, NAN, 0.0}, true).empty());
}

TEST_CASE("check_zero_gradient: bound kZeroGradientBound · S, worst entry by index, a floor for S", "[gradcheck]") {
  const ZeroCheck ok = check_zero_gradient("db_k", mldrill::testing::mat(2, 2, {0, 1e-16, -2e-16, 0}), 4.0);
  CHECK(ok.ok);
  CHECK(ok.bound == Approx(4e-9));
  const ZeroCheck bad = check_zero_gradient("db_k", mldrill::testing::mat(2, 2, {0, 1e-16, -3.0, 5e-9}), 4.0);
  CHECK_FALSE(bad.ok);
  CHECK(bad.nonzero == 2);
  REQUIRE(bad.worst);
  CHECK(bad.worst->index == std::vector<int64_t>{1, 0});
  CHECK(bad.relative == Approx(0.75));
  CHECK(check_zero_gradient("b", vec({0.0}), 0.0).bound == Approx(kZeroGradientBound * kGradientFloor));
}
