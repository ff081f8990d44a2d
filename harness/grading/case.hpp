// A grading case and the context it runs in. Cases are data: a name carrying its
// parameters ("gradient(n=40,d=6)"), a CPU budget, and a body that calls the candidate
// through the context, computes the expected answer with the reference, and compares.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "grading/case_name.hpp"
#include "grading/compare.hpp"
#include "grading/gradcheck.hpp"
#include "grading/verdict.hpp"
#include "sandbox/child_process.hpp"

namespace mldrill::grading {

// Ends a case with a verdict; thrown by the context, caught by the grader.
struct CaseStop {
  Verdict verdict;
  std::string message;
};

struct GradientReport {
  std::string param;
  double rel_error_own = 0;        // vs the numerical gradient of the candidate's own loss
  double rel_error_reference = 0;  // vs the reference's analytic gradient
  size_t checked = 0;
  size_t total = 0;
  bool zero_rule = false;  // checked as identically zero: the errors above are max|g| / S (gradcheck.hpp)
};

struct CaseResult {
  std::string name;
  Verdict verdict = Verdict::Accepted;
  std::string message;
  std::optional<Comparison> comparison;  // the failing comparison, for --json "worst"
  std::vector<GradientReport> gradients;
  double seconds = 0;            // wall time inside the candidate's calls
  double reference_seconds = 0;  // the reference's time on the same work
};

// The candidate's process as a case sees it. Implemented by the grader.
class Channel {
 public:
  virtual ~Channel() = default;
  virtual sandbox::CallResult call(const std::string& fn, const wire::Values& args, double cpu_budget) = 0;
  // Turns an ending other than a normal return into a verdict and a message.
  virtual CaseStop explain(const sandbox::CallResult& r, const std::string& fn, double cpu_budget) = 0;
};

// A function of the drill, as a case names it: the constants come from the drill's
// description (cases/functions.hpp), so a case cannot call a name the drill does not bind.
struct Function {
  const char* name;
};

class CaseContext {
 public:
  CaseContext(Channel& channel, CaseResult& result, double cpu_budget)
      : channel_(channel), result_(result), budget_(cpu_budget) {}

  // Calls fn(args...) in the candidate's process. Any ending but a normal return stops
  // the case (not_implemented, runtime_error, time_limit, memory_limit).
  wire::Values call(Function fn, const wire::Values& args, size_t expected_outputs);
  // For cases where the contract says "throws": the exception text, or nullopt if it returned.
  std::optional<std::string> call_expecting_throw(Function fn, const wire::Values& args);

  // Compares and stops the case with `verdict` when the comparison fails.
  void expect_close(const std::string& what, const wire::Value& got, const wire::Tensor& expected, Tolerance tol,
                    const Clues& clues = {}, Verdict verdict = Verdict::WrongAnswer);
  [[noreturn]] void fail(Verdict verdict, const std::string& message);
  // Stops the case with `verdict` when `c` failed, recording it for --json. For a comparison
  // the case completes first (a diagnosis found from its own data, a detail line).
  void expect(const Comparison& c, Verdict verdict = Verdict::WrongAnswer);

  // Exact equality (integer outputs, counts, iteration numbers; a number arriving as int64
  // or double alike): the message names the first differing position. Slips in
  // clues.fingerprints are matched exactly.
  void expect_exact(const std::string& what, const wire::Value& got, const wire::Tensor& expected,
                    const Clues& clues = {});
  // Class labels: a vector of exactly expected's length, equal entry by entry (`compared`: only
  // where true; `skipped_why` says why the others are not). Returns the labels.
  Eigen::VectorXi expect_equal_labels(const std::string& what, const wire::Value& got, const Eigen::VectorXi& expected,
                                      const Clues& clues = {}, const std::vector<bool>& compared = {},
                                      const std::string& skipped_why = "");
  // Cluster labels, equal up to renaming the clusters.
  void expect_same_partition(const std::string& what, const wire::Value& got, const Eigen::VectorXi& expected);
  // fn(args) must throw `exception` ("std::invalid_argument"). `call` shows the call in the
  // message ("predict(k = 0)"), `rule` says what the contract asks ("throw … when k < 1").
  void expect_throws(Function fn, const wire::Values& args, const std::string& exception,
                     const std::string& call, const std::string& rule);

  // Several outputs of one call, compared in order; stops at the first that differs. Its
  // diagnosis: the first slip whose whole result is the candidate's (diagnose_slip), else what
  // that output's own clues say. compare_outputs gives the comparison without stopping, for a
  // case that adds a diagnosis of its own when no slip matched.
  struct Output {
    std::string name;
    wire::Tensor expected;
    Tolerance tol;   // {0, 0}: compared exactly (check_exact)
    Clues clues = {};
  };
  Comparison compare_outputs(const std::vector<wire::Tensor>& got, const std::vector<Output>& expected,
                             const std::vector<Slip>& slips = {}) const;
  void expect_outputs(const std::vector<wire::Tensor>& got, const std::vector<Output>& expected,
                      const std::vector<Slip>& slips = {}, Verdict verdict = Verdict::WrongAnswer);
  // Stops the case with wrong_answer unless `got` is a float tensor of exactly `shape`.
  wire::Tensor expect_shape(const std::string& what, const wire::Value& got, const std::vector<int64_t>& shape);

  // Checks each analytic gradient of the candidate against the numerical gradient of the
  // candidate's own loss, then against the reference's analytic gradient. A Param with
  // zero_because set is checked as identically zero instead (gradcheck.hpp, kZeroGradientBound).
  void check_gradients(const std::vector<Param>& at, const std::vector<wire::Tensor>& candidate,
                       const std::vector<wire::Tensor>& reference, const LossFn& candidate_loss,
                       const std::string& loss_name, const Clues& clues = {});

  // Runs the reference, timing it for the report's information column.
  template <class F>
  auto reference(F&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    auto out = f();
    result_.reference_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
  }

  CaseResult& result() { return result_; }

 private:
  // The identically-zero rule on candidate gradient `a` of at[p]: "" or why it failed.
  std::string check_zero(const Param& param, const wire::Tensor& a, const std::vector<wire::Tensor>& reference,
                         size_t p);

  Channel& channel_;
  CaseResult& result_;
  double budget_;
};

// Value helpers for case bodies.
wire::Tensor as_tensor(const wire::Value& v);  // a double becomes a 0-D tensor
double as_double(const wire::Value& v);

struct Case {
  std::string name;  // a CaseName built from the values the case runs with
  double cpu_seconds = 5;  // CPU budget of the whole case (all its calls)
  std::function<void(CaseContext&)> run;
};

}  // namespace mldrill::grading
