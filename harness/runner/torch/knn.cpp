// Adapter: the k-NN functions of a torch candidate, served over the wire.
// The contract's types, as exercises/knn/stubs/torch.cpp declares them.
#include "runner/torch_adapter.hpp"

namespace drill::knn {
torch::Tensor pairwise_sq_dist(const torch::Tensor& A, const torch::Tensor& B);
torch::Tensor predict(const torch::Tensor& X_train, const torch::Tensor& y_train, const torch::Tensor& X_query, int k);
}  // namespace drill::knn

const mldrill::runner::Table& drill_table() {
  using namespace mldrill::runner;
  namespace d = drill::knn;
  static const Table table = {
      {"pairwise_sq_dist", with_outputs(bind(&d::pairwise_sq_dist), {{Out::Float, "distances"}})},
      {"predict", with_outputs(bind(&d::predict), {{Out::Labels, "labels"}})},
  };
  return table;
}
