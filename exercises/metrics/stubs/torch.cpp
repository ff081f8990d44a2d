// Classification metrics, as scikit-learn defines them — torch flavor (LibTorch, double precision).
// Target: 30 minutes.
// Implement the seven functions below; `mldrill check` grades them in this order.
// n samples, C classes (labels 0 .. C−1), k distinct scores. Multiclass functions take integer
// predictions; the binary-score ones take labels 0/1 and a real score per sample (higher = more positive).
// Labels arrive as 1-D torch::kInt64 tensors, scores as 1-D torch::kFloat64; return counts and
// support as kInt64, rates and thresholds as kFloat64 (1-D), the confusion matrix C × C kInt64.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// The inputs are shared, not copied: do not modify them in place (clone() first).
#include <torch/torch.h>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace drill::metrics {

struct PerClass {
  torch::Tensor precision, recall, f1;  // C entries each
  torch::Tensor support;                // C: number of true samples of each class
};
struct Averages {
  double precision, recall, f1;
};
struct Roc {
  torch::Tensor fpr, tpr, thresholds;  // k + 1 entries each
};

// C × C counts, M(i, j) = samples of true class i predicted as j (rows true, columns predicted).
// n = 0 gives zeros. Throws std::invalid_argument if sizes differ, C < 1, or a label is outside [0, C).
torch::Tensor confusion_matrix(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  throw std::logic_error("not implemented: confusion_matrix");
}

// Per class c: precision TP/(TP+FP), recall TP/(TP+FN), F1 = 2TP/(2TP+FP+FN), each 0 when its
// denominator is 0; support = number of true samples of c. Same throws as confusion_matrix.
PerClass per_class(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  throw std::logic_error("not implemented: per_class");
}

// Unweighted means of per_class over ALL C classes (absent classes count, with 0s);
// macro F1 = mean of the per-class F1s. Same throws.
Averages macro_average(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  throw std::logic_error("not implemented: macro_average");
}

// From TP, FP, FN summed over the C classes: all three equal the accuracy (0 when n = 0). Same throws.
Averages micro_average(const torch::Tensor& y_true, const torch::Tensor& y_pred, int C) {
  throw std::logic_error("not implemented: micro_average");
}

// thresholds = +inf, then the distinct scores descending (exact equality merges ties); point i
// counts the samples with score >= thresholds[i] (point 0 is (0, 0)). No negatives: fpr all NaN;
// no positives: tpr all NaN. Throws std::invalid_argument if sizes differ, n = 0, or a label is not 0 or 1.
Roc roc_curve(const torch::Tensor& y_true, const torch::Tensor& score) {
  throw std::logic_error("not implemented: roc_curve");
}

// Area under that curve, a tied positive/negative pair counting 1/2 (= Mann–Whitney U / (n_pos · n_neg)).
// Throws std::invalid_argument when y_true holds one class only, and on roc_curve's conditions.
double roc_auc(const torch::Tensor& y_true, const torch::Tensor& score) {
  throw std::logic_error("not implemented: roc_auc");
}

// Σ_i (R_i − R_{i−1}) · P_i over the thresholds of roc_curve (R_0 = 0): the step sum, not
// interpolated, not trapezoid. No positives: 0. All positives: 1. Same throws as roc_curve.
double average_precision(const torch::Tensor& y_true, const torch::Tensor& score) {
  throw std::logic_error("not implemented: average_precision");
}

}  // namespace drill::metrics
