// expect: accepted
// Loops over tensor accessors; ridge by torch::linalg::solve on the (d+1)-system of [X 1]
// with lambda on the d weight entries only.
#include <torch/torch.h>
#include <stdexcept>

namespace drill::linreg {

struct Gradient { torch::Tensor dw; double db; };
struct Model    { torch::Tensor w;  double b;  };

torch::Tensor predict(const torch::Tensor& X, const torch::Tensor& w, double b) {
  auto x = X.accessor<double, 2>();
  auto wa = w.accessor<double, 1>();
  torch::Tensor out = torch::empty({X.size(0)}, torch::kFloat64);
  auto o = out.accessor<double, 1>();
  for (int64_t i = 0; i < X.size(0); ++i) {
    double s = b;
    for (int64_t j = 0; j < X.size(1); ++j) s += x[i][j] * wa[j];
    o[i] = s;
  }
  return out;
}

double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  torch::Tensor p = predict(X, w, b);
  auto pa = p.accessor<double, 1>();
  auto ya = y.accessor<double, 1>();
  double s = 0;
  for (int64_t i = 0; i < p.size(0); ++i) s += (pa[i] - ya[i]) * (pa[i] - ya[i]);
  return s / double(p.size(0));
}

Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  torch::Tensor p = predict(X, w, b);
  auto x = X.accessor<double, 2>();
  auto pa = p.accessor<double, 1>();
  auto ya = y.accessor<double, 1>();
  torch::Tensor dw = torch::zeros({X.size(1)}, torch::kFloat64);
  auto g = dw.accessor<double, 1>();
  double db = 0;
  const double n = double(X.size(0));
  for (int64_t i = 0; i < X.size(0); ++i) {
    const double r = pa[i] - ya[i];
    for (int64_t j = 0; j < X.size(1); ++j) g[j] += 2 * r * x[i][j] / n;
    db += 2 * r / n;
  }
  return {dw, db};
}

Model fit(const torch::Tensor& X, const torch::Tensor& y, double learning_rate, int epochs) {
  Model m{torch::zeros({X.size(1)}, torch::kFloat64), 0.0};
  for (int e = 0; e < epochs; ++e) {
    Gradient g = gradient(X, y, m.w, m.b);
    m.w.sub_(learning_rate * g.dw);
    m.b -= learning_rate * g.db;
  }
  return m;
}

Model fit_ridge(const torch::Tensor& X, const torch::Tensor& y, double lambda) {
  if (!(lambda >= 0)) throw std::invalid_argument("negative lambda");
  const int64_t n = X.size(0), d = X.size(1);
  torch::Tensor A = torch::cat({X, torch::ones({n, 1}, torch::kFloat64)}, 1);
  torch::Tensor M = A.t().matmul(A);
  for (int64_t j = 0; j < d; ++j) M[j][j] += lambda;
  torch::Tensor theta = torch::linalg::solve(M, A.t().matmul(y.unsqueeze(1)), /*left=*/true).squeeze(1);
  return {theta.slice(0, 0, d).clone(), theta[d].item<double>()};
}

}  // namespace drill::linreg
