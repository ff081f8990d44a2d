// The logreg reference against LibTorch autograd in double precision (the oracle):
// probabilities, loss and gradient to 1e-10, and gradient descent step for step.
#include <catch2/catch.hpp>

#include "cases/inputs.hpp"
#include "grading/compare.hpp"
#include "reference/logreg.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
using grading::check_close;
using grading::scalar;
using grading::tensor;
using testing::to_torch;
using testing::vector_from;

namespace {

struct Point {
  Eigen::MatrixXd X;
  Eigen::VectorXd y, w;
  double b;
};

// Random labels, logits scaled by `scale` (1: moderate; 8: up to ~±30, saturating).
Point point(int n, int d, double scale, uint64_t seed) {
  cases::Draw r(seed);
  Point p{r.normal(n, d), Eigen::VectorXd(n), r.normal_vector(d, scale / std::sqrt(double(d))), r.uniform(-1, 1)};
  for (int i = 0; i < n; ++i) p.y[i] = r.uniform() < 0.5 ? 0 : 1;
  return p;
}

void require_close(const std::string& what, const wire::Tensor& got, const wire::Tensor& want, double tol) {
  auto c = check_close(what, got, want, {tol, tol});
  INFO(c.message());
  REQUIRE(c.ok);
}

}  // namespace

TEST_CASE("logreg reference: probabilities, loss and gradient match LibTorch autograd to 1e-10",
          "[reference][logreg]") {
  for (double scale : {1.0, 8.0}) {
    for (uint64_t seed : {1, 2, 3}) {
      const Point p = point(50, 7, scale, seed);
      auto X = to_torch(p.X), y = to_torch(p.y);
      auto w = to_torch(p.w).requires_grad_(true);
      auto b = torch::tensor(p.b, torch::kFloat64).requires_grad_(true);
      auto z = X.matmul(w) + b;
      auto loss = torch::binary_cross_entropy_with_logits(z, y);
      loss.backward();
      INFO("scale " << scale << ", seed " << seed);
      require_close("p", tensor(drill::logreg::predict_proba(p.X, p.w, p.b)), tensor(vector_from(torch::sigmoid(z))),
                    1e-10);
      require_close("loss", scalar(drill::logreg::loss(p.X, p.y, p.w, p.b)), scalar(loss.item<double>()), 1e-10);
      const auto g = drill::logreg::gradient(p.X, p.y, p.w, p.b);
      require_close("dw", tensor(g.dw), tensor(vector_from(w.grad())), 1e-10);
      require_close("db", scalar(g.db), scalar(b.grad().item<double>()), 1e-10);
    }
  }
}

TEST_CASE("logreg reference: fit equals plain SGD on LibTorch autograd from zero", "[reference][logreg]") {
  const Point p = point(60, 4, 1.0, 9);
  auto X = to_torch(p.X), y = to_torch(p.y);
  auto w = torch::zeros({4}, torch::kFloat64).requires_grad_(true);
  auto b = torch::zeros({}, torch::kFloat64).requires_grad_(true);
  torch::optim::SGD opt({w, b}, torch::optim::SGDOptions(0.5));
  for (int e = 0; e < 200; ++e) {
    opt.zero_grad();
    torch::binary_cross_entropy_with_logits(X.matmul(w) + b, y).backward();
    opt.step();
  }
  const auto m = drill::logreg::fit(p.X, p.y, 0.5, 200);
  require_close("w", tensor(m.w), tensor(vector_from(w.detach())), 1e-10);
  require_close("b", scalar(m.b), scalar(b.item<double>()), 1e-10);
}
