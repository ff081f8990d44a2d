// One Adam and one AdamW step on d = 10 million parameters: the reference (Eigen) against
// torch::optim::Adam / AdamW on the same vectors, timed in the same run. Validates first: five
// steps of each from the same start must agree (param and both moments) before anything is timed.
//   usage: optimizers_torch_bench
#include <torch/torch.h>

#include <cmath>

#include "bench.hpp"
#include "reference/optimizers.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
namespace opt = drill::optimizers;
using testing::to_torch;
using testing::vector_from;

namespace {

constexpr Eigen::Index kD = 10'000'000;

// A deterministic gradient field, different at every step: g_i = sin(i + k) · (1 + x_i).
Eigen::VectorXd gradient_at(const Eigen::VectorXd& x, int k) {
  return (Eigen::ArrayXd::LinSpaced(x.size(), k, double(x.size() - 1 + k)).sin() * (1 + x.array())).matrix();
}

// max |a − b| relative to the vector's largest entry (entries near 0 have no relative error to speak of).
double max_rel(const Eigen::VectorXd& a, const torch::Tensor& b) {
  return (a - vector_from(b)).cwiseAbs().maxCoeff() / a.cwiseAbs().maxCoeff();
}

// Runs `steps` steps of the reference and of LibTorch's optimizer from x0 and checks they agree.
template <class TorchOptim, class TorchOptions, class RefOptions, class RefStep, class ParamState>
void validate(const char* name, const Eigen::VectorXd& x0, const TorchOptions& topts, const RefOptions& ropts,
              RefStep ref_step) {
  Eigen::VectorXd x = x0;
  opt::AdamState st;
  torch::Tensor p = to_torch(x0).set_requires_grad(true);
  TorchOptim o({p}, topts);
  for (int k = 0; k < 5; ++k) {
    const Eigen::VectorXd g = gradient_at(x, k);
    p.mutable_grad() = to_torch(g);
    o.step();
    ref_step(x, g, st, ropts);
  }
  const auto& s = static_cast<ParamState&>(*o.state().at(c10::guts::to_string(p.unsafeGetTensorImpl())));
  const double diff = std::max({max_rel(x, p.detach()), max_rel(st.exp_avg, s.exp_avg()),
                                max_rel(st.exp_avg_sq, s.exp_avg_sq())});
  bench::require(diff <= 1e-12, std::string(name) + " differs from LibTorch's");
  std::printf("%s: 5 steps on d = %lld agree with LibTorch (max |Δ| / max |x| %.2g)\n", name, (long long)kD, diff);
}

}  // namespace

int main() {
  const Eigen::VectorXd x0 = Eigen::ArrayXd::LinSpaced(kD, -1, 1).cos().matrix();
  const opt::AdamOptions adam{1e-3, 0.9, 0.999, 1e-8, 1e-2};
  const opt::AdamWOptions adamw{1e-3, 0.9, 0.999, 1e-8, 1e-2};
  const auto t_adam = torch::optim::AdamOptions(1e-3).weight_decay(1e-2);
  const auto t_adamw = torch::optim::AdamWOptions(1e-3).weight_decay(1e-2);
  validate<torch::optim::Adam, torch::optim::AdamOptions, opt::AdamOptions, decltype(&opt::adam_step),
           torch::optim::AdamParamState>("Adam", x0, t_adam, adam, &opt::adam_step);
  validate<torch::optim::AdamW, torch::optim::AdamWOptions, opt::AdamWOptions, decltype(&opt::adamw_step),
           torch::optim::AdamWParamState>("AdamW", x0, t_adamw, adamw, &opt::adamw_step);

  // Timed: one step, state carried over from step to step, the gradient fixed.
  const Eigen::VectorXd g = gradient_at(x0, 0);
  std::vector<int> threads{int(torch::get_num_threads())};
  if (threads[0] != 1) threads.insert(threads.begin(), 1);
  Eigen::VectorXd x = x0;
  opt::AdamState st;
  const auto ours_adam = bench::time_it([&] { opt::adam_step(x, g, st, adam); });
  x = x0;
  st = {};
  const auto ours_adamw = bench::time_it([&] { opt::adamw_step(x, g, st, adamw); });
  for (int t : threads) {
    torch::set_num_threads(t);
    const std::string th = ", torch threads=" + std::to_string(t);
    torch::Tensor p = to_torch(x0).set_requires_grad(true);
    p.mutable_grad() = to_torch(g);
    torch::optim::Adam ta({p}, t_adam);
    bench::print_ratio("adam_step (d=1e7) vs optim::Adam" + th, ours_adam, bench::time_it([&] { ta.step(); }));
    torch::Tensor q = to_torch(x0).set_requires_grad(true);
    q.mutable_grad() = to_torch(g);
    torch::optim::AdamW tw({q}, t_adamw);
    bench::print_ratio("adamw_step (d=1e7) vs optim::AdamW" + th, ours_adamw, bench::time_it([&] { tw.step(); }));
  }
  return 0;
}
