// check_close and its diagnoses: shape (transposed?), NaN/inf, values (a case's fingerprints
// of known slips first, then the generic readings, each only where its test holds).
#include "grading/compare.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numeric>

namespace mldrill::grading {
namespace {

std::vector<int64_t> unravel(size_t flat, const std::vector<int64_t>& shape) {
  std::vector<int64_t> idx(shape.size());
  for (size_t k = shape.size(); k-- > 0;) {
    idx[k] = static_cast<int64_t>(flat % static_cast<size_t>(shape[k]));
    flat /= static_cast<size_t>(shape[k]);
  }
  return idx;
}

bool close(double g, double e, Tolerance t) { return std::abs(g - e) <= t.atol + t.rtol * std::abs(e); }

bool all_close(const std::vector<double>& g, const std::vector<double>& e, Tolerance t) {
  if (g.size() != e.size()) return false;
  for (size_t i = 0; i < g.size(); ++i)
    if (!close(g[i], e[i], t)) return false;
  return true;
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(std::abs(a), std::abs(b)); }

// got ≈ c · expected for one constant c? Returns c, or NaN when not proportional.
double proportional_factor(const std::vector<double>& g, const std::vector<double>& e) {
  double ge = 0, ee = 0, gg = 0;
  for (size_t i = 0; i < g.size(); ++i) {
    ge += g[i] * e[i];
    ee += e[i] * e[i];
    gg += g[i] * g[i];
  }
  if (ee == 0 || gg == 0) return std::nan("");
  const double c = ge / ee;
  double resid = 0;
  for (size_t i = 0; i < g.size(); ++i) resid += (g[i] - c * e[i]) * (g[i] - c * e[i]);
  return std::sqrt(resid) <= 1e-6 * std::sqrt(gg) ? c : std::nan("");
}

// A ratio of exactly a named number (a case's factor, −1, 2, ½) is a fact worth saying even
// for one number; any other shared ratio only for a vector of several non-zero entries
// (two single numbers always have "a ratio"), and only far from 1 (near 1 is rounding,
// precision or an epsilon, not a scale factor).
std::string factor_diagnosis(double c, const Clues& clues, size_t nonzero) {
  for (const Factor& f : clues.factors) {
    if (near(c, f.value)) return f.too_large;
    if (near(c * f.value, 1.0)) return f.too_small;
    if (near(c, -f.value)) return "the sign is flipped, and " + f.too_large;
    if (near(c * f.value, -1.0)) return "the sign is flipped, and " + f.too_small;
  }
  if (near(c, -1)) return "the sign is flipped (yours = −expected)";
  if (near(c, 2)) return "twice the expected value: an extra factor 2 (or a missing 1/2)?";
  if (near(c, 0.5)) return "half the expected value: a missing factor 2 (or an extra 1/2)?";
  if (nonzero < 2 || std::abs(c - 1) < 0.05 || std::abs(c) < 1e-6) return "";
  return fmt::format("every entry is {:.6g} times the expected one: a scale factor is wrong", c);
}

// Single precision: every entry within a few float roundings of the expected one (relative
// to the output's scale) yet outside the tolerance; said surely when every value is exactly
// a float, as a question when the errors are merely that small.
std::string precision_diagnosis(const std::vector<double>& g, const std::vector<double>& e) {
  double scale = 0, worst = 0;
  bool all_floats = true;
  for (size_t i = 0; i < g.size(); ++i) {
    scale = std::max(scale, std::abs(e[i]));
    all_floats = all_floats && double(static_cast<float>(g[i])) == g[i];
  }
  if (scale == 0) return "";
  for (size_t i = 0; i < g.size(); ++i) worst = std::max(worst, std::abs(g[i] - e[i]) / scale);
  if (all_floats && worst <= 1e-5)
    return fmt::format("every value is exactly a single-precision float, and it agrees to about {:.0e} relative: "
                       "float instead of double (a float variable, an f-suffixed literal, MatrixXf, kFloat32)?",
                       worst);
  if (worst <= 5e-7)
    return fmt::format("agrees to about {:.0e} relative, the precision of a float: float instead of double "
                       "somewhere (a float variable, an f-suffixed literal, MatrixXf, kFloat32)?",
                       worst);
  return "";
}

// A fingerprint that matches the expected output too is no evidence of its slip on this case.
std::string values_diagnosis(const wire::Tensor& got, const wire::Tensor& exp, Tolerance tol, const Clues& clues) {
  for (const Fingerprint& fp : clues.fingerprints)
    if (matches(got, fp.value, tol) && !matches(exp, fp.value, tol)) return fp.diagnosis;
  return generic_diagnosis(got, exp, tol, clues);
}

}  // namespace

bool matches(const wire::Tensor& got, const wire::Tensor& slipped, Tolerance tol) {
  if (got.shape != slipped.shape || got.data.size() != slipped.data.size()) return false;
  for (size_t i = 0; i < got.data.size(); ++i) {
    const double g = got.data[i], s = slipped.data[i];
    if (std::isnan(g) || std::isnan(s)) {
      if (!(std::isnan(g) && std::isnan(s))) return false;
    } else if (std::isinf(g) || std::isinf(s)) {
      if (g != s) return false;
    } else if (!close(g, s, tol)) {
      return false;
    }
  }
  return true;
}

std::vector<Fingerprint> epsilon_fingerprints(const std::function<wire::Tensor(double)>& slipped,
                                              const std::string& where, const std::string& fix) {
  std::vector<Fingerprint> v;
  for (double eps : {1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-12})
    v.push_back({slipped(eps), fmt::format("off by about ε = {:g}: an epsilon {} ({})", eps, where, fix)});
  return v;
}

std::string generic_diagnosis(const wire::Tensor& got, const wire::Tensor& exp, Tolerance tol, const Clues& clues) {
  const auto& g = got.data;
  const auto& e = exp.data;
  if (g.size() != e.size() || g.empty()) return "";
  if (std::all_of(g.begin(), g.end(), [](double x) { return x == 0; }))
    return "all zeros: was it computed and assigned?";
  if (got.shape.size() == 2 && got.shape[0] == got.shape[1] && got.shape[0] > 1) {
    const auto n = static_cast<size_t>(got.shape[0]);
    std::vector<double> gt(g.size());
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) gt[i * n + j] = g[j * n + i];
    if (all_close(gt, e, tol)) return "transposed: entry [i, j] holds what belongs at [j, i]";
  }
  const double c = proportional_factor(g, e);
  if (!std::isnan(c)) {
    const auto nonzero = static_cast<size_t>(std::count_if(e.begin(), e.end(), [](double x) { return x != 0; }));
    std::string why = factor_diagnosis(c, clues, nonzero);
    if (!why.empty()) return why;
  }
  if (g.size() > 1) {
    std::vector<double> shifted(g.size());
    const double d = g[0] - e[0];
    for (size_t i = 0; i < g.size(); ++i) shifted[i] = g[i] - d;
    if (d != 0 && all_close(shifted, e, tol) && !all_close(g, e, {tol.atol * 1e3, tol.rtol * 1e3}))
      return fmt::format("every entry is off by the same {:.6g}: a constant term (a bias?) is wrong", d);
  }
  return precision_diagnosis(g, e);
}

std::string shape_string(const std::vector<int64_t>& shape) {
  if (shape.empty()) return "a scalar";
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "×" : "") + std::to_string(shape[i]);
  return s;
}

std::string entry_name(const std::string& what, const std::vector<int64_t>& index) {
  if (index.empty()) return what;
  std::string s = what + "[";
  for (size_t i = 0; i < index.size(); ++i) s += (i ? ", " : "") + std::to_string(index[i]);
  return s + "]";
}

namespace {
// A torch candidate's undefined tensor (wire::kUndefined) equals an expected empty one (a state
// vector the contract leaves empty); anywhere else it is the answer missing. True when decided.
bool undefined_where_due(const wire::Tensor& got, const wire::Tensor& expected, Comparison& c) {
  if (got.dtype != wire::kUndefined) return false;
  if (expected.data.empty()) {
    c.got_shape = expected.shape;
    c.got_dtype = expected.dtype;
  } else {
    c.ok = false;
    c.problem = "undefined";
  }
  return true;
}
}  // namespace

Comparison check_close(const std::string& what, const wire::Tensor& got, const wire::Tensor& expected,
                       Tolerance tol, const Clues& clues) {
  Comparison c;
  c.what = what;
  c.tol = tol;
  c.expected_shape = expected.shape;
  c.got_shape = got.shape;
  c.got_dtype = got.dtype;
  c.total = expected.data.size();
  if (undefined_where_due(got, expected, c)) return c;
  if (got.shape != expected.shape) {
    c.ok = false;
    c.problem = "shape";
    if (got.shape.size() == 2 && expected.shape.size() == 2 && got.shape[0] == expected.shape[1] &&
        got.shape[1] == expected.shape[0])
      c.diagnosis = "transposed: rows and columns are swapped";
    return c;
  }
  if (got.dtype != expected.dtype) {
    c.ok = false;
    c.problem = "dtype";
    c.diagnosis = "convert to " + expected.dtype + " (double precision) before returning";
    return c;
  }
  for (size_t i = 0; i < got.data.size(); ++i) {
    if (!std::isfinite(got.data[i]) && std::isfinite(expected.data[i])) {
      c.ok = false;
      c.problem = "nonfinite";
      c.bad = static_cast<size_t>(std::count_if(got.data.begin(), got.data.end(), [](double x) {
        return !std::isfinite(x);
      }));
      c.worst = Entry{unravel(i, got.shape), got.data[i], expected.data[i], INFINITY, INFINITY};
      c.diagnosis = clues.nonfinite;
      for (const Fingerprint& fp : clues.fingerprints)  // a slip that produces these very NaN/inf
        if (matches(got, fp.value, tol)) {
          c.diagnosis = fp.diagnosis;
          break;
        }
      return c;
    }
  }
  double worst_ratio = -1;
  for (size_t i = 0; i < got.data.size(); ++i) {
    const double g = got.data[i], e = expected.data[i];
    const double err = std::abs(g - e);
    const bool same_nonfinite = !std::isfinite(e) && g == e;
    if (same_nonfinite || close(g, e, tol)) continue;
    ++c.bad;
    const double allowed = tol.atol + tol.rtol * std::abs(e);
    const double ratio = allowed > 0 ? err / allowed : INFINITY;
    if (ratio > worst_ratio) {
      worst_ratio = ratio;
      c.worst = Entry{unravel(i, got.shape), g, e, err, e != 0 ? err / std::abs(e) : INFINITY};
    }
  }
  if (c.bad > 0) {
    c.ok = false;
    c.problem = "values";
    c.diagnosis = values_diagnosis(got, expected, tol, clues);
  }
  return c;
}

std::string diagnose_slip(const std::vector<Slip>& slips, const std::vector<wire::Tensor>& got,
                          const std::vector<wire::Tensor>& expected, const std::vector<Tolerance>& tol) {
  auto all_match = [&](const std::vector<wire::Tensor>& a, const std::vector<wire::Tensor>& b) {
    if (a.size() != b.size() || a.size() != tol.size()) return false;
    for (size_t k = 0; k < a.size(); ++k)
      if (!matches(a[k], b[k], tol[k])) return false;
    return true;
  };
  for (const Slip& s : slips)
    if (all_match(got, s.output) && !all_match(expected, s.output)) return s.diagnosis;
  return "";
}

bool matches_exactly(const wire::Tensor& got, const wire::Tensor& slipped, const std::vector<bool>& compared) {
  if (got.shape != slipped.shape || got.data.size() != slipped.data.size()) return false;
  for (size_t i = 0; i < got.data.size(); ++i)
    if ((compared.empty() || compared[i]) && got.data[i] != slipped.data[i]) return false;
  return true;
}

namespace {
Comparison exact_base(const std::string& what, const wire::Tensor& got, const wire::Tensor& expected) {
  Comparison c;
  c.what = what;
  c.exact = true;
  c.expected_shape = expected.shape;
  c.got_shape = got.shape;
  c.got_dtype = got.dtype;
  c.total = expected.data.size();
  if (undefined_where_due(got, expected, c)) return c;
  if (got.shape != expected.shape || got.data.size() != expected.data.size()) {
    c.ok = false;
    c.problem = "shape";
    if (got.shape.size() == 2 && expected.shape.size() == 2 && got.shape[0] == expected.shape[1] &&
        got.shape[1] == expected.shape[0])
      c.diagnosis = "transposed: rows and columns are swapped";
  }
  return c;
}
}  // namespace

Comparison check_exact(const std::string& what, const wire::Tensor& got, const wire::Tensor& expected,
                       const Clues& clues, const std::vector<bool>& compared) {
  Comparison c = exact_base(what, got, expected);
  if (!c.ok) return c;
  c.total = 0;
  for (size_t i = 0; i < got.data.size(); ++i) {
    if (!compared.empty() && !compared.at(i)) {
      ++c.skipped;
      continue;
    }
    ++c.total;
    const double g = got.data[i], e = expected.data[i];
    if (g == e) continue;
    if (c.bad++ == 0) c.worst = Entry{unravel(i, got.shape), g, e, std::abs(g - e), e != 0 ? std::abs(g - e) / std::abs(e) : INFINITY};
  }
  if (c.bad == 0) return c;
  c.ok = false;
  c.problem = "values";
  for (const Fingerprint& fp : clues.fingerprints)
    if (matches_exactly(got, fp.value, compared) && !matches_exactly(expected, fp.value, compared)) {
      c.diagnosis = fp.diagnosis;
      break;
    }
  return c;
}

Comparison check_same_partition(const std::string& what, const wire::Tensor& got, const wire::Tensor& expected) {
  Comparison c = exact_base(what, got, expected);
  if (!c.ok) return c;
  // The first row whose cluster disagrees with an earlier row's: together in one labelling, apart in the other.
  for (size_t i = 0; i < got.data.size() && c.ok; ++i)
    for (size_t j = 0; j < i; ++j) {
      const bool together_expected = expected.data[j] == expected.data[i], together_got = got.data[j] == got.data[i];
      if (together_expected == together_got) continue;
      c.ok = false;
      c.problem = "partition";
      c.worst = Entry{unravel(i, got.shape), got.data[i], expected.data[i], 0, 0};
      c.detail = fmt::format("rows {} and {} are in {} cluster in the expected labels ({} and {}), in {} in yours ({} and {})",
                             j, i, together_expected ? "one" : "different", expected.data[j], expected.data[i],
                             together_got ? "one" : "different ones", got.data[j], got.data[i]);
      break;
    }
  c.bad = c.ok ? 0 : 1;  // one row named: a wrong grouping has no single count of wrong entries
  return c;
}

std::string Comparison::message() const {
  std::string m;
  if (problem == "partition") {
    m = fmt::format("{}: not the expected clusters, even up to renaming them: {}", what, detail);
    return diagnosis.empty() ? m : m + "\n→ " + diagnosis;
  }
  const std::string skipped_note =
      skipped ? fmt::format(" ({} not compared{}{})", skipped, skipped_why.empty() ? "" : ": ", skipped_why) : "";
  if (exact && problem == "values" && worst) {
    if (total == 1 && skipped == 0)
      m = fmt::format("{}: expected {:.10g}, got {:.10g}", what, worst->expected, worst->got);
    else
      m = fmt::format("{}: {} of {} entr{} differ{}{}; first {}: expected {:.10g}, got {:.10g}", what, bad, total,
                      total == 1 ? "y" : "ies", bad == 1 ? "s" : "", skipped_note, entry_name(what, worst->index),
                      worst->expected, worst->got);
    if (!detail.empty()) m += "\n  " + detail;
    return diagnosis.empty() ? m : m + "\n→ " + diagnosis;
  }
  if (problem == "undefined") {
    m = fmt::format("{}: expected a tensor of shape {}, got an undefined tensor (a default-constructed torch::Tensor)", what,
                    shape_string(expected_shape));
  } else if (problem == "shape") {
    m = fmt::format("{}: expected {}, got {}", what, shape_string(expected_shape), shape_string(got_shape));
  } else if (problem == "dtype") {
    m = fmt::format("{}: expected dtype {}, got {}", what, "float64", got_dtype);
  } else if (problem == "nonfinite" && worst) {
    m = fmt::format("{}: {} entr{} not finite; first: {} = {} (expected {:.10g})", what, bad,
                    bad == 1 ? "y is" : "ies are", entry_name(what, worst->index), worst->got, worst->expected);
  } else if (problem == "values" && worst) {
    m = fmt::format(
        "{}: {} of {} entr{} differ{}; worst {}: expected {:.10g}, got {:.10g} (|Δ| {:.3g}, relative {:.3g}; "
        "allowed |Δ| ≤ {:g} + {:g}·|expected|)",
        what, bad, total, total == 1 ? "y" : "ies", bad == 1 ? "s" : "", entry_name(what, worst->index),
        worst->expected, worst->got, worst->abs_error, worst->rel_error, tol.atol, tol.rtol);
    if (total == 1)
      m = fmt::format("{}: expected {:.10g}, got {:.10g} (|Δ| {:.3g}, relative {:.3g}; allowed |Δ| ≤ {:g} + "
                      "{:g}·|expected|)",
                      what, worst->expected, worst->got, worst->abs_error, worst->rel_error, tol.atol, tol.rtol);
  } else {
    m = what + ": matches";
  }
  if (!detail.empty()) m += "\n  " + detail;
  if (!diagnosis.empty()) m += "\n→ " + diagnosis;
  return m;
}

wire::Tensor tensor(const Eigen::MatrixXd& m) {
  wire::Tensor t;
  t.shape = {m.rows(), m.cols()};
  t.data.resize(static_cast<size_t>(m.size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) t.data[size_t(i * m.cols() + j)] = m(i, j);
  return t;
}
wire::Tensor tensor(const Eigen::VectorXd& v) {
  wire::Tensor t;
  t.shape = {v.size()};
  t.data.assign(v.data(), v.data() + v.size());
  return t;
}
wire::Tensor tensor(const Eigen::RowVectorXd& v) { return tensor(Eigen::VectorXd(v.transpose())); }
wire::Tensor scalar(double x) {
  wire::Tensor t;
  t.data = {x};
  return t;
}
wire::IntTensor int_tensor(const Eigen::VectorXi& v) {
  wire::IntTensor t;
  t.shape = {v.size()};
  t.data.assign(v.data(), v.data() + v.size());
  return t;
}

Eigen::MatrixXd matrix_of(const wire::Tensor& t) {
  Eigen::MatrixXd m(t.shape.at(0), t.shape.at(1));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) m(i, j) = t.data[size_t(i * m.cols() + j)];
  return m;
}
Eigen::VectorXd vector_of(const wire::Tensor& t) {
  return Eigen::Map<const Eigen::VectorXd>(t.data.data(), Eigen::Index(t.data.size()));
}
Eigen::VectorXi int_vector_of(const wire::IntTensor& t) {
  Eigen::VectorXi v(Eigen::Index(t.data.size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) v[i] = static_cast<int>(t.data[size_t(i)]);
  return v;
}

}  // namespace mldrill::grading
