// Adapter: the attention functions of an xtensor candidate, served over the wire.
// The contract's types, as exercises/attention/stubs/xtensor.cpp declares them.
#include "runner/xtensor_adapter.hpp"

namespace drill::attention {
struct Grads { xt::xtensor<double, 2> dQ, dK, dV; };
xt::xtensor<double, 2> forward(const xt::xtensor<double, 2>& Q, const xt::xtensor<double, 2>& K,
                               const xt::xtensor<double, 2>& V, bool causal);
Grads backward(const xt::xtensor<double, 2>& Q, const xt::xtensor<double, 2>& K, const xt::xtensor<double, 2>& V,
               bool causal, const xt::xtensor<double, 2>& dOut);
}  // namespace drill::attention

namespace mldrill::runner {
template <>
struct Convert<drill::attention::Grads> {
  static void to(Values& out, const drill::attention::Grads& g) {
    Convert<xt::xtensor<double, 2>>::to(out, g.dQ);
    Convert<xt::xtensor<double, 2>>::to(out, g.dK);
    Convert<xt::xtensor<double, 2>>::to(out, g.dV);
  }
};
}  // namespace mldrill::runner

const mldrill::runner::Table& drill_table() {
  // Qualified: xtensor's types pull std::bind in through ADL.
  namespace r = mldrill::runner;
  namespace d = drill::attention;
  static const mldrill::runner::Table table = {
      {"forward", r::bind(&d::forward)},
      {"backward", r::bind(&d::backward)},
  };
  return table;
}
