// CaseContext: calls into the candidate with the case's CPU budget, comparisons that stop
// the case on failure, and the two-sided gradient check.
#include "grading/case.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mldrill::grading {
namespace {
// Outputs arrive with the types and counts the runner's adapters send; anything else was
// written to the reply channel by the candidate's own code.
constexpr const char* kCorrupted = "the reply channel was corrupted (";
constexpr const char* kFd4 = "): does your code write to file descriptor 4?";
}  // namespace

wire::Tensor as_tensor(const wire::Value& v) {
  if (auto* t = std::get_if<wire::Tensor>(&v)) return *t;
  if (auto* d = std::get_if<double>(&v)) return scalar(*d);
  if (auto* t = std::get_if<wire::IntTensor>(&v)) {
    wire::Tensor out;
    out.shape = t->shape;
    out.data.assign(t->data.begin(), t->data.end());
    return out;
  }
  throw CaseStop{Verdict::RuntimeError, kCorrupted + std::string("a numeric output arrived as another type") + kFd4};
}

double as_double(const wire::Value& v) {
  if (auto* d = std::get_if<double>(&v)) return *d;
  throw CaseStop{Verdict::RuntimeError, kCorrupted + std::string("a number arrived as another type") + kFd4};
}

wire::Values CaseContext::call(Function function, const wire::Values& args, size_t expected_outputs) {
  const std::string fn = function.name;
  sandbox::CallResult r = channel_.call(fn, args, budget_);
  budget_ -= r.cpu_seconds;
  result_.seconds += r.wall_seconds;
  if (r.ending != sandbox::Ending::Replied || r.status != wire::Status::Ok) throw channel_.explain(r, fn, budget_);
  if (r.outputs.size() != expected_outputs)
    throw CaseStop{Verdict::RuntimeError, fmt::format("{}{}() sent {} outputs where its adapter sends {}{}", kCorrupted,
                                                      fn, r.outputs.size(), expected_outputs, kFd4)};
  return std::move(r.outputs);
}

std::optional<std::string> CaseContext::call_expecting_throw(Function function, const wire::Values& args) {
  const std::string fn = function.name;
  sandbox::CallResult r = channel_.call(fn, args, budget_);
  budget_ -= r.cpu_seconds;
  result_.seconds += r.wall_seconds;
  if (r.ending == sandbox::Ending::Replied && r.status == wire::Status::Exception) return r.message;
  if (r.ending == sandbox::Ending::Replied && r.status == wire::Status::Ok) return std::nullopt;
  throw channel_.explain(r, fn, budget_);
}

void CaseContext::expect_close(const std::string& what, const wire::Value& got, const wire::Tensor& expected,
                               Tolerance tol, const Clues& clues, Verdict verdict) {
  Comparison c = check_close(what, as_tensor(got), expected, tol, clues);
  if (c.ok) return;
  result_.comparison = c;
  fail(verdict, c.message());
}

wire::Tensor CaseContext::expect_shape(const std::string& what, const wire::Value& got,
                                      const std::vector<int64_t>& shape) {
  wire::Tensor t = as_tensor(got);
  if (t.shape != shape)
    fail(Verdict::WrongAnswer, fmt::format("{}: expected {}, got {}", what, shape_string(shape), shape_string(t.shape)));
  return t;
}

void CaseContext::fail(Verdict verdict, const std::string& message) { throw CaseStop{verdict, message}; }

void CaseContext::expect(const Comparison& c, Verdict verdict) {
  if (c.ok) return;
  result_.comparison = c;
  fail(verdict, c.message());
}

namespace {
// An exact output as a tensor: integers, bools and doubles alike (iterations may be int64).
wire::Tensor exact_tensor(const wire::Value& v) {
  if (auto* i = std::get_if<int64_t>(&v)) return scalar(double(*i));
  if (auto* b = std::get_if<bool>(&v)) return scalar(*b ? 1.0 : 0.0);
  return as_tensor(v);
}
}  // namespace

void CaseContext::expect_exact(const std::string& what, const wire::Value& got, const wire::Tensor& expected,
                               const Clues& clues) {
  expect(check_exact(what, exact_tensor(got), expected, clues));
}

Eigen::VectorXi CaseContext::expect_equal_labels(const std::string& what, const wire::Value& got,
                                                 const Eigen::VectorXi& expected, const Clues& clues,
                                                 const std::vector<bool>& compared, const std::string& skipped_why) {
  const wire::Tensor t = expect_shape(what, got, {expected.size()});
  Comparison c = check_exact(what, t, as_tensor(int_tensor(expected)), clues, compared);
  c.skipped_why = skipped_why;
  expect(c);
  return vector_of(t).cast<int>();
}

void CaseContext::expect_same_partition(const std::string& what, const wire::Value& got,
                                        const Eigen::VectorXi& expected) {
  const wire::Tensor t = expect_shape(what, got, {expected.size()});
  expect(check_same_partition(what, t, as_tensor(int_tensor(expected))));
}

void CaseContext::expect_throws(Function fn, const wire::Values& args, const std::string& exception,
                                const std::string& call, const std::string& rule) {
  const std::optional<std::string> thrown = call_expecting_throw(fn, args);
  if (!thrown) fail(Verdict::WrongAnswer, fmt::format("{} returned instead of throwing {}\n→ {}", call, exception, rule));
  if (thrown->rfind(exception, 0) != 0)
    fail(Verdict::WrongAnswer, fmt::format("{} threw {} instead of {}\n→ {}", call, *thrown, exception, rule));
}

Comparison CaseContext::compare_outputs(const std::vector<wire::Tensor>& got, const std::vector<Output>& expected,
                                        const std::vector<Slip>& slips) const {
  if (got.size() != expected.size())
    throw CaseStop{Verdict::RuntimeError, fmt::format("grader error: {} outputs to compare with {}", got.size(),
                                                      expected.size())};
  std::vector<wire::Tensor> want;
  std::vector<Tolerance> tol;
  for (const Output& o : expected) {
    want.push_back(o.expected);
    tol.push_back(o.tol);
  }
  for (size_t k = 0; k < got.size(); ++k) {
    const Output& o = expected[k];
    const bool exact = o.tol.atol == 0 && o.tol.rtol == 0;
    Comparison c = exact ? check_exact(o.name, got[k], o.expected, o.clues)
                         : check_close(o.name, got[k], o.expected, o.tol, o.clues);
    if (c.ok) continue;
    if (c.problem == "values" || c.problem == "nonfinite")
      if (std::string slip = diagnose_slip(slips, got, want, tol); !slip.empty()) c.diagnosis = slip;
    return c;
  }
  return {};
}

void CaseContext::expect_outputs(const std::vector<wire::Tensor>& got, const std::vector<Output>& expected,
                                 const std::vector<Slip>& slips, Verdict verdict) {
  expect(compare_outputs(got, expected, slips), verdict);
}

namespace {

std::string gradient_diagnosis(const GradientCheck& g, const wire::Tensor& a, const std::vector<size_t>& entries,
                               const std::vector<double>& reference, const Clues& clues) {
  if (!std::isfinite(g.rel_error)) return clues.nonfinite;
  if (g.all_zero) return "yours is all zeros: was it computed and assigned?";
  // A case's known bugs, matched on the checked entries as tightly as a correct gradient; a
  // slip that the reference gradient matches as well is no evidence here, and is skipped.
  for (const Fingerprint& fp : clues.fingerprints) {
    if (fp.value.shape != a.shape) continue;
    std::vector<double> v;
    for (size_t i : entries) v.push_back(fp.value.data[i]);
    if (compare_gradient(g.param, a, v, entries).ok && !compare_gradient(g.param, fp.value, reference, entries).ok)
      return fp.diagnosis;
  }
  if (std::isnan(g.factor)) return "";
  for (const Factor& f : clues.factors) {
    auto near = [](double a, double b) { return std::abs(a - b) <= 1e-3 * std::abs(b); };
    if (near(g.factor, f.value)) return f.too_large;
    if (near(g.factor * f.value, 1)) return f.too_small;
  }
  if (std::abs(g.factor + 1) < 1e-3) return "the sign is flipped: descent needs dL/dθ, not −dL/dθ";
  if (entries.size() < 2 || std::abs(g.factor - 1) < 0.05) return "";  // one number, or near 1: not a factor
  return fmt::format("yours is {:.4g} times the numerical gradient", g.factor);
}

// The largest |entry| of every reference gradient but the one at `skip`: the scale an
// identically-zero gradient's rounding is measured against.
double other_gradients_scale(const std::vector<wire::Tensor>& reference, size_t skip) {
  double s = 0;
  for (size_t q = 0; q < reference.size(); ++q)
    if (q != skip)
      for (double x : reference[q].data) s = std::max(s, std::abs(x));
  return s;
}

}  // namespace

std::string CaseContext::check_zero(const Param& param, const wire::Tensor& a, const std::vector<wire::Tensor>& reference,
                                    size_t p) {
  const double scale = other_gradients_scale(reference, p);
  const ZeroCheck ref = check_zero_gradient(param.name, reference[p], scale);
  if (!ref.ok)
    fail(Verdict::RuntimeError, fmt::format("grader error: the reference's {} is not zero ({:.3g} at {}), though the "
                                            "case marks it identically zero",
                                            param.name, ref.worst->got, entry_name(param.name, ref.worst->index)));
  const ZeroCheck z = check_zero_gradient(param.name, a, scale);
  result_.gradients.push_back({param.name, z.relative, z.relative, z.total, z.total, true});
  if (z.ok) return "";
  return fmt::format("{} must be exactly zero: {}. Yours has {} of {} entr{} above the allowed {:.1e} "
                     "({:g} × {:.3g}, the largest entry of the other gradients); worst {} = {:.10g}",
                     param.name, param.zero_because, z.nonzero, z.total, z.total == 1 ? "y" : "ies", z.bound,
                     kZeroGradientBound, z.scale,
                     entry_name(param.name, z.worst->index), z.worst->got);
}

void CaseContext::check_gradients(const std::vector<Param>& at, const std::vector<wire::Tensor>& candidate,
                                  const std::vector<wire::Tensor>& reference, const LossFn& candidate_loss,
                                  const std::string& loss_name, const Clues& clues) {
  std::string failure;
  for (size_t p = 0; p < at.size(); ++p) {
    const std::string& name = at[p].name;
    const wire::Tensor& a = candidate[p];
    if (a.shape != reference[p].shape || a.dtype != reference[p].dtype) {
      Comparison c = check_close(name, a, reference[p], {}, clues);
      result_.comparison = c;
      fail(Verdict::GradientMismatch, c.message());
    }
    if (!at[p].zero_because.empty()) {
      const std::string why = check_zero(at[p], a, reference, p);
      if (failure.empty()) failure = why;
      continue;
    }
    const auto entries = entries_to_check(a.data.size(), 0x6d6c6472696c6cull + p);
    const std::vector<double> numeric = numeric_gradient(candidate_loss, at, p, entries);
    std::vector<double> ref_entries;
    for (size_t i : entries) ref_entries.push_back(reference[p].data[i]);
    GradientCheck own = compare_gradient(name, a, numeric, entries);
    GradientCheck ref = compare_gradient(name, a, ref_entries, entries);
    result_.gradients.push_back({name, own.rel_error, ref.rel_error, own.checked, own.total});
    if (!failure.empty() || (own.ok && ref.ok)) continue;
    const std::string sampled =
        own.checked < own.total ? fmt::format(" (checked a seeded sample of {} of {} entries)", own.checked, own.total)
                                : "";
    if (!own.ok && ref.ok) {
      // The gradient is the reference's: the loss is what disagrees with it.
      failure = fmt::format(
          "{} matches the reference gradient (relative error {:.2e}), but not the numerical gradient of your own "
          "{}() (relative error {:.2e}){}: {}() is what is wrong, not the gradient.",
          name, ref.rel_error, loss_name, own.rel_error, sampled, loss_name);
      if (own.worst)
        failure += fmt::format("\nworst entry {}: yours {:.10g}, numerical gradient of your {}() {:.10g}",
                               entry_name(name, own.worst->index), own.worst->got, loss_name, own.worst->expected);
    } else if (!own.ok) {
      failure = fmt::format(
          "{} does not match the numerical gradient of your own {}(): relative error {:.2e}, allowed {:.0e} "
          "(a correct backward pass measures below {:.0e}){}.",
          name, loss_name, own.rel_error, kGradientThreshold, kGradientMark, sampled);
      if (own.worst)
        failure += fmt::format("\nworst entry {}: yours {:.10g}, numerical {:.10g}", entry_name(name, own.worst->index),
                               own.worst->got, own.worst->expected);
      std::string why = gradient_diagnosis(own, a, entries, ref_entries, clues);
      if (!why.empty()) failure += "\n→ " + why;
    } else {
      failure = fmt::format(
          "{} agrees with your own {}() (relative error {:.2e}) but not with the reference gradient (relative "
          "error {:.2e}){}: the loss itself is wrong, so its gradient is too. Fix {}() first.",
          name, loss_name, own.rel_error, ref.rel_error, sampled, loss_name);
      if (ref.worst)
        failure += fmt::format("\nworst entry {}: yours {:.10g}, reference {:.10g}", entry_name(name, ref.worst->index),
                               ref.worst->got, ref.worst->expected);
      std::string why = gradient_diagnosis(ref, a, entries, ref_entries, clues);
      if (!why.empty()) failure += "\n→ " + why;
    }
  }
  if (!failure.empty()) fail(Verdict::GradientMismatch, failure);
}

}  // namespace mldrill::grading
