// Reference Gaussian naive Bayes in LibTorch: scikit-learn's GaussianNB with tensor ops —
// biased variances (unbiased=false) + epsilon, priors count/n, jll by broadcasting over
// (n, C, d), posteriors through torch::logsumexp, labels by argmax (its first maximum).
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::naive_bayes {

struct Model {
  torch::Tensor theta;  // C × d
  torch::Tensor var;    // C × d
  torch::Tensor prior;  // C
  double epsilon;
};

Model fit(const torch::Tensor& X, const torch::Tensor& y, double var_smoothing) {
  const int64_t classes = y.max().item<int64_t>() + 1;
  const double epsilon = var_smoothing * X.var(0, /*unbiased=*/false).max().item<double>();
  std::vector<torch::Tensor> theta, var, prior;
  for (int64_t c = 0; c < classes; ++c) {
    const torch::Tensor Xc = X.index({y == c});
    theta.push_back(Xc.mean(0));
    var.push_back(Xc.var(0, /*unbiased=*/false) + epsilon);
    prior.push_back(torch::tensor(double(Xc.size(0)) / double(X.size(0)), torch::kFloat64));
  }
  return {torch::stack(theta), torch::stack(var), torch::stack(prior), epsilon};
}

torch::Tensor joint_log_likelihood(const Model& m, const torch::Tensor& X) {
  const torch::Tensor norm = -0.5 * torch::log(2 * M_PI * m.var).sum(1);                  // C
  const torch::Tensor z = (X.unsqueeze(1) - m.theta.unsqueeze(0)).pow(2) / m.var.unsqueeze(0);  // n × C × d
  return torch::log(m.prior) + norm - 0.5 * z.sum(2);
}

torch::Tensor predict_proba(const Model& m, const torch::Tensor& X) {
  const torch::Tensor jll = joint_log_likelihood(m, X);
  return torch::exp(jll - torch::logsumexp(jll, 1, /*keepdim=*/true));
}

torch::Tensor predict(const Model& m, const torch::Tensor& X) { return joint_log_likelihood(m, X).argmax(1); }

}  // namespace drill::naive_bayes
