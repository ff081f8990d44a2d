// Adapter: the k-NN functions of an eigen candidate, served over the wire.
#include "reference/knn.hpp"  // the contract's declarations, not its code
#include "runner/eigen_adapter.hpp"

const mldrill::runner::Table& drill_table() {
  using mldrill::runner::bind;
  namespace d = drill::knn;
  static const mldrill::runner::Table table = {
      {"pairwise_sq_dist", bind(&d::pairwise_sq_dist)},
      {"predict", bind(&d::predict)},
  };
  return table;
}
