// The attention reference against LibTorch in double precision (the oracle): the forward
// pass against torch's matmul/softmax to 1e-12, and dQ, dK, dV against autograd to 1e-10,
// causal and not, square and rectangular, with ordinary and large (±1e3) logits.
#include <catch2/catch.hpp>
#include <limits>

#include "cases/inputs.hpp"
#include "grading/compare.hpp"
#include "reference/attention.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
using grading::check_close;
using grading::tensor;
using testing::matrix_from;
using testing::to_torch;

namespace {

struct Shape {
  int n, m, d_k, d_v;
  bool causal;
};

void require_close(const std::string& what, const Eigen::MatrixXd& got, const Eigen::MatrixXd& want, double tol) {
  auto c = check_close(what, tensor(got), tensor(want), {tol, tol});
  INFO(c.message());
  REQUIRE(c.ok);
}

// Compares forward and backward on one seeded problem; `logit_scale` multiplies Q, so the
// scores grow from ~N(0, 1) to ~N(0, logit_scale²).
void compare_with_torch(const Shape& s, double logit_scale, uint64_t seed) {
  cases::Draw r(seed);
  const Eigen::MatrixXd Q = r.normal(s.n, s.d_k, logit_scale), K = r.normal(s.m, s.d_k), V = r.normal(s.m, s.d_v),
                        dOut = r.normal(s.n, s.d_v);
  auto q = to_torch(Q).requires_grad_(true), k = to_torch(K).requires_grad_(true), v = to_torch(V).requires_grad_(true);
  auto S = q.matmul(k.t()) / std::sqrt(double(s.d_k));
  if (s.causal)
    S = S.masked_fill(torch::ones({s.n, s.m}, torch::kBool).triu(1), -std::numeric_limits<double>::infinity());
  auto out = torch::softmax(S, 1).matmul(v);
  (out * to_torch(dOut)).sum().backward();

  INFO("n=" << s.n << " m=" << s.m << " d_k=" << s.d_k << " d_v=" << s.d_v << " causal=" << s.causal
            << " logit scale " << logit_scale << " seed " << seed);
  require_close("forward", drill::attention::forward(Q, K, V, s.causal), matrix_from(out.detach()), 1e-12);
  const auto g = drill::attention::backward(Q, K, V, s.causal, dOut);
  require_close("dQ", g.dQ, matrix_from(q.grad()), 1e-10);
  require_close("dK", g.dK, matrix_from(k.grad()), 1e-10);
  require_close("dV", g.dV, matrix_from(v.grad()), 1e-10);
}

const Shape kShapes[] = {{6, 6, 8, 5, false}, {4, 7, 8, 3, false}, {9, 3, 4, 6, false},
                         {6, 6, 8, 5, true},  {1, 1, 3, 2, true},  {48, 48, 16, 8, true}};

}  // namespace

TEST_CASE("attention reference: forward and gradients match LibTorch autograd, causal and not", "[reference][attention]") {
  for (const Shape& s : kShapes)
    for (uint64_t seed : {1, 2, 3}) compare_with_torch(s, 1.0, seed);
}

// Scores of several hundred: a softmax without the max shift would overflow here.
TEST_CASE("attention reference: matches LibTorch with logits in the hundreds", "[reference][attention]") {
  for (const Shape& s : kShapes) compare_with_torch(s, 100.0, 7);
}

TEST_CASE("attention reference: causal needs n == m", "[reference][attention]") {
  const Eigen::MatrixXd Q = Eigen::MatrixXd::Ones(3, 2), K = Eigen::MatrixXd::Ones(4, 2), V = Eigen::MatrixXd::Ones(4, 2);
  REQUIRE_THROWS_AS(drill::attention::forward(Q, K, V, true), std::invalid_argument);
}
