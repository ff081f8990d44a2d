// Numerical gradient checking: central differences in double precision, compared with an
// analytic gradient by one scale-free number per parameter,
//   rel = ‖a − n‖ / max(‖a‖, ‖n‖, floor),
// plus a per-entry bound scaled to the tensor, so one wrong entry cannot hide in a big one.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "grading/compare.hpp"

namespace mldrill::grading {

// Calibrated on the test corpora (tests/corpus, see README "Gradient check"): every
// correct solution measures ≤ 1e-8 at the graded points, every known-wrong one ≥ 1e-3,
// so the threshold sits ≥ 100× from both. The user's own mark of a correct backward pass,
// 1e-7, is shown beside it.
constexpr double kGradientThreshold = 1e-5;
constexpr double kGradientMark = 1e-7;
constexpr double kGradientFloor = 1e-8;
constexpr double kFiniteDifferenceStep = 1e-5;
constexpr size_t kMaxCheckedEntries = 256;  // larger parameters are checked on a seeded sample

// An identically-zero gradient (attention's key bias: a shift common to every key moves each
// row of scores by one constant, which the softmax ignores) has a central difference that is
// pure rounding (~1e-10 against an analytic ~1e-16), so the relative check, floor 1e-8 and
// all, rejects correct code (measured 3.8e-3 to 5.8e-2 in mha). Such a parameter is checked
// as zero instead: every |g_i| ≤ kZeroGradientBound · S, S the largest |entry| of the case's
// other reference gradients. Why 1e-9: correct code leaves only rounding, a few ulps of the
// terms it sums (≤ 1.9e-15 measured against S of 3.6 to 15), ≥ 1e5× below the bound; the
// known bug (a diagonal softmax Jacobian) leaves O(S) there (1.9 to 2.9), ~1e8× above it.
constexpr double kZeroGradientBound = 1e-9;

struct Param {
  std::string name;  // "W1"
  wire::Tensor value;
  // Non-empty: the gradient is identically zero, for this reason (said when it is not):
  // "a shift of every key moves each row of scores by a constant, which the softmax ignores".
  std::string zero_because = {};
};
using LossFn = std::function<double(const std::vector<Param>&)>;

// Which entries of each parameter get checked: all of them, or a seeded sample of
// kMaxCheckedEntries for large tensors.
std::vector<size_t> entries_to_check(size_t size, uint64_t seed);

// ∂f/∂θ_i ≈ (f(θ + h e_i) − f(θ − h e_i)) / 2h with h = step·max(1, |θ_i|), for the listed entries.
std::vector<double> numeric_gradient(const LossFn& f, std::vector<Param> params, size_t which,
                                     const std::vector<size_t>& entries);

struct GradientCheck {
  std::string param;
  double rel_error = 0;
  bool ok = true;
  size_t checked = 0;
  size_t total = 0;
  std::optional<Entry> worst;  // largest |a_i − b_i|, with a = candidate, b = the other gradient
  double factor = 0;           // a ≈ factor · b when the two are proportional (else NaN)
  bool all_zero = false;       // the candidate's entries are all exactly 0
};

// Compares the candidate's gradient `a` with `b` (numerical, or the reference's) on `entries`.
GradientCheck compare_gradient(const std::string& param, const wire::Tensor& a, const std::vector<double>& b,
                               const std::vector<size_t>& entries);

// The identically-zero rule on one gradient: every |a_i| ≤ kZeroGradientBound · scale.
struct ZeroCheck {
  std::string param;
  bool ok = true;
  double scale = 0;             // S: the largest |entry| of the case's other reference gradients
  double bound = 0;             // kZeroGradientBound · S
  size_t nonzero = 0;           // entries above the bound
  size_t total = 0;
  std::optional<Entry> worst;   // the largest |a_i| (expected 0)
  double relative = 0;          // max |a_i| / S, the number shown beside other parameters' errors
};
ZeroCheck check_zero_gradient(const std::string& param, const wire::Tensor& a, double scale);

}  // namespace mldrill::grading
