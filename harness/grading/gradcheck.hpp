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

struct Param {
  std::string name;  // "W1"
  wire::Tensor value;
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

}  // namespace mldrill::grading
