// The linreg reference against independent oracles: the MSE and its gradient against LibTorch's
// mse_loss with autograd, fit against torch::optim::SGD step for step, and fit_ridge against
// scikit-learn's LinearRegression and Ridge, run at test time through Debian's /usr/bin/python3
// (python3-sklearn, from scripts/setup.sh --tests; without it these tests fail, never skip).
#include <catch2/catch.hpp>

#include <sstream>

#include "cases/inputs.hpp"
#include "data/dataset.hpp"
#include "grading/compare.hpp"
#include "python_oracle.hpp"
#include "reference/linreg.hpp"
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

// Normal X shifted by `offset` per column, a random (w, b), targets from a noisy linear rule.
Point point(int n, int d, double offset, uint64_t seed) {
  cases::Draw r(seed);
  Point p{r.normal(n, d), Eigen::VectorXd(n), r.normal_vector(d), r.uniform(-2, 2)};
  for (int j = 0; j < d; ++j) p.X.col(j).array() += offset * (j % 3 - 1);
  const Eigen::VectorXd w_true = r.normal_vector(d);
  for (int i = 0; i < n; ++i) p.y[i] = p.X.row(i).dot(w_true) + 0.5 + r.normal();
  return p;
}

void require_close(const std::string& what, const wire::Tensor& got, const wire::Tensor& want, double atol,
                   double rtol) {
  auto c = check_close(what, got, want, {atol, rtol});
  INFO(c.message());
  REQUIRE(c.ok);
}

// Runs a Python script in a scratch directory where `files` (name → content) are written
// first; returns the numbers it prints.
std::vector<double> run_python(const std::string& script, const std::vector<std::pair<std::string, std::string>>& files,
                               const std::string& args = "") {
  const testing::PythonRun py("linreg");
  for (const auto& [name, text] : files) py.write(name, text);
  const auto r = py.run(script, args);
  INFO("python3 with scikit-learn (python3-sklearn, scripts/setup.sh --tests) said:\n" << r.text);
  REQUIRE(r.status == 0);
  std::istringstream in(r.text);
  std::vector<double> v;
  for (double x; in >> x;) v.push_back(x);
  return v;
}

// scikit-learn's (coef_, intercept_) for X, y and each alpha, in one run of Python:
// LinearRegression where alpha is 0, else Ridge(alpha).
std::vector<drill::linreg::Model> sklearn_fits(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                               const std::vector<double>& alphas) {
  std::ostringstream data, args;
  data.precision(17);
  args.precision(17);
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) data << X(i, j) << ' ';
    data << y[i] << '\n';
  }
  for (double a : alphas) args << a << ' ';
  std::vector<double> v = run_python(
      "import sys, numpy as np\n"
      "from sklearn.linear_model import LinearRegression, Ridge\n"
      "a = np.loadtxt('data.txt', ndmin=2)\n"
      "for alpha in map(float, sys.argv[1:]):\n"
      "    m = LinearRegression() if alpha == 0 else Ridge(alpha=alpha)\n"
      "    m.fit(a[:, :-1], a[:, -1])\n"
      "    print(' '.join(repr(float(v)) for v in list(m.coef_) + [m.intercept_]))\n",
      {{"data.txt", data.str()}}, args.str());
  const size_t k = size_t(X.cols()) + 1;
  REQUIRE(v.size() == k * alphas.size());
  std::vector<drill::linreg::Model> out;
  for (size_t i = 0; i < alphas.size(); ++i)
    out.push_back({Eigen::Map<Eigen::VectorXd>(v.data() + i * k, X.cols()), v[i * k + k - 1]});
  return out;
}

// The grader's tolerance for ridge (drill contract, cases 5–7).
void require_ridge_close(const drill::linreg::Model& got, const drill::linreg::Model& want) {
  const double scale = std::max(want.w.cwiseAbs().maxCoeff(), std::abs(want.b));
  require_close("w", tensor(got.w), tensor(want.w), 1e-10 * (1 + scale), 1e-8);
  require_close("b", scalar(got.b), scalar(want.b), 1e-10 * (1 + scale), 1e-8);
}

}  // namespace

TEST_CASE("linreg reference: predictions, MSE and its gradient match LibTorch's mse_loss with autograd",
          "[reference][linreg]") {
  for (uint64_t seed : {1, 2, 3}) {
    const Point p = point(50, 7, seed == 3 ? 5.0 : 0.0, seed);
    auto X = to_torch(p.X), y = to_torch(p.y);
    auto w = to_torch(p.w).requires_grad_(true);
    auto b = torch::tensor(p.b, torch::kFloat64).requires_grad_(true);
    auto y_hat = X.matmul(w) + b;
    auto loss = torch::mse_loss(y_hat, y);  // reduction mean, no 1/2
    loss.backward();
    INFO("seed " << seed);
    require_close("y_hat", tensor(drill::linreg::predict(p.X, p.w, p.b)), tensor(vector_from(y_hat.detach())), 1e-10,
                  1e-10);
    require_close("loss", scalar(drill::linreg::loss(p.X, p.y, p.w, p.b)), scalar(loss.item<double>()), 1e-10, 1e-10);
    const auto g = drill::linreg::gradient(p.X, p.y, p.w, p.b);
    require_close("dw", tensor(g.dw), tensor(vector_from(w.grad())), 1e-10, 1e-10);
    require_close("db", scalar(g.db), scalar(b.grad().item<double>()), 1e-10, 1e-10);
  }
}

TEST_CASE("linreg reference: fit equals plain SGD on LibTorch's mse_loss from zero", "[reference][linreg]") {
  const Point p = point(60, 4, 0.0, 9);
  auto X = to_torch(p.X), y = to_torch(p.y);
  auto w = torch::zeros({4}, torch::kFloat64).requires_grad_(true);
  auto b = torch::zeros({}, torch::kFloat64).requires_grad_(true);
  torch::optim::SGD opt({w, b}, torch::optim::SGDOptions(0.05));
  for (int e = 0; e < 300; ++e) {
    opt.zero_grad();
    torch::mse_loss(X.matmul(w) + b, y).backward();
    opt.step();
  }
  const auto m = drill::linreg::fit(p.X, p.y, 0.05, 300);
  require_close("w", tensor(m.w), tensor(vector_from(w.detach())), 1e-10, 1e-10);
  require_close("b", scalar(m.b), scalar(b.item<double>()), 1e-10, 1e-10);
}

TEST_CASE("linreg reference: fit_ridge matches scikit-learn's LinearRegression and Ridge", "[reference][linreg]") {
  for (double offset : {0.0, 4.0}) {
    const Point p = point(50, 5, offset, 11);
    const std::vector<double> lambdas = {0.0, 0.1, 3.0, 100.0};
    const auto want = sklearn_fits(p.X, p.y, lambdas);
    for (size_t i = 0; i < lambdas.size(); ++i) {
      INFO("offset " << offset << ", lambda " << lambdas[i]);
      require_ridge_close(drill::linreg::fit_ridge(p.X, p.y, lambdas[i]), want[i]);
    }
  }
}

TEST_CASE("linreg reference: fit_ridge on the standardized diabetes training rows matches scikit-learn's Ridge",
          "[reference][linreg]") {
  const data::Dataset& d = data::dataset("diabetes");
  REQUIRE(d.X.rows() == 442);
  REQUIRE(d.X.cols() == 10);
  data::Split s{d.X, d.X, d.y, d.y};
  data::standardize(s);
  const Eigen::VectorXd y = d.y.cast<double>();
  const std::vector<double> lambdas = {0.0, 1.0};
  const auto want = sklearn_fits(s.X_train, y, lambdas);
  for (size_t i = 0; i < lambdas.size(); ++i) {
    INFO("lambda " << lambdas[i]);
    require_ridge_close(drill::linreg::fit_ridge(s.X_train, y, lambdas[i]), want[i]);
  }
}

TEST_CASE("datasets/diabetes.csv equals scikit-learn's load_diabetes(scaled=False), data and target",
          "[reference][linreg]") {
  const data::Dataset& d = data::dataset("diabetes");
  const std::vector<std::string> names = {"age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"};
  CHECK(d.feature_names == names);
  const std::vector<double> v = run_python(
      "from sklearn.datasets import load_diabetes\n"
      "d = load_diabetes(scaled=False)\n"
      "print(*d.data.shape)\n"
      "for row, t in zip(d.data, d.target): print(' '.join(repr(float(x)) for x in list(row) + [t]))\n",
      {});
  REQUIRE(v.size() == 2 + 442 * 11);
  REQUIRE(v[0] == 442);
  REQUIRE(v[1] == 10);
  REQUIRE(d.X.rows() == 442);
  REQUIRE(d.X.cols() == 10);
  int differ = 0;
  for (int i = 0; i < 442; ++i) {
    for (int j = 0; j < 10; ++j) differ += d.X(i, j) != v[2 + size_t(i) * 11 + size_t(j)];
    differ += double(d.y[i]) != v[2 + size_t(i) * 11 + 10];
  }
  CHECK(differ == 0);
  CHECK(d.y.minCoeff() == 25);
  CHECK(d.y.maxCoeff() == 346);
}

TEST_CASE("linreg reference: fit_ridge refuses a negative lambda and accepts 0", "[reference][linreg]") {
  const Point p = point(20, 3, 0.0, 5);
  CHECK_THROWS_AS(drill::linreg::fit_ridge(p.X, p.y, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(drill::linreg::fit_ridge(p.X, p.y, -1e-12), std::invalid_argument);
  CHECK_NOTHROW(drill::linreg::fit_ridge(p.X, p.y, 0.0));
}
