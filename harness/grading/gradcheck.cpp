// Central differences and the whole-tensor / per-entry gradient comparison.
#include "grading/gradcheck.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace mldrill::grading {

std::vector<size_t> entries_to_check(size_t size, uint64_t seed) {
  std::vector<size_t> all(size);
  std::iota(all.begin(), all.end(), 0);
  if (size <= kMaxCheckedEntries) return all;
  std::mt19937_64 rng(seed);
  for (size_t i = 0; i < kMaxCheckedEntries; ++i) {  // partial Fisher–Yates, portable
    size_t j = i + static_cast<size_t>(rng() % (size - i));
    std::swap(all[i], all[j]);
  }
  all.resize(kMaxCheckedEntries);
  std::sort(all.begin(), all.end());
  return all;
}

std::vector<double> numeric_gradient(const LossFn& f, std::vector<Param> params, size_t which,
                                     const std::vector<size_t>& entries) {
  std::vector<double> g;
  g.reserve(entries.size());
  auto& theta = params[which].value.data;
  for (size_t i : entries) {
    const double orig = theta[i];
    const double h = kFiniteDifferenceStep * std::max(1.0, std::abs(orig));
    theta[i] = orig + h;
    const double up = f(params);
    theta[i] = orig - h;
    const double down = f(params);
    theta[i] = orig;
    g.push_back((up - down) / (2 * h));
  }
  return g;
}

GradientCheck compare_gradient(const std::string& param, const wire::Tensor& a, const std::vector<double>& b,
                               const std::vector<size_t>& entries) {
  GradientCheck c;
  c.param = param;
  c.checked = entries.size();
  c.total = a.data.size();
  double diff2 = 0, a2 = 0, b2 = 0, ab = 0, amax = 0, bmax = 0;
  for (size_t k = 0; k < entries.size(); ++k) {
    const double x = a.data[entries[k]], y = b[k];
    diff2 += (x - y) * (x - y);
    a2 += x * x;
    b2 += y * y;
    ab += x * y;
    amax = std::max(amax, std::abs(x));
    bmax = std::max(bmax, std::abs(y));
  }
  const double scale = std::max({std::sqrt(a2), std::sqrt(b2), kGradientFloor});
  c.rel_error = std::sqrt(diff2) / scale;
  if (!std::isfinite(c.rel_error)) c.rel_error = INFINITY;
  // Per entry: |a_i − b_i| ≤ threshold · (largest magnitude in either tensor).
  const double entry_allowed = kGradientThreshold * std::max({amax, bmax, kGradientFloor});
  bool entries_ok = true;
  double worst = -1;
  for (size_t k = 0; k < entries.size(); ++k) {
    const double x = a.data[entries[k]], y = b[k];
    const double d = std::isfinite(x) ? std::abs(x - y) : INFINITY;
    if (d > entry_allowed) entries_ok = false;
    if (d > worst) {
      worst = d;
      // Index in the tensor's own shape.
      std::vector<int64_t> idx(a.shape.size());
      size_t flat = entries[k];
      for (size_t s = a.shape.size(); s-- > 0;) {
        idx[s] = static_cast<int64_t>(flat % static_cast<size_t>(a.shape[s]));
        flat /= static_cast<size_t>(a.shape[s]);
      }
      c.worst = Entry{idx, x, y, d, y != 0 ? d / std::abs(y) : INFINITY};
    }
  }
  c.ok = c.rel_error <= kGradientThreshold && entries_ok;
  c.factor = NAN;
  c.all_zero = a2 == 0;
  if (b2 > 0 && a2 > 0) {
    const double f = ab / b2;
    double resid = 0;
    for (size_t k = 0; k < entries.size(); ++k) {
      const double r = a.data[entries[k]] - f * b[k];
      resid += r * r;
    }
    if (std::sqrt(resid) <= 1e-4 * std::sqrt(a2)) c.factor = f;
  }
  return c;
}

ZeroCheck check_zero_gradient(const std::string& param, const wire::Tensor& a, double scale) {
  ZeroCheck z;
  z.param = param;
  z.scale = std::max(scale, kGradientFloor);
  z.bound = kZeroGradientBound * z.scale;
  z.total = a.data.size();
  double largest = 0;
  for (size_t i = 0; i < a.data.size(); ++i) {
    const double x = a.data[i];
    const double size = std::isfinite(x) ? std::abs(x) : INFINITY;
    if (size > z.bound) ++z.nonzero;
    if (size > largest || !z.worst) {
      largest = std::max(largest, size);
      std::vector<int64_t> idx(a.shape.size());
      size_t flat = i;
      for (size_t s = a.shape.size(); s-- > 0;) {
        idx[s] = static_cast<int64_t>(flat % static_cast<size_t>(a.shape[s]));
        flat /= static_cast<size_t>(a.shape[s]);
      }
      z.worst = Entry{idx, x, 0.0, size, INFINITY};
    }
  }
  z.ok = z.nonzero == 0;
  z.relative = largest / z.scale;
  return z;
}

}  // namespace mldrill::grading
