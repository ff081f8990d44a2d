// Gaussian naive Bayes, as scikit-learn's GaussianNB — torch flavor (LibTorch, double precision).
// Target: 20 minutes. Implement the four functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features, C classes. X is n × d (one sample per row), y holds n class
// indices 0 .. C−1 (C = max(y) + 1; every class has at least one row); tensors arrive as
// torch::kFloat64 (labels torch::kInt64) and must be returned with those dtypes and these shapes.
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// The inputs are shared, not copied: do not modify them in place (clone() first).
// torch::var(x, dim, /*unbiased=*/false) is the biased variance; the default is unbiased.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::naive_bayes {

struct Model {
  torch::Tensor theta;  // C × d: mean of each feature over the class's rows
  torch::Tensor var;    // C × d: BIASED variance (divide by the class's row count, ddof = 0) + epsilon
  torch::Tensor prior;  // C (1-D): class frequency count_c / n
  double epsilon;       // var_smoothing × the largest biased variance of any feature over ALL rows of X
};

// Fits the model; epsilon is added to EVERY entry of var.
Model fit(const torch::Tensor& X, const torch::Tensor& y, double var_smoothing) {
  throw std::logic_error("not implemented: fit");
}

// n × C joint log-likelihood:
//   jll[i, c] = log prior_c − ½ Σⱼ log(2π var_cj) − ½ Σⱼ (x_ij − theta_cj)² / var_cj
torch::Tensor joint_log_likelihood(const Model& m, const torch::Tensor& X) {
  throw std::logic_error("not implemented: joint_log_likelihood");
}

// n × C posteriors exp(jll − logsumexp(jll)) per row; rows sum to 1. Must stay finite when every
// jll of a row is far below −745 (exp underflows to 0): use log-sum-exp or subtract the row max.
torch::Tensor predict_proba(const Model& m, const torch::Tensor& X) {
  throw std::logic_error("not implemented: predict_proba");
}

// argmax over c of jll[i, c]; equal jll → the SMALLEST label (argmax returns the first maximum).
torch::Tensor predict(const Model& m, const torch::Tensor& X) {
  throw std::logic_error("not implemented: predict");
}

}  // namespace drill::naive_bayes
