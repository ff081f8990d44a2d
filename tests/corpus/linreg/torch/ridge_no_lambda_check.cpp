// expect: wrong_answer
// case: fit_ridge(invalid,lambda=-1|-1e-12)
// message: returned instead of throwing
// No check of lambda < 0 (and a solver that does not mind).
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::linreg {

struct Gradient { torch::Tensor dw; double db; };
struct Model    { torch::Tensor w;  double b;  };

torch::Tensor predict(const torch::Tensor& X, const torch::Tensor& w, double b) { return torch::mv(X, w) + b; }

double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  return torch::mse_loss(predict(X, w, b), y).item<double>();
}

Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b) {
  torch::Tensor r = predict(X, w, b) - y;
  const double n = double(X.size(0));
  return {torch::mv(X.t(), r) * (2.0 / n), r.sum().item<double>() * 2.0 / n};
}

Model fit(const torch::Tensor& X, const torch::Tensor& y, double learning_rate, int epochs) {
  torch::Tensor w = torch::zeros({X.size(1)}, torch::dtype(torch::kFloat64));
  double b = 0;
  for (int e = 0; e < epochs; ++e) {
    Gradient g = gradient(X, y, w, b);
    w = w - learning_rate * g.dw;
    b -= learning_rate * g.db;
  }
  return {w, b};
}

Model fit_ridge(const torch::Tensor& X, const torch::Tensor& y, double lambda) {
  const int64_t d = X.size(1);
  torch::Tensor xm = X.mean(0);
  double ym = y.mean().item<double>();
  torch::Tensor A = torch::cat({X - xm, std::sqrt(std::abs(lambda)) * torch::eye(d, torch::kFloat64)}, 0);
  torch::Tensor rhs = torch::cat({y - ym, torch::zeros({d}, torch::kFloat64)}, 0).unsqueeze(1);
  torch::Tensor w = std::get<0>(torch::linalg::lstsq(A, rhs, c10::nullopt, c10::nullopt)).squeeze(1);
  return {w, ym - torch::dot(xm, w).item<double>()};
}

}  // namespace drill::linreg
