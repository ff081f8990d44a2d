// Softmax regression on 20 000 × 64 (n × d), 10 classes: loss + gradient at a fixed point, and
// 100 full-batch gradient-descent steps with L2, the reference against what a LibTorch user
// writes (F::cross_entropy plus the ½·l2·‖W‖² penalty, autograd's backward, optim::SGD), timed
// in the same run. Validates first: a result that differs is never timed.
//   usage: softmax_regression_torch_bench
#include <torch/torch.h>

#include "bench.hpp"
#include "cases/inputs.hpp"
#include "reference/softmax_regression.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
namespace F = torch::nn::functional;
namespace sr = drill::softmax_regression;
using testing::matrix_from;
using testing::to_torch;
using testing::vector_from;

namespace {

struct TorchStep {
  double loss;
  torch::Tensor dW, db;
};

torch::Tensor torch_objective(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& W,
                              const torch::Tensor& b, double l2) {
  return F::cross_entropy(torch::addmm(b, X, W), y) + 0.5 * l2 * W.pow(2).sum();
}

// The loss and its gradient by autograd, from fresh leaves at (W, b).
TorchStep torch_loss_gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& W,
                              const torch::Tensor& b, double l2) {
  auto Wl = W.detach().clone().requires_grad_(true), bl = b.detach().clone().requires_grad_(true);
  auto L = torch_objective(X, y, Wl, bl, l2);
  L.backward();
  return {L.item<double>(), Wl.grad(), bl.grad()};
}

// Full-batch gradient descent from zeros with torch::optim::SGD (the penalty is in the loss,
// so its gradient l2·W is what weight_decay would add).
std::pair<torch::Tensor, torch::Tensor> torch_fit(const torch::Tensor& X, const torch::Tensor& y, int c, double lr,
                                                  int epochs, double l2) {
  auto W = torch::zeros({X.size(1), c}, X.options()).requires_grad_(true);
  auto b = torch::zeros({c}, X.options()).requires_grad_(true);
  torch::optim::SGD sgd({W, b}, torch::optim::SGDOptions(lr));
  for (int e = 0; e < epochs; ++e) {
    sgd.zero_grad();
    torch_objective(X, y, W, b, l2).backward();
    sgd.step();
  }
  return {W.detach(), b.detach()};
}

double max_abs(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) { return (a - b).cwiseAbs().maxCoeff(); }

}  // namespace

int main() {
  constexpr int n = 20000, d = 64, c = 10, epochs = 100;
  constexpr double lr = 0.5, l2 = 1e-3;
  cases::Draw r(71);
  const Eigen::MatrixXd centres = r.normal(c, d, 0.5);
  Eigen::VectorXi y(n);
  Eigen::MatrixXd X = r.normal(n, d);
  for (int i = 0; i < n; ++i) {
    y[i] = r.below(c);
    X.row(i) += centres.row(y[i]);
  }
  const Eigen::MatrixXd W0 = r.normal(d, c, 0.1);
  const Eigen::RowVectorXd b0 = r.normal(1, c, 0.1);
  const auto Xt = to_torch(X), yt = to_torch(y), Wt = to_torch(W0), bt = to_torch(b0);

  {  // validate: loss, gradient and the fitted model agree before anything is timed
    const TorchStep t = torch_loss_gradient(Xt, yt, Wt, bt, l2);
    const double L = sr::loss(X, y, W0, b0, l2);
    bench::require(std::abs(t.loss - L) <= 1e-12 * (1 + std::abs(L)), "loss differs from LibTorch's");
    const sr::Gradient g = sr::gradient(X, y, W0, b0, l2);
    bench::require(max_abs(g.dW, matrix_from(t.dW)) <= 1e-12, "dW differs from LibTorch's autograd");
    bench::require(max_abs(g.db.transpose(), vector_from(t.db)) <= 1e-12, "db differs from LibTorch's autograd");
    const sr::Model ours = sr::fit(X, y, c, lr, epochs, l2);
    const auto [W, b] = torch_fit(Xt, yt, c, lr, epochs, l2);
    const double diff = std::max(max_abs(ours.W, matrix_from(W)), max_abs(ours.b.transpose(), vector_from(b)));
    bench::require(diff <= 1e-9 * (1 + ours.W.cwiseAbs().maxCoeff()), "fit differs from LibTorch's SGD");
    std::printf("All results match (fit: max |Δ| %.2g after %d steps). Starting benchmarks.\n", diff, epochs);
  }

  std::vector<int> threads{int(torch::get_num_threads())};
  if (threads[0] != 1) threads.insert(threads.begin(), 1);
  const auto grad = bench::time_it([&] { return sr::loss(X, y, W0, b0, l2) + sr::gradient(X, y, W0, b0, l2).db[0]; });
  const auto fit = bench::time_it([&] { return sr::fit(X, y, c, lr, epochs, l2); });
  for (int t : threads) {
    torch::set_num_threads(t);
    const std::string th = ", torch threads=" + std::to_string(t);
    bench::print_ratio("softmax loss+gradient (n=20000,d=64,c=10) vs autograd" + th, grad,
                       bench::time_it([&] { return torch_loss_gradient(Xt, yt, Wt, bt, l2).loss; }));
    bench::print_ratio("softmax fit (n=20000,d=64,c=10,100 steps) vs optim::SGD" + th, fit,
                       bench::time_it([&] { return torch_fit(Xt, yt, c, lr, epochs, l2).first; }));
  }
  return 0;
}
