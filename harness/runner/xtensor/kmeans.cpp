// Adapter: the k-means functions of an xtensor candidate, served over the wire.
// The contract's types, as exercises/kmeans/stubs/xtensor.cpp declares them. Result travels
// as centroids, labels, inertia, iterations, as in the eigen flavor.
#include "runner/xtensor_adapter.hpp"

namespace drill::kmeans {
struct Result {
  xt::xtensor<double, 2> centroids;
  xt::xtensor<int, 1> labels;
  double inertia;
  int iterations;
};
Result fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 2>& init_centroids, int max_iter);
xt::xtensor<double, 2> init_plus_plus(const xt::xtensor<double, 2>& X, int k, std::mt19937_64& rng);
}  // namespace drill::kmeans

namespace mldrill::runner {
template <>
struct Convert<drill::kmeans::Result> {
  static void to(Values& out, const drill::kmeans::Result& r) {
    Convert<xt::xtensor<double, 2>>::to(out, r.centroids);
    Convert<xt::xtensor<int, 1>>::to(out, r.labels);
    out.emplace_back(r.inertia);
    out.emplace_back(int64_t(r.iterations));
  }
};
}  // namespace mldrill::runner

const mldrill::runner::Table& drill_table() {
  namespace r = mldrill::runner;  // qualified: std::bind would win by ADL on std::mt19937_64
  namespace d = drill::kmeans;
  static const r::Table table = {
      {"fit", r::bind(&d::fit)},
      {"init_plus_plus", r::bind(&d::init_plus_plus)},
  };
  return table;
}
