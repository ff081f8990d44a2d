// Adapter: the k-NN functions of an xtensor candidate, served over the wire.
// The contract's declarations, as exercises/knn/stubs/xtensor.cpp declares them.
#include "runner/xtensor_adapter.hpp"

namespace drill::knn {
xt::xtensor<double, 2> pairwise_sq_dist(const xt::xtensor<double, 2>& A, const xt::xtensor<double, 2>& B);
xt::xtensor<int, 1> predict(const xt::xtensor<double, 2>& X_train, const xt::xtensor<int, 1>& y_train,
                            const xt::xtensor<double, 2>& X_query, int k);
}  // namespace drill::knn

const mldrill::runner::Table& drill_table() {
  // Qualified: xtensor's types pull std::bind in through ADL.
  namespace r = mldrill::runner;
  namespace d = drill::knn;
  static const r::Table table = {
      {"pairwise_sq_dist", r::bind(&d::pairwise_sq_dist)},
      {"predict", r::bind(&d::predict)},
  };
  return table;
}
