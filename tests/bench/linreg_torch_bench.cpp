// Closed-form ridge on 100 000 × 64 (n × d) and 100 full-batch gradient-descent steps on
// 20 000 × 64: the reference against the same work in LibTorch (torch::linalg::lstsq is the
// peer a user would otherwise pick for least squares), timed in the same run. Validates first:
// a result that differs is never timed.
//   usage: linreg_torch_bench
#include <torch/torch.h>

#include "bench.hpp"
#include "cases/inputs.hpp"
#include "reference/linreg.hpp"
#include "torch_convert.hpp"

using namespace mldrill;

namespace {

struct Fitted {
  torch::Tensor w;
  double b;
};

// Ridge in LibTorch: centre, then Cholesky on the normal equations (what the reference does).
Fitted torch_ridge(const torch::Tensor& X, const torch::Tensor& y, double lambda) {
  auto xm = X.mean(0);
  auto ym = y.mean();
  auto Xc = X - xm;
  auto A = Xc.t().matmul(Xc) + lambda * torch::eye(X.size(1), X.options());
  auto w = torch::cholesky_solve(Xc.t().matmul(y - ym).unsqueeze(1), torch::linalg::cholesky(A)).squeeze(1);
  return {w, (ym - xm.dot(w)).item<double>()};
}

// Ordinary least squares in LibTorch's own solver: lstsq on [X 1].
Fitted torch_lstsq(const torch::Tensor& X, const torch::Tensor& y) {
  auto A = torch::cat({X, torch::ones({X.size(0), 1}, X.options())}, 1);
  auto theta = std::get<0>(torch::linalg::lstsq(A, y.unsqueeze(1), c10::nullopt, c10::nullopt)).squeeze(1);
  return {theta.slice(0, 0, X.size(1)), theta[X.size(1)].item<double>()};
}

Fitted torch_descent(const torch::Tensor& X, const torch::Tensor& y, double lr, int epochs) {
  auto w = torch::zeros({X.size(1)}, X.options());
  double b = 0;
  const double n = double(X.size(0));
  for (int e = 0; e < epochs; ++e) {
    auto r = X.matmul(w) + b - y;
    w = w - lr * (2.0 / n) * X.t().matmul(r);
    b -= lr * 2.0 * r.mean().item<double>();
  }
  return {w, b};
}

bool close(const Fitted& t, const drill::linreg::Model& m, double tol) {
  const Eigen::VectorXd w = testing::vector_from(t.w);
  const double scale = 1 + std::max(m.w.cwiseAbs().maxCoeff(), std::abs(m.b));
  return (w - m.w).cwiseAbs().maxCoeff() <= tol * scale && std::abs(t.b - m.b) <= tol * scale;
}

}  // namespace

int main() {
  cases::Draw r(1);
  constexpr int n = 100000, d = 64, n_gd = 20000, epochs = 100;
  Eigen::MatrixXd X = r.normal(n, d);
  for (int j = 0; j < d; ++j) X.col(j).array() += 0.1 * j;
  const Eigen::VectorXd w_true = r.normal_vector(d);
  Eigen::VectorXd y = X * w_true;
  for (int i = 0; i < n; ++i) y[i] += 3.0 + r.normal();
  const Eigen::MatrixXd X_gd = X.topRows(n_gd);
  const Eigen::VectorXd y_gd = y.head(n_gd);
  const auto Xt = testing::to_torch(X), yt = testing::to_torch(y);
  const auto Xt_gd = testing::to_torch(X_gd), yt_gd = testing::to_torch(y_gd);

  bench::require(close(torch_ridge(Xt, yt, 3.0), drill::linreg::fit_ridge(X, y, 3.0), 1e-9), "ridge differs");
  bench::require(close(torch_lstsq(Xt, yt), drill::linreg::fit_ridge(X, y, 0.0), 1e-8), "lstsq differs");
  bench::require(close(torch_descent(Xt_gd, yt_gd, 0.1, epochs), drill::linreg::fit(X_gd, y_gd, 0.1, epochs), 1e-9),
                 "gradient descent differs");
  std::printf("All results match. Starting benchmarks.\n");

  std::vector<int> threads{int(torch::get_num_threads())};
  if (threads[0] != 1) threads.insert(threads.begin(), 1);
  const auto ridge = bench::time_it([&] { return drill::linreg::fit_ridge(X, y, 3.0); });
  const auto descent = bench::time_it([&] { return drill::linreg::fit(X_gd, y_gd, 0.1, epochs); });
  for (int t : threads) {
    torch::set_num_threads(t);
    const std::string th = ", torch threads=" + std::to_string(t);
    bench::print_ratio("linreg fit_ridge (n=100000,d=64) vs cholesky" + th, ridge,
                       bench::time_it([&] { return torch_ridge(Xt, yt, 3.0).b; }));
    bench::print_ratio("linreg fit_ridge(0) (n=100000,d=64) vs linalg.lstsq" + th,
                       bench::time_it([&] { return drill::linreg::fit_ridge(X, y, 0.0); }),
                       bench::time_it([&] { return torch_lstsq(Xt, yt).b; }));
    bench::print_ratio("linreg fit (n=20000,d=64,100 steps)" + th, descent,
                       bench::time_it([&] { return torch_descent(Xt_gd, yt_gd, 0.1, epochs).b; }));
  }
  return 0;
}
