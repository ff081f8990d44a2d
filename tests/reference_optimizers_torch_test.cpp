// The optimizers reference against LibTorch in double precision (the oracle): the reference's
// trajectories (param and every state buffer, after every step) equal torch::optim's SGD,
// RMSprop, Adam and AdamW run on the same functions, for option sets covering every branch the
// contract pins (momentum, dampening, Nesterov, weight decay, centered, ε, betas).
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <string>

#include "grading/compare.hpp"
#include "reference/optimizers.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
using grading::tensor;
using testing::to_torch;
namespace ref = drill::optimizers;

namespace {

// 100× inside the grader's tolerance (1e-11 + 1e-9·|expected|).
const grading::Tolerance kTight{1e-13, 1e-11};

using Grad = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
struct Problem {
  std::string label;
  Eigen::VectorXd x0;
  Grad grad;
};

// The graded functions (harness/cases/optimizers.cpp): scale · (½xᵀAx − bᵀx) in d = 5, and Rosenbrock.
Problem quadratic(double scale) {
  const int d = 5;
  Eigen::MatrixXd M(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) M(i, j) = std::sin(3.0 * i + j + 1);
  const Eigen::MatrixXd A = M.transpose() * M + 0.5 * Eigen::MatrixXd::Identity(d, d);
  Eigen::VectorXd b(d), x0(d);
  b << 1, -2, 0.5, 3, -1;
  x0 << 1.5, -0.5, 2, -1, 0.25;
  return {scale == 1 ? "quadratic" : "quadratic/1000", x0,
          [=](const Eigen::VectorXd& x) -> Eigen::VectorXd { return scale * (A * x - b); }};
}
Problem rosenbrock() {
  Eigen::VectorXd x0(2);
  x0 << -1.2, 1;
  return {"rosenbrock", x0, [](const Eigen::VectorXd& p) -> Eigen::VectorXd {
            Eigen::VectorXd g(2);
            g << -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]), 200 * (p[1] - p[0] * p[0]);
            return g;
          }};
}

Eigen::VectorXd from_torch(const torch::Tensor& t) { return testing::vector_from(t.detach()); }

void expect_close(const std::string& what, const Eigen::VectorXd& got, const torch::Tensor& expected, int step) {
  const grading::Comparison c = grading::check_close(what, tensor(got), tensor(from_torch(expected)), kTight);
  INFO("step " << step << ": " << c.message());
  REQUIRE(c.ok);
}

// Runs `steps` steps of a torch::optim optimizer on p (its gradient set by hand each step) and of
// the reference; `compare(step, param, optimizer state)` checks the reference against it.
template <class Optim, class ParamState, class RefStep, class Compare>
void run(const Problem& prob, Optim& optim, torch::Tensor& p, int steps, RefStep ref_step, Compare compare) {
  Eigen::VectorXd x = prob.x0;
  const std::string key = c10::guts::to_string(p.unsafeGetTensorImpl());
  for (int k = 1; k <= steps; ++k) {
    p.mutable_grad() = to_torch(prob.grad(from_torch(p)));
    optim.step();
    ref_step(x, prob.grad(x));
    expect_close(prob.label + " param", x, p, k);
    compare(k, static_cast<ParamState&>(*optim.state().at(key)));
  }
}

torch::Tensor leaf(const Problem& prob) { return to_torch(prob.x0).clone().set_requires_grad(true); }

void sgd_matches(const Problem& prob, const ref::SGDOptions& o, int steps) {
  torch::Tensor p = leaf(prob);
  torch::optim::SGD optim({p}, torch::optim::SGDOptions(o.lr)
                                   .momentum(o.momentum)
                                   .dampening(o.dampening)
                                   .weight_decay(o.weight_decay)
                                   .nesterov(o.nesterov));
  ref::SGDState st;
  const std::string key = c10::guts::to_string(p.unsafeGetTensorImpl());
  Eigen::VectorXd x = prob.x0;
  for (int k = 1; k <= steps; ++k) {
    p.mutable_grad() = to_torch(prob.grad(from_torch(p)));
    optim.step();
    ref::sgd_step(x, prob.grad(x), st, o);
    expect_close(prob.label + " param", x, p, k);
    if (o.momentum != 0) {
      auto& s = static_cast<torch::optim::SGDParamState&>(*optim.state().at(key));
      expect_close("momentum_buffer", st.momentum_buffer, s.momentum_buffer(), k);
    }
  }
}

void rmsprop_matches(const Problem& prob, const ref::RMSpropOptions& o, int steps) {
  torch::Tensor p = leaf(prob);
  torch::optim::RMSprop optim({p}, torch::optim::RMSpropOptions(o.lr)
                                       .alpha(o.alpha)
                                       .eps(o.eps)
                                       .weight_decay(o.weight_decay)
                                       .momentum(o.momentum)
                                       .centered(o.centered));
  ref::RMSpropState st;
  run<torch::optim::RMSprop, torch::optim::RMSpropParamState>(
      prob, optim, p, steps, [&](Eigen::VectorXd& x, const Eigen::VectorXd& g) { ref::rmsprop_step(x, g, st, o); },
      [&](int k, torch::optim::RMSpropParamState& s) {
        expect_close("square_avg", st.square_avg, s.square_avg(), k);
        if (o.momentum > 0) expect_close("momentum_buffer", st.momentum_buffer, s.momentum_buffer(), k);
        if (o.centered) expect_close("grad_avg", st.grad_avg, s.grad_avg(), k);
      });
}

template <class AdamState>
void adam_state_matches(int k, const ref::AdamState& st, AdamState& s) {
  INFO("step " << k);
  REQUIRE(st.step == s.step());
  expect_close("exp_avg", st.exp_avg, s.exp_avg(), k);
  expect_close("exp_avg_sq", st.exp_avg_sq, s.exp_avg_sq(), k);
}

void adam_matches(const Problem& prob, const ref::AdamOptions& o, int steps) {
  torch::Tensor p = leaf(prob);
  torch::optim::Adam optim({p}, torch::optim::AdamOptions(o.lr)
                                    .betas(std::make_tuple(o.beta1, o.beta2))
                                    .eps(o.eps)
                                    .weight_decay(o.weight_decay));
  ref::AdamState st;
  run<torch::optim::Adam, torch::optim::AdamParamState>(
      prob, optim, p, steps, [&](Eigen::VectorXd& x, const Eigen::VectorXd& g) { ref::adam_step(x, g, st, o); },
      [&](int k, torch::optim::AdamParamState& s) { adam_state_matches(k, st, s); });
}

void adamw_matches(const Problem& prob, const ref::AdamWOptions& o, int steps) {
  torch::Tensor p = leaf(prob);
  torch::optim::AdamW optim({p}, torch::optim::AdamWOptions(o.lr)
                                     .betas(std::make_tuple(o.beta1, o.beta2))
                                     .eps(o.eps)
                                     .weight_decay(o.weight_decay));
  ref::AdamState st;
  run<torch::optim::AdamW, torch::optim::AdamWParamState>(
      prob, optim, p, steps, [&](Eigen::VectorXd& x, const Eigen::VectorXd& g) { ref::adamw_step(x, g, st, o); },
      [&](int k, torch::optim::AdamWParamState& s) { adam_state_matches(k, st, s); });
}

}  // namespace

TEST_CASE("The SGD reference follows torch::optim::SGD step by step", "[optimizers]") {
  const Problem q = quadratic(1), rb = rosenbrock();
  SECTION("plain") { sgd_matches(q, {0.02, 0, 0, 0, false}, 40); }
  SECTION("momentum") { sgd_matches(q, {0.01, 0.9, 0, 0, false}, 60); }
  SECTION("Nesterov") { sgd_matches(rb, {5e-4, 0.9, 0, 0, true}, 200); }
  SECTION("momentum, dampening, weight decay") { sgd_matches(q, {0.01, 0.8, 0.5, 0.1, false}, 60); }
  SECTION("Nesterov with weight decay") { sgd_matches(rb, {5e-4, 0.9, 0, 0.05, true}, 200); }
  SECTION("weight decay without momentum") { sgd_matches(q, {0.02, 0, 0, 0.3, false}, 40); }
}

TEST_CASE("The RMSprop reference follows torch::optim::RMSprop step by step", "[optimizers]") {
  const Problem q = quadratic(1), q1000 = quadratic(1e-3), rb = rosenbrock();
  SECTION("defaults") { rmsprop_matches(rb, {1e-3, 0.99, 1e-8, 0, 0, false}, 200); }
  SECTION("eps 1e-3 on tiny gradients") { rmsprop_matches(q1000, {1e-2, 0.9, 1e-3, 0, 0, false}, 60); }
  SECTION("momentum and weight decay") { rmsprop_matches(q, {1e-3, 0.99, 1e-8, 0.1, 0.9, false}, 60); }
  SECTION("centered with momentum") { rmsprop_matches(rb, {1e-3, 0.99, 1e-8, 0, 0.5, true}, 200); }
  SECTION("centered without momentum") { rmsprop_matches(q, {1e-3, 0.9, 1e-8, 0, 0, true}, 60); }
}

TEST_CASE("The Adam reference follows torch::optim::Adam step by step", "[optimizers]") {
  const Problem q = quadratic(1), q1000 = quadratic(1e-3), rb = rosenbrock();
  SECTION("quadratic") { adam_matches(q, {0.05, 0.9, 0.999, 1e-8, 0}, 100); }
  SECTION("Rosenbrock") { adam_matches(rb, {1e-2, 0.9, 0.999, 1e-8, 0}, 300); }
  SECTION("betas, eps 1e-3 and L2 on tiny gradients") { adam_matches(q1000, {1e-2, 0.8, 0.99, 1e-3, 0.1}, 60); }
}

TEST_CASE("The AdamW reference follows torch::optim::AdamW step by step", "[optimizers]") {
  const Problem q = quadratic(1), rb = rosenbrock();
  SECTION("default weight decay") { adamw_matches(q, {0.05, 0.9, 0.999, 1e-8, 1e-2}, 100); }
  SECTION("weight decay 0.5") { adamw_matches(rb, {1e-2, 0.9, 0.999, 1e-8, 0.5}, 300); }
  SECTION("betas and eps on tiny gradients") { adamw_matches(quadratic(1e-3), {1e-2, 0.8, 0.99, 1e-3, 0.1}, 60); }
}

TEST_CASE("The SGD reference refuses what torch::optim::SGD refuses", "[optimizers]") {
  const Problem q = quadratic(1);
  torch::Tensor p = leaf(q);
  CHECK_THROWS(torch::optim::SGD({p}, torch::optim::SGDOptions(0.01).nesterov(true)));
  CHECK_THROWS(torch::optim::SGD({p}, torch::optim::SGDOptions(0.01).momentum(0.9).dampening(0.5).nesterov(true)));
  Eigen::VectorXd x = q.x0;
  ref::SGDState s;
  CHECK_THROWS_AS(ref::sgd_step(x, q.grad(x), s, {0.01, 0, 0, 0, true}), std::invalid_argument);
  CHECK_THROWS_AS(ref::sgd_step(x, q.grad(x), s, {0.01, 0.9, 0.5, 0, true}), std::invalid_argument);
  CHECK_THROWS_AS(ref::sgd_step(x, Eigen::VectorXd::Ones(4), s, {}), std::invalid_argument);
}
