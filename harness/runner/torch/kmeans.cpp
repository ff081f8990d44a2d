// Adapter: the k-means functions of a torch candidate, served over the wire.
// The contract's types, as exercises/kmeans/stubs/torch.cpp declares them.
#include "runner/torch_adapter.hpp"

namespace drill::kmeans {
struct Result { torch::Tensor centroids; torch::Tensor labels; double inertia; int iterations; };
Result fit(const torch::Tensor& X, const torch::Tensor& init_centroids, int max_iter);
torch::Tensor init_plus_plus(const torch::Tensor& X, int k, std::mt19937_64& rng);
}  // namespace drill::kmeans

namespace mldrill::runner {
template <>
struct Convert<drill::kmeans::Result> {
  static void to(Values& out, const drill::kmeans::Result& r) {
    Convert<torch::Tensor>::to(out, r.centroids);
    Convert<torch::Tensor>::to(out, r.labels);
    out.emplace_back(r.inertia);
    out.emplace_back(int64_t(r.iterations));
  }
};
}  // namespace mldrill::runner

const mldrill::runner::Table& drill_table() {
  namespace r = mldrill::runner;  // qualified: std::bind would win by ADL on std::mt19937_64
  namespace d = drill::kmeans;
  static const r::Table table = {
      {"fit", r::with_outputs(r::bind(&d::fit), {{r::Out::Float, "centroids"}, {r::Out::Labels, "labels"}})},
      {"init_plus_plus", r::with_outputs(r::bind(&d::init_plus_plus), {{r::Out::Float, "centroids"}})},
  };
  return table;
}
