// expect: accepted
// Whole-tensor ops, no per-sample loop: the confusion matrix by bincount of true·C + pred; the
// curve from one descending sort, unique_consecutive's group sizes and cumsum of the labels;
// AUC by torch::trapezoid over the counts, AP as the step sum of diff(tp) · precision.
#include <torch/torch.h>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace drill::metrics {

struct PerClass {
  torch::Tensor precision, recall, f1;
  torch::Tensor support;
};
struct Averages {
  double precision, recall, f1;
};
struct Roc {
  torch::Tensor fpr, tpr, thresholds;
};

namespace {
const auto kF64 = torch::TensorOptions().dtype(torch::kFloat64);

void check(const torch::Tensor& t, const torch::Tensor& p, int C) {
  if (t.numel() != p.numel()) throw std::invalid_argument("sizes differ");
  if (C < 1) throw std::invalid_argument("C < 1");
  if (t.numel() > 0 && (torch::cat({t, p}).lt(0).any().item<bool>() || torch::cat({t, p}).ge(C).any().item<bool>()))
    throw std::invalid_argument("label outside [0, C)");
}

// a / b, 0 where b is 0 (zero_division = 0).
torch::Tensor safe(const torch::Tensor& a, const torch::Tensor& b) {
  return torch::where(b > 0, a / b.clamp_min(1), torch::zeros_like(a));
}

// Cumulative TP and FP (float64) at each distinct score, descending, after the (0, 0) start
// at threshold +inf: k + 1 entries each.
struct Curve {
  torch::Tensor tp, fp, thresholds;
};

Curve curve(const torch::Tensor& y_true, const torch::Tensor& score) {
  if (y_true.numel() != score.numel()) throw std::invalid_argument("sizes differ");
  if (y_true.numel() == 0) throw std::invalid_argument("no samples");
  if (((y_true != 0) & (y_true != 1)).any().item<bool>()) throw std::invalid_argument("labels must be 0 or 1");
  const auto [sorted, order] = torch::sort(score, /*dim=*/0, /*descending=*/true);
  const auto [distinct, inverse, counts] = torch::unique_consecutive(sorted, /*return_inverse=*/false,
                                                                     /*return_counts=*/true);
  const torch::Tensor last = counts.cumsum(0) - 1;  // each group's last position in the sorted order
  const torch::Tensor tp = y_true.index_select(0, order).to(torch::kFloat64).cumsum(0).index_select(0, last);
  const torch::Tensor fp = (last + 1).to(torch::kFloat64) - tp;
  const torch::Tensor zero = torch::zeros({1}, kF64);
  return {torch::cat({zero, tp}), torch::cat({zero, fp}),
          torch::cat({torch::full({1}, std::numeric_limits<double>::infinity(), kF64), distinct})};
}
}  // namespace

torch::Tensor confusion_matrix(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  check(y_true, y_pred, C);
  return torch::bincount(y_true * C + y_pred, /*weights=*/{}, /*minlength=*/int64_t(C) * C)
      .view({C, C})
      .to(torch::kInt64);
}

PerClass per_class(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  const torch::Tensor M = confusion_matrix(y_true, y_pred, C).to(torch::kFloat64);
  const torch::Tensor tp = M.diagonal(), predicted = M.sum(0), actual = M.sum(1);
  return {safe(tp, predicted), safe(tp, actual), safe(2 * tp, predicted + actual), actual.to(torch::kInt64)};
}

Averages macro_average(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  const PerClass p = per_class(y_true, y_pred, C);
  return {p.precision.mean().item<double>(), p.recall.mean().item<double>(), p.f1.mean().item<double>()};
}

Averages micro_average(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  const torch::Tensor M = confusion_matrix(y_true, y_pred, C);
  const double n = double(y_true.numel());
  const double a = n == 0 ? 0.0 : M.trace().item<double>() / n;
  return {a, a, a};
}

Roc roc_curve(const torch::Tensor& y_true, const torch::Tensor& score) {
  const Curve c = curve(y_true, score);
  const double P = c.tp[-1].item<double>(), N = c.fp[-1].item<double>();
  return {c.fp / N, c.tp / P, c.thresholds};  // 0/0 = NaN for a missing class
}

double roc_auc(const torch::Tensor& y_true, const torch::Tensor& score) {
  const Curve c = curve(y_true, score);
  const double P = c.tp[-1].item<double>(), N = c.fp[-1].item<double>();
  if (P == 0 || N == 0) throw std::invalid_argument("one class only");
  return torch::trapezoid(c.tp, c.fp).item<double>() / (P * N);
}

double average_precision(const torch::Tensor& y_true, const torch::Tensor& score) {
  const Curve c = curve(y_true, score);
  const double P = c.tp[-1].item<double>();
  if (P == 0) return 0.0;
  const torch::Tensor tp = c.tp.slice(0, 1), fp = c.fp.slice(0, 1);  // without the start
  return (torch::diff(c.tp) / P * (tp / (tp + fp))).sum().item<double>();
}

}  // namespace drill::metrics
