// expect: wrong_answer
// case: macro_average(multiclass,sets=5)
// message: macro averages over all C classes
// Macro over the classes with a nonzero support only.
#include <torch/torch.h>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

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
  if (t.numel() > 0 && (t.min().item<int64_t>() < 0 || p.min().item<int64_t>() < 0 || t.max().item<int64_t>() >= C ||
                        p.max().item<int64_t>() >= C))
    throw std::invalid_argument("label outside [0, C)");
}

// a / b, 0 where b is 0.
torch::Tensor safe(const torch::Tensor& a, const torch::Tensor& b) {
  return torch::where(b > 0, a / b.clamp_min(1), torch::zeros_like(a));
}

struct Sweep {
  std::vector<double> tp{0}, fp{0}, thr{std::numeric_limits<double>::infinity()};
};

Sweep sweep(const torch::Tensor& y_true, const torch::Tensor& score) {
  if (y_true.numel() != score.numel()) throw std::invalid_argument("sizes differ");
  if (y_true.numel() == 0) throw std::invalid_argument("no samples");
  if (((y_true != 0) & (y_true != 1)).any().item<bool>()) throw std::invalid_argument("labels must be 0 or 1");
  const torch::Tensor order = torch::argsort(score, /*dim=*/0, /*descending=*/true);
  const torch::Tensor s = score.index_select(0, order).contiguous(), y = y_true.index_select(0, order).contiguous();
  const double* sp = s.data_ptr<double>();
  const int64_t* yp = y.data_ptr<int64_t>();
  const int64_t n = s.numel();
  Sweep w;
  double tp = 0, fp = 0;
  for (int64_t k = 0; k < n; ++k) {
    (yp[k] == 1 ? tp : fp) += 1;
    if (k + 1 == n || sp[k + 1] != sp[k]) {
      w.tp.push_back(tp);
      w.fp.push_back(fp);
      w.thr.push_back(sp[k]);
    }
  }
  return w;
}

torch::Tensor vec(const std::vector<double>& v) { return torch::tensor(v, kF64); }
}  // namespace

torch::Tensor confusion_matrix(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  check(y_true, y_pred, C);
  torch::Tensor M = torch::zeros({C, C}, torch::kInt64);
  M.index_put_({y_true, y_pred}, torch::ones({y_true.numel()}, torch::kInt64), /*accumulate=*/true);
  return M;
}

PerClass per_class(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  const torch::Tensor M = confusion_matrix(y_true, y_pred, C).to(torch::kFloat64);
  const torch::Tensor tp = M.diagonal(), predicted = M.sum(0), actual = M.sum(1);
  return {safe(tp, predicted), safe(tp, actual), safe(2 * tp, predicted + actual), actual.to(torch::kInt64)};
}

Averages macro_average(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  const PerClass p = per_class(y_true, y_pred, C);
  const torch::Tensor present = p.support > 0;  // the classes that occur in y_true
  return {p.precision.index({present}).mean().item<double>(), p.recall.index({present}).mean().item<double>(),
          p.f1.index({present}).mean().item<double>()};
}

Averages micro_average(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  check(y_true, y_pred, C);
  const double n = double(y_true.numel());
  const double a = n == 0 ? 0.0 : (y_true == y_pred).sum().item<double>() / n;
  return {a, a, a};
}

Roc roc_curve(const torch::Tensor& y_true, const torch::Tensor& score) {
  const Sweep w = sweep(y_true, score);
  const double P = w.tp.back(), N = w.fp.back();
  return {vec(w.fp) / N, vec(w.tp) / P, vec(w.thr)};  // 0/0 = NaN for a missing class
}

double roc_auc(const torch::Tensor& y_true, const torch::Tensor& score) {
  const Sweep w = sweep(y_true, score);
  const double P = w.tp.back(), N = w.fp.back();
  if (P == 0 || N == 0) throw std::invalid_argument("one class only");
  double area = 0;
  for (size_t i = 1; i < w.tp.size(); ++i) area += (w.fp[i] - w.fp[i - 1]) * (w.tp[i] + w.tp[i - 1]) / 2;
  return area / (P * N);
}

double average_precision(const torch::Tensor& y_true, const torch::Tensor& score) {
  const Sweep w = sweep(y_true, score);
  const double P = w.tp.back();
  if (P == 0) return 0.0;
  double ap = 0;
  for (size_t i = 1; i < w.tp.size(); ++i) ap += (w.tp[i] - w.tp[i - 1]) / P * (w.tp[i] / (w.tp[i] + w.fp[i]));
  return ap;
}

}  // namespace drill::metrics
