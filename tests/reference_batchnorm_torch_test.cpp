// The batchnorm reference against LibTorch in double precision (the oracle): torch::nn::BatchNorm1d
// (affine, weight = gamma, bias = beta) in train mode (out and its running buffers over several
// calls, n changing), in eval mode, and autograd of sum(BatchNorm1d(X) ∘ dOut) for dX, dgamma, dbeta.
#include <catch2/catch.hpp>

#include "cases/inputs.hpp"
#include "grading/compare.hpp"
#include "reference/batchnorm.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
using grading::check_close;
using grading::tensor;
using testing::matrix_from;
using testing::to_torch;
using testing::vector_from;
namespace ref = drill::batchnorm;

namespace {

struct Point {
  Eigen::MatrixXd X, dOut;
  Eigen::RowVectorXd gamma, beta;
};

// Column j = offset + scale_j · N(0, 1), scales in [0.5, 2]; gamma ~ U(0.5, 1.5) with the middle
// feature negated, beta ~ U(−1, 1), dOut ~ N(0, 1): the cases' kind of data.
Point point(int n, int d, double offset, uint64_t seed) {
  cases::Draw r(seed);
  Point p;
  p.X = r.normal(n, d);
  for (int j = 0; j < d; ++j) p.X.col(j) = (offset + r.uniform(0.5, 2) * p.X.col(j).array()).matrix();
  p.gamma = r.uniform_row(d, 0.5, 1.5);
  p.gamma[d / 2] = -p.gamma[d / 2];
  p.beta = r.uniform_row(d, -1, 1);
  p.dOut = r.normal(n, d);
  return p;
}

// A float64 BatchNorm1d with gamma, beta and the given running statistics.
torch::nn::BatchNorm1d module(const Point& p, const ref::State& s, double momentum, double eps) {
  torch::nn::BatchNorm1d bn(torch::nn::BatchNorm1dOptions(p.X.cols()).eps(eps).momentum(momentum));
  bn->to(torch::kFloat64);
  torch::NoGradGuard no_grad;
  bn->weight.copy_(to_torch(p.gamma));
  bn->bias.copy_(to_torch(p.beta));
  bn->running_mean.copy_(to_torch(s.running_mean));
  bn->running_var.copy_(to_torch(s.running_var));
  return bn;
}

Eigen::RowVectorXd row(const torch::Tensor& t) { return vector_from(t.detach()).transpose(); }

void require_close(const std::string& what, const wire::Tensor& got, const wire::Tensor& want, double atol,
                   double rtol) {
  auto c = check_close(what, got, want, {atol, rtol});
  INFO(c.message());
  REQUIRE(c.ok);
}

ref::State start_state(int d, uint64_t seed) {
  cases::Draw r(seed);
  return {r.uniform_row(d, -1, 1), r.uniform_row(d, 0.5, 2)};
}

}  // namespace

TEST_CASE("batchnorm reference: training forward and running statistics match torch::nn::BatchNorm1d over "
          "successive calls",
          "[reference][batchnorm]") {
  const int d = 6;
  ref::State state = start_state(d, 1);
  torch::nn::BatchNorm1d bn = module(point(2, d, 0, 2), state, 0.1, 1e-5);  // gamma/beta reset per call below
  struct Call {
    int n;
    double momentum, offset;
  };
  uint64_t seed = 10;
  // One module, one state: n changes (n/(n − 1) with it), and so do momentum and the data's mean.
  for (const Call c : {Call{16, 0.1, 0.0}, Call{16, 0.3, 2.0}, Call{10, 0.3, -1.5}, Call{2, 0.05, 0.5},
                       Call{64, 0.9, 3.0}}) {
    INFO("n " << c.n << ", momentum " << c.momentum);
    const Point p = point(c.n, d, c.offset, ++seed);
    bn->options.momentum(c.momentum);
    {
      torch::NoGradGuard no_grad;
      bn->weight.copy_(to_torch(p.gamma));
      bn->bias.copy_(to_torch(p.beta));
    }
    bn->train();
    torch::Tensor want;
    {
      torch::NoGradGuard no_grad;
      want = bn(to_torch(p.X));
    }
    const Eigen::MatrixXd out = ref::forward_train(p.X, p.gamma, p.beta, state, c.momentum, 1e-5);
    require_close("out", tensor(out), tensor(matrix_from(want)), 1e-12, 1e-10);
    require_close("running_mean", tensor(state.running_mean), tensor(row(bn->running_mean)), 1e-13, 1e-12);
    require_close("running_var", tensor(state.running_var), tensor(row(bn->running_var)), 1e-13, 1e-12);
  }
}

TEST_CASE("batchnorm reference: eval forward matches BatchNorm1d.eval(), a single row too", "[reference][batchnorm]") {
  for (const int n : {9, 1, 3}) {
    for (const double eps : {1e-5, 1e-3}) {
      INFO("n " << n << ", eps " << eps);
      const Point p = point(n, 6, 0.7, 20 + uint64_t(n));
      cases::Draw r(30 + uint64_t(n));
      const ref::State s{r.uniform_row(6, -4, 4), r.uniform_row(6, 0.2, 5)};
      torch::nn::BatchNorm1d bn = module(p, s, 0.1, eps);
      bn->eval();
      torch::NoGradGuard no_grad;
      const torch::Tensor want = bn(to_torch(p.X));
      require_close("out", tensor(ref::forward_eval(p.X, p.gamma, p.beta, s, eps)), tensor(matrix_from(want)), 1e-12,
                    1e-10);
      // Eval leaves the buffers alone.
      require_close("running_var", tensor(row(bn->running_var)), tensor(s.running_var), 0, 0);
    }
  }
}

TEST_CASE("batchnorm reference: backward matches autograd through BatchNorm1d in train mode",
          "[reference][batchnorm]") {
  struct Shape {
    int n, d;
    double eps;
  };
  for (const Shape sh : {Shape{12, 5, 1e-5}, Shape{5, 7, 1e-3}, Shape{2, 3, 1e-5}, Shape{40, 4, 1e-2}}) {
    for (uint64_t seed : {1, 2}) {
      INFO("n " << sh.n << ", d " << sh.d << ", eps " << sh.eps << ", seed " << seed);
      const Point p = point(sh.n, sh.d, 1.5, 40 + seed);
      torch::nn::BatchNorm1d bn = module(p, start_state(sh.d, seed), 0.1, sh.eps);
      bn->train();
      auto X = to_torch(p.X).requires_grad_(true);
      (bn(X) * to_torch(p.dOut)).sum().backward();
      const ref::Grads g = ref::backward(p.dOut, p.X, p.gamma, sh.eps);
      require_close("dX", tensor(g.dX), tensor(matrix_from(X.grad())), 1e-11, 1e-10);
      require_close("dgamma", tensor(g.dgamma), tensor(row(bn->weight.grad())), 1e-11, 1e-10);
      require_close("dbeta", tensor(g.dbeta), tensor(row(bn->bias.grad())), 1e-11, 1e-10);
    }
  }
}

// Columns with |mean| ~ 1e6 · std: the means are rounded to half an ulp of 3e6 (2.3e-10), so two
// correct implementations differ by ~1e-9 there; 1e-8 is still 100× inside the graded case's 1e-6.
TEST_CASE("batchnorm reference: columns with |mean| ~ 1e6 · std match LibTorch to 1e-8 (two-pass statistics)",
          "[reference][batchnorm]") {
  for (double offset : {1e6, -3e6}) {
    INFO("offset " << offset);
    const Point p = point(16, 4, offset, 50);
    ref::State state = start_state(4, 3);
    torch::nn::BatchNorm1d bn = module(p, state, 0.1, 1e-5);
    bn->train();
    torch::NoGradGuard no_grad;
    const torch::Tensor want = bn(to_torch(p.X));
    require_close("out", tensor(ref::forward_train(p.X, p.gamma, p.beta, state, 0.1, 1e-5)),
                  tensor(matrix_from(want)), 1e-8, 1e-8);
    require_close("running_var", tensor(state.running_var), tensor(row(bn->running_var)), 1e-8, 1e-8);
  }
}

TEST_CASE("batchnorm reference: n = 1 in training mode throws and leaves the state as it was",
          "[reference][batchnorm]") {
  const Point p = point(1, 4, 0, 60);
  ref::State state = start_state(4, 4);
  const ref::State before = state;
  REQUIRE_THROWS_AS(ref::forward_train(p.X, p.gamma, p.beta, state, 0.1, 1e-5), std::invalid_argument);
  CHECK(state.running_mean == before.running_mean);
  CHECK(state.running_var == before.running_var);
  // LibTorch refuses it too ("Expected more than 1 value per channel when training").
  torch::nn::BatchNorm1d bn = module(p, before, 0.1, 1e-5);
  bn->train();
  torch::NoGradGuard no_grad;
  CHECK_THROWS(bn(to_torch(p.X)));
}
