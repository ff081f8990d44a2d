// The case-authoring kit's comparisons (grading/compare, grading/case): exact and label
// comparisons naming the first differing position, cluster labels up to renaming, "must
// throw", several outputs judged with a slip table. Oracle: hand-written outputs, each
// right and wrong, with the verdict and message expected of it.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "grading/case.hpp"
#include "tensors.hpp"

using namespace mldrill;
using namespace mldrill::grading;
using mldrill::testing::mat;
using mldrill::testing::vec;

namespace {

// A candidate's process reduced to one scripted reply per call.
class ScriptedChannel : public Channel {
 public:
  explicit ScriptedChannel(std::vector<sandbox::CallResult> replies) : replies_(std::move(replies)) {}
  sandbox::CallResult call(const std::string&, const wire::Values&, double) override {
    sandbox::CallResult r = replies_.at(next_++);
    r.ending = sandbox::Ending::Replied;
    return r;
  }
  CaseStop explain(const sandbox::CallResult&, const std::string& fn, double) override {
    return {Verdict::RuntimeError, fn + " crashed"};
  }

 private:
  std::vector<sandbox::CallResult> replies_;
  size_t next_ = 0;
};

sandbox::CallResult returned() { return {}; }
sandbox::CallResult threw(const std::string& what) {
  sandbox::CallResult r;
  r.status = wire::Status::Exception;
  r.message = what;
  return r;
}

// Runs `body` in a case context; the verdict and message it stopped with, or accepted.
std::pair<Verdict, std::string> run(const std::function<void(CaseContext&)>& body,
                                    std::vector<sandbox::CallResult> replies = {}) {
  ScriptedChannel channel(std::move(replies));
  CaseResult result;
  CaseContext ctx(channel, result, 5.0);
  try {
    body(ctx);
  } catch (const CaseStop& stop) {
    return {stop.verdict, stop.message};
  }
  return {Verdict::Accepted, ""};
}

wire::IntTensor labels(std::vector<int64_t> v) {
  wire::IntTensor t;
  t.shape = {int64_t(v.size())};
  t.data = std::move(v);
  return t;
}

Eigen::VectorXi ivec(std::initializer_list<int> v) {
  Eigen::VectorXi out(Eigen::Index(v.size()));
  int i = 0;
  for (int x : v) out[i++] = x;
  return out;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("Equal labels pass, and different ones name the count and the FIRST differing position", "[compare][case]") {
  const Eigen::VectorXi want = ivec({0, 2, 1, 1, 0});
  CHECK(run([&](CaseContext& c) { c.expect_equal_labels("labels", labels({0, 2, 1, 1, 0}), want); }).first ==
        Verdict::Accepted);
  const auto [v, m] = run([&](CaseContext& c) { c.expect_equal_labels("labels", labels({0, 2, 2, 1, 2}), want); });
  CHECK(v == Verdict::WrongAnswer);
  CHECK(contains(m, "labels: 2 of 5 entries differ; first labels[2]: expected 1, got 2"));
  CHECK_FALSE(contains(m, "relative"));  // no tolerance to speak of
  // A wrong length is a shape failure, not a value one.
  CHECK(contains(run([&](CaseContext& c) { c.expect_equal_labels("labels", labels({0, 2}), want); }).second,
                 "labels: expected 5, got 2"));
}

TEST_CASE("Positions not compared are left out of the count and said why", "[compare][case]") {
  const Eigen::VectorXi want = ivec({0, 1, 1, 0});
  const std::vector<bool> compared = {true, false, true, true};
  CHECK(run([&](CaseContext& c) {
          c.expect_equal_labels("labels", labels({0, 2, 1, 0}), want, {}, compared, "a near tie");
        }).first == Verdict::Accepted);
  const auto [v, m] = run([&](CaseContext& c) {
    c.expect_equal_labels("labels", labels({0, 2, 1, 1}), want, {}, compared, "a near tie");
  });
  CHECK(v == Verdict::WrongAnswer);
  CHECK(contains(m, "labels: 1 of 3 entries differs (1 not compared: a near tie); first labels[3]: expected 0, got 1"));
}

TEST_CASE("An exact slip is named only when the output is that slip on every compared position", "[compare][case]") {
  const Eigen::VectorXi want = ivec({0, 1, 1, 0});
  Clues clues;
  clues.fingerprints = {{vec({1, 0, 0, 1}), "the labels are swapped"}};
  CHECK(contains(run([&](CaseContext& c) { c.expect_equal_labels("labels", labels({1, 0, 0, 1}), want, clues); }).second,
                 "→ the labels are swapped"));
  // Three of four like the slip: not the slip, so no diagnosis.
  CHECK_FALSE(contains(run([&](CaseContext& c) { c.expect_equal_labels("labels", labels({1, 0, 0, 0}), want, clues); })
                           .second,
                       "→"));
}

TEST_CASE("An exact scalar arriving as an integer or a double reads 'expected …, got …'", "[compare][case]") {
  CHECK(run([](CaseContext& c) { c.expect_exact("iterations", int64_t(7), scalar(7)); }).first == Verdict::Accepted);
  const auto [v, m] = run([](CaseContext& c) { c.expect_exact("iterations", int64_t(8), scalar(7)); });
  CHECK(v == Verdict::WrongAnswer);
  CHECK(m == "iterations: expected 7, got 8");
  CHECK(run([](CaseContext& c) { c.expect_exact("count", 7.0, scalar(7)); }).first == Verdict::Accepted);
  CHECK(run([](CaseContext& c) { c.expect_exact("count", 7.5, scalar(7)); }).first == Verdict::WrongAnswer);
}

TEST_CASE("Cluster labels are compared up to renaming, and a row grouped wrongly is named", "[compare][case]") {
  const Eigen::VectorXi want = ivec({0, 0, 1, 2, 1});
  CHECK(run([&](CaseContext& c) { c.expect_same_partition("labels", labels({2, 2, 0, 1, 0}), want); }).first ==
        Verdict::Accepted);
  const auto [v, m] = run([&](CaseContext& c) { c.expect_same_partition("labels", labels({2, 2, 0, 0, 0}), want); });
  CHECK(v == Verdict::WrongAnswer);
  CHECK(contains(m, "rows 2 and 3 are in different cluster in the expected labels (1 and 2), in one in yours (0 and 0)"));
  // Merging is caught as well as splitting.
  CHECK(run([&](CaseContext& c) { c.expect_same_partition("labels", labels({2, 3, 0, 1, 0}), want); }).first ==
        Verdict::WrongAnswer);
}

TEST_CASE("'Must throw': the right exception passes, and a return or another exception is named", "[case]") {
  auto check = [](CaseContext& c) {
    c.expect_throws(grading::Function{"predict"}, {}, "std::invalid_argument", "predict(k = 0)", "throw std::invalid_argument when k < 1");
  };
  CHECK(run(check, {threw("std::invalid_argument: k must be positive")}).first == Verdict::Accepted);
  const auto [v1, m1] = run(check, {returned()});
  CHECK(v1 == Verdict::WrongAnswer);
  CHECK(m1 == "predict(k = 0) returned instead of throwing std::invalid_argument\n→ throw std::invalid_argument when k < 1");
  const auto [v2, m2] = run(check, {threw("std::out_of_range: vector::at")});
  CHECK(v2 == Verdict::WrongAnswer);
  CHECK(contains(m2, "predict(k = 0) threw std::out_of_range: vector::at instead of std::invalid_argument"));
}

TEST_CASE("Several outputs: the first that differs is reported, diagnosed by a slip only if ALL outputs match it",
          "[compare][case]") {
  const std::vector<CaseContext::Output> want = {{"w", vec({1.0, 2.0}), {1e-12, 1e-9}},
                                                 {"b", scalar(0.5), {1e-12, 1e-9}},
                                                 {"steps", scalar(3), {0, 0}}};
  const std::vector<Slip> slips = {
      {"the bias is never updated", {vec({1.1, 2.2}), scalar(0.0), scalar(3)}},
      {"indistinguishable from right here", {vec({1.0, 2.0}), scalar(0.5), scalar(3)}},
  };
  auto judge = [&](std::vector<wire::Tensor> got) {
    return run([&](CaseContext& c) { c.expect_outputs(got, want, slips); });
  };
  CHECK(judge({vec({1.0, 2.0}), scalar(0.5), scalar(3)}).first == Verdict::Accepted);
  // The whole result is the slip's: named.
  const auto [v, m] = judge({vec({1.1, 2.2}), scalar(0.0), scalar(3)});
  CHECK(v == Verdict::WrongAnswer);
  CHECK(contains(m, "w: 2 of 2 entries differ"));
  CHECK(contains(m, "→ the bias is never updated"));
  // w like the slip's but b not: no slip named (the generic reading of w may still speak).
  CHECK_FALSE(contains(judge({vec({1.1, 2.2}), scalar(0.5), scalar(3)}).second, "bias is never updated"));
  // Only the exact output wrong: reported exactly, by first position.
  CHECK(judge({vec({1.0, 2.0}), scalar(0.5), scalar(4)}).second == "steps: expected 3, got 4");
}

TEST_CASE("diagnose_slip skips a slip that also matches the expected outputs", "[compare]") {
  const std::vector<Slip> slips = {{"same as right", {scalar(1.0)}}, {"off by one", {scalar(2.0)}}};
  CHECK(diagnose_slip(slips, {scalar(1.0)}, {scalar(1.0)}, {{0, 0}}).empty());
  CHECK(diagnose_slip(slips, {scalar(2.0)}, {scalar(1.0)}, {{0, 0}}) == "off by one");
  CHECK(diagnose_slip(slips, {scalar(3.0)}, {scalar(1.0)}, {{0, 0}}).empty());
  // Nor is a fingerprint within tolerance of the expected output (check_close): got 1.8 matches
  // the slip 0.9 within atol 1, but so does the expected 0, so the slip explains nothing.
  Clues near_right, far;
  near_right.fingerprints = {{scalar(0.9), "slip A"}};
  far.fingerprints = {{scalar(1.7), "slip B"}};
  CHECK(check_close("x", scalar(1.8), scalar(0), {1, 0}, near_right).diagnosis.empty());
  CHECK(check_close("x", scalar(1.8), scalar(0), {1, 0}, far).diagnosis == "slip B");
}
