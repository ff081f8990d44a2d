// expect: wrong_answer
// case: joint_log_likelihood(iris model,queries=52)
// message: exponent is missing its ½
// The Gaussian's exponent without its ½.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace drill::naive_bayes {

struct Model {
  torch::Tensor theta;
  torch::Tensor var;
  torch::Tensor prior;
  double epsilon;
};

Model fit(const torch::Tensor& X, const torch::Tensor& y, double var_smoothing) {
  const int64_t n = X.size(0), d = X.size(1), C = y.max().item<int64_t>() + 1;
  const torch::Tensor mu = X.mean(0);
  const double epsilon = var_smoothing * (X - mu).pow(2).mean(0).max().item<double>();
  Model m{torch::zeros({C, d}, torch::kFloat64), torch::zeros({C, d}, torch::kFloat64),
          torch::zeros({C}, torch::kFloat64), epsilon};
  for (int64_t c = 0; c < C; ++c) {
    const torch::Tensor rows = X.index_select(0, torch::nonzero(y == c).flatten());
    const torch::Tensor mean = rows.sum(0) / double(rows.size(0));
    m.theta[c] = mean;
    m.var[c] = (rows - mean).pow(2).sum(0) / double(rows.size(0)) + epsilon;
    m.prior[c] = double(rows.size(0)) / double(n);
  }
  return m;
}

torch::Tensor joint_log_likelihood(const Model& m, const torch::Tensor& X) {
  const int64_t C = m.theta.size(0);
  std::vector<torch::Tensor> cols;
  for (int64_t c = 0; c < C; ++c) {
    const torch::Tensor var = m.var[c];
    const double norm = (2 * M_PI * var).log().sum().item<double>();
    const torch::Tensor z = ((X - m.theta[c]).pow(2) / var).sum(1);
    cols.push_back(std::log(m.prior[c].item<double>()) - 0.5 * norm - z);
  }
  return torch::stack(cols, 1);
}

torch::Tensor predict_proba(const Model& m, const torch::Tensor& X) {
  const torch::Tensor jll = joint_log_likelihood(m, X);
  const torch::Tensor top = std::get<0>(jll.max(1, /*keepdim=*/true));
  const torch::Tensor e = (jll - top).exp();
  return e / e.sum(1, /*keepdim=*/true);
}

torch::Tensor predict(const Model& m, const torch::Tensor& X) {
  const torch::Tensor jll = joint_log_likelihood(m, X).contiguous();
  auto a = jll.accessor<double, 2>();
  torch::Tensor labels = torch::zeros({jll.size(0)}, torch::kInt64);
  for (int64_t i = 0; i < jll.size(0); ++i) {
    int64_t best = 0;
    for (int64_t c = 1; c < jll.size(1); ++c)
      if (a[i][c] > a[i][best]) best = c;
    labels[i] = best;
  }
  return labels;
}

}  // namespace drill::naive_bayes
