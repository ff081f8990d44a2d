// Batch normalization on 4096 × 1024 (n × d): one training step — forward_train (with the
// running-statistics update) then backward (dX, dgamma, dbeta) — the reference against what a
// LibTorch user writes (torch::nn::BatchNorm1d in train mode, autograd's backward), timed in the
// same run. Validates first: a result that differs is never timed.
//   usage: batchnorm_torch_bench
#include <torch/torch.h>

#include "bench.hpp"
#include "cases/inputs.hpp"
#include "reference/batchnorm.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
namespace bn = drill::batchnorm;
using testing::matrix_from;
using testing::to_torch;
using testing::vector_from;

namespace {

constexpr double kMomentum = 0.1, kEps = 1e-5;

struct TorchStep {
  torch::Tensor out, dX, dgamma, dbeta;
};

// The module's forward in train mode (which updates its buffers) and autograd's backward of
// sum(out ∘ dOut), from a fresh leaf X and zeroed parameter gradients.
TorchStep torch_step(torch::nn::BatchNorm1d& m, const torch::Tensor& X, const torch::Tensor& dOut) {
  m->zero_grad();
  auto Xl = X.detach().requires_grad_(true);
  auto out = m(Xl);
  out.backward(dOut);
  return {out.detach(), Xl.grad(), m->weight.grad(), m->bias.grad()};
}

torch::nn::BatchNorm1d torch_module(const Eigen::RowVectorXd& gamma, const Eigen::RowVectorXd& beta,
                                    const bn::State& s) {
  torch::nn::BatchNorm1d m(torch::nn::BatchNorm1dOptions(gamma.size()).eps(kEps).momentum(kMomentum));
  m->to(torch::kFloat64);
  m->train();
  torch::NoGradGuard no_grad;
  m->weight.copy_(to_torch(gamma));
  m->bias.copy_(to_torch(beta));
  m->running_mean.copy_(to_torch(s.running_mean));
  m->running_var.copy_(to_torch(s.running_var));
  return m;
}

double max_abs(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) { return (a - b).cwiseAbs().maxCoeff(); }

}  // namespace

int main() {
  constexpr int n = 4096, d = 1024;
  cases::Draw r(17);
  Eigen::MatrixXd X = r.normal(n, d);
  for (int j = 0; j < d; ++j) X.col(j) = (r.uniform(-3, 3) + r.uniform(0.5, 2) * X.col(j).array()).matrix();
  const Eigen::RowVectorXd gamma = r.uniform_row(d, 0.5, 1.5), beta = r.uniform_row(d, -1, 1);
  const bn::State s0{r.uniform_row(d, -1, 1), r.uniform_row(d, 0.5, 2)};
  const Eigen::MatrixXd dOut = r.normal(n, d);
  const auto Xt = to_torch(X), dOutt = to_torch(dOut);

  {  // validate: out, the running statistics and the three gradients agree before anything is timed
    torch::nn::BatchNorm1d m = torch_module(gamma, beta, s0);
    const TorchStep t = torch_step(m, Xt, dOutt);
    bn::State s = s0;
    const Eigen::MatrixXd out = bn::forward_train(X, gamma, beta, s, kMomentum, kEps);
    const bn::Grads g = bn::backward(dOut, X, gamma, kEps);
    const double d_out = max_abs(out, matrix_from(t.out));
    const double d_stats = std::max(max_abs(s.running_mean.transpose(), vector_from(m->running_mean)),
                                    max_abs(s.running_var.transpose(), vector_from(m->running_var)));
    const double d_dX = max_abs(g.dX, matrix_from(t.dX));
    const double d_aff = std::max(max_abs(g.dgamma.transpose(), vector_from(t.dgamma)),
                                  max_abs(g.dbeta.transpose(), vector_from(t.dbeta)));
    bench::require(d_out <= 1e-10, "out differs from BatchNorm1d's");
    bench::require(d_stats <= 1e-12, "running statistics differ from BatchNorm1d's buffers");
    bench::require(d_dX <= 1e-10, "dX differs from LibTorch's autograd");
    bench::require(d_aff <= 1e-9, "dgamma/dbeta differ from LibTorch's autograd");
    std::printf("All results match (max |Δ|: out %.2g, running stats %.2g, dX %.2g, dgamma/dbeta %.2g). "
                "Starting benchmarks.\n",
                d_out, d_stats, d_dX, d_aff);
  }

  std::vector<int> threads{int(torch::get_num_threads())};
  if (threads[0] != 1) threads.insert(threads.begin(), 1);
  bn::State s = s0;
  const auto ours = bench::time_it([&] {
    const Eigen::MatrixXd out = bn::forward_train(X, gamma, beta, s, kMomentum, kEps);
    return out(0, 0) + bn::backward(dOut, X, gamma, kEps).dX(0, 0);
  });
  for (int th : threads) {
    torch::set_num_threads(th);
    torch::nn::BatchNorm1d m = torch_module(gamma, beta, s0);
    bench::print_ratio("batchnorm forward_train+backward (n=4096,d=1024) vs nn::BatchNorm1d+autograd, torch threads=" +
                           std::to_string(th),
                       ours, bench::time_it([&] { return torch_step(m, Xt, dOutt).dX; }));
  }
  return 0;
}
