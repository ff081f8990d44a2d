// The softmax_regression reference against LibTorch in double precision (the oracle):
// softmax, loss (cross_entropy + ½ l2 ‖W‖²) and its autograd gradient to 1e-10, argmax, and
// gradient descent against torch::optim::SGD with weight_decay = l2 on W only, step for step.
#include <catch2/catch.hpp>

#include "cases/inputs.hpp"
#include "grading/compare.hpp"
#include "reference/softmax_regression.hpp"
#include "torch_convert.hpp"

using namespace mldrill;
using grading::check_close;
using grading::scalar;
using grading::tensor;
using testing::matrix_from;
using testing::to_torch;
using testing::vector_from;
namespace ref = drill::softmax_regression;

namespace {

struct Point {
  Eigen::MatrixXd X, W;
  Eigen::RowVectorXd b;
  Eigen::VectorXi y;
};

// Random labels; logits scaled by `scale` (1: moderate; 40: up to a few hundred).
Point point(int n, int d, int c, double scale, uint64_t seed) {
  cases::Draw r(seed);
  Point p{r.normal(n, d), r.normal(d, c, scale / std::sqrt(double(d))), r.uniform_row(c, -1, 1), {}};
  p.y = r.labels(n, c);
  return p;
}

void require_close(const std::string& what, const wire::Tensor& got, const wire::Tensor& want, double tol) {
  auto c = check_close(what, got, want, {tol, tol});
  INFO(c.message());
  REQUIRE(c.ok);
}

}  // namespace

TEST_CASE("softmax_regression reference: softmax, loss and gradient match LibTorch autograd to 1e-10",
          "[reference][softmax_regression]") {
  for (double scale : {1.0, 40.0}) {
    for (uint64_t seed : {1, 2, 3}) {
      const Point p = point(50, 6, 4, scale, seed);
      const double l2 = 0.1;
      auto X = to_torch(p.X), y = to_torch(p.y).to(torch::kInt64);
      auto W = to_torch(p.W).requires_grad_(true);
      auto b = to_torch(p.b).requires_grad_(true);
      auto Z = X.matmul(W) + b;
      auto loss = torch::nn::functional::cross_entropy(Z, y) + 0.5 * l2 * W.pow(2).sum();
      loss.backward();
      INFO("scale " << scale << ", seed " << seed);
      require_close("P", tensor(ref::predict_proba(p.X, p.W, p.b)), tensor(matrix_from(torch::softmax(Z, 1).detach())),
                    1e-10);
      require_close("loss", scalar(ref::loss(p.X, p.y, p.W, p.b, l2)), scalar(loss.item<double>()), 1e-10);
      const ref::Gradient g = ref::gradient(p.X, p.y, p.W, p.b, l2);
      require_close("dW", tensor(g.dW), tensor(matrix_from(W.grad())), 1e-10);
      require_close("db", tensor(g.db), tensor(vector_from(b.grad())), 1e-10);
      const Eigen::VectorXi labels = ref::predict(p.X, p.W, p.b);
      const auto want = Z.argmax(1);
      for (int i = 0; i < labels.size(); ++i) REQUIRE(labels[i] == want[i].item<int64_t>());
    }
  }
}

TEST_CASE("softmax_regression reference: softmax of logits up to 1e3 matches torch::softmax",
          "[reference][softmax_regression]") {
  Eigen::MatrixXd Z(3, 4);
  Z << 1000, 999, -1000, 0, -1000, -1001, -1002.5, -1000, 0.75, 0.75, 0.75, 0.75;
  require_close("softmax", tensor(ref::softmax(Z)), tensor(matrix_from(torch::softmax(to_torch(Z), 1))), 1e-15);
}

TEST_CASE("softmax_regression reference: fit equals torch::optim::SGD with weight_decay on W only",
          "[reference][softmax_regression]") {
  const Point p = point(60, 4, 3, 1.0, 9);
  const double lr = 0.5, l2 = 0.01;
  auto X = to_torch(p.X), y = to_torch(p.y).to(torch::kInt64);
  auto W = torch::zeros({4, 3}, torch::kFloat64).requires_grad_(true);
  auto b = torch::zeros({3}, torch::kFloat64).requires_grad_(true);
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(std::vector<torch::Tensor>{W},
                      std::make_unique<torch::optim::SGDOptions>(torch::optim::SGDOptions(lr).weight_decay(l2)));
  groups.emplace_back(std::vector<torch::Tensor>{b}, std::make_unique<torch::optim::SGDOptions>(lr));
  torch::optim::SGD opt(std::move(groups), torch::optim::SGDOptions(lr));
  for (int e = 0; e < 200; ++e) {
    opt.zero_grad();
    torch::nn::functional::cross_entropy(X.matmul(W) + b, y).backward();
    opt.step();
  }
  const ref::Model m = ref::fit(p.X, p.y, 3, lr, 200, l2);
  require_close("W", tensor(m.W), tensor(matrix_from(W.detach())), 1e-10);
  require_close("b", tensor(m.b), tensor(vector_from(b.detach())), 1e-10);
}
