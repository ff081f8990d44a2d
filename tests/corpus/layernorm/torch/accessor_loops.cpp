// expect: accepted
// Loops over accessors, the way a C++ kernel is written: two-pass mean and variance per row,
// and dX by the chain rule through x̂, var and mu, one row at a time.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::layernorm {

struct Grads { torch::Tensor dX; torch::Tensor dgamma, dbeta; };

// Row i's mean and 1 / sqrt(var + eps), var biased, from its centred values.
template <class A>
void row_stats(const A& x, int64_t i, int64_t d, double eps, double& mean, double& istd) {
  mean = 0;
  for (int64_t j = 0; j < d; ++j) mean += x[i][j];
  mean /= double(d);
  double var = 0;
  for (int64_t j = 0; j < d; ++j) var += (x[i][j] - mean) * (x[i][j] - mean);
  istd = 1.0 / std::sqrt(var / double(d) + eps);
}

torch::Tensor forward(const torch::Tensor& X, const torch::Tensor& gamma, const torch::Tensor& beta, double eps) {
  const int64_t n = X.size(0), d = X.size(1);
  torch::Tensor out = torch::empty({n, d}, torch::kFloat64);
  auto x = X.accessor<double, 2>();
  auto g = gamma.accessor<double, 1>();
  auto b = beta.accessor<double, 1>();
  auto o = out.accessor<double, 2>();
  for (int64_t i = 0; i < n; ++i) {
    double mean, istd;
    row_stats(x, i, d, eps, mean, istd);
    for (int64_t j = 0; j < d; ++j) o[i][j] = g[j] * (x[i][j] - mean) * istd + b[j];
  }
  return out;
}

Grads backward(const torch::Tensor& dOut, const torch::Tensor& X, const torch::Tensor& gamma, double eps) {
  const int64_t n = X.size(0), d = X.size(1);
  Grads r{torch::empty({n, d}, torch::kFloat64), torch::zeros({d}, torch::kFloat64), torch::zeros({d}, torch::kFloat64)};
  auto x = X.accessor<double, 2>();
  auto dy = dOut.accessor<double, 2>();
  auto g = gamma.accessor<double, 1>();
  auto dx = r.dX.accessor<double, 2>();
  auto dg = r.dgamma.accessor<double, 1>();
  auto db = r.dbeta.accessor<double, 1>();
  for (int64_t i = 0; i < n; ++i) {
    double mean, istd;
    row_stats(x, i, d, eps, mean, istd);
    double dvar = 0, dmu = 0;
    for (int64_t j = 0; j < d; ++j) {
      const double xc = x[i][j] - mean, dxhat = dy[i][j] * g[j];
      dg[j] += dy[i][j] * xc * istd;
      db[j] += dy[i][j];
      dvar += dxhat * xc * -0.5 * istd * istd * istd;
      dmu -= dxhat * istd;
    }
    for (int64_t j = 0; j < d; ++j) {
      const double xc = x[i][j] - mean;
      dx[i][j] = dy[i][j] * g[j] * istd + dvar * 2.0 * xc / double(d) + dmu / double(d);
    }
  }
  return r;
}

}  // namespace drill::layernorm
