// linreg's trace: gradient descent on the diabetes data converging to the closed form, and
// the ridge path.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "data/dataset.hpp"
#include "reference/linreg.hpp"
#include "trace/common.hpp"

namespace mldrill::trace {

using nlohmann::json;

// Diabetes split as linreg's graded case 7: the first 88 rows of permutation(442, 7) test,
// the rest train, standardized with the training rows' statistics.
json linreg() {
  const data::Dataset& d = data::dataset("diabetes");
  const int n = int(d.y.size()), n_test = 88, epochs = 1000;
  const double learning_rate = 0.1;
  std::vector<int> order = data::permutation(n, 7);
  std::vector<int> test(order.begin(), order.begin() + n_test), train(order.begin() + n_test, order.end());
  std::sort(test.begin(), test.end());
  std::sort(train.begin(), train.end());
  data::Split s{d.X(train, Eigen::all), d.X(test, Eigen::all), d.y(train), d.y(test)};
  data::standardize(s);
  const Eigen::VectorXd y_train = s.y_train.cast<double>(), y_test = s.y_test.cast<double>();
  auto r2 = [&](const drill::linreg::Model& m) {
    return 1.0 - (drill::linreg::predict(s.X_test, m.w, m.b) - y_test).squaredNorm() /
                     (y_test.array() - y_test.mean()).square().sum();
  };
  // The reference's own update, step by step: training MSE per epoch (epoch 0 at w = 0, b = 0).
  drill::linreg::Model m{Eigen::VectorXd::Zero(s.X_train.cols()), 0.0};
  json loss = json::array();
  for (int e = 0; e <= epochs; ++e) {
    loss.push_back(drill::linreg::loss(s.X_train, y_train, m.w, m.b));
    if (e == epochs) break;
    const auto g = drill::linreg::gradient(s.X_train, y_train, m.w, m.b);
    m.w -= learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  const auto ols = drill::linreg::fit_ridge(s.X_train, y_train, 0.0);
  // The ridge path: lambda from 1e-2 to 1e5, log-spaced; each weight and the held-out R².
  json lambdas = json::array(), weights = json::array(), test_r2 = json::array();
  for (int k = 0; k <= 35; ++k) {
    const double lambda = std::pow(10.0, -2.0 + 0.2 * k);
    const auto fit = drill::linreg::fit_ridge(s.X_train, y_train, lambda);
    lambdas.push_back(lambda);
    weights.push_back(vector_json(fit.w));
    test_r2.push_back(r2(fit));
  }
  return {{"trace", "linreg"},
          {"description", fmt::format("scikit-learn's diabetes data ({} training, {} held-out rows, features "
                                      "standardized with the training statistics): full-batch gradient descent "
                                      "(lr = {}) from zero, its training MSE per epoch beside the closed form's; "
                                      "then the ridge path, each weight and the held-out R² against lambda.",
                                      train.size(), test.size(), learning_rate)},
          {"feature_names", d.feature_names},
          {"learning_rate", learning_rate},
          {"epochs", epochs},
          {"loss", loss},
          {"ols_loss", drill::linreg::loss(s.X_train, y_train, ols.w, ols.b)},
          {"w", vector_json(m.w)},
          {"b", m.b},
          {"test_r2", r2(m)},
          {"ols_test_r2", r2(ols)},
          {"ridge_path", {{"lambda", lambdas}, {"w", weights}, {"test_r2", test_r2}}}};
}

std::vector<TraceKind> traces_linreg() {
  return {{"linreg", "linear regression on diabetes: descent's MSE per epoch, the ridge path and held-out R²", linreg}};
}

}  // namespace mldrill::trace
