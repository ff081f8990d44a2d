// Adapter: the attention functions of a torch candidate, served over the wire.
// The contract's types, as exercises/attention/stubs/torch.cpp declares them; bind checks
// that every tensor the candidate received by const reference comes back unchanged.
#include "runner/torch_adapter.hpp"

namespace drill::attention {
struct Grads { torch::Tensor dQ, dK, dV; };
torch::Tensor forward(const torch::Tensor& Q, const torch::Tensor& K, const torch::Tensor& V, bool causal);
Grads backward(const torch::Tensor& Q, const torch::Tensor& K, const torch::Tensor& V, bool causal,
               const torch::Tensor& dOut);
}  // namespace drill::attention

namespace mldrill::runner {
template <>
struct Convert<drill::attention::Grads> {
  static void to(Values& out, const drill::attention::Grads& g) {
    Convert<torch::Tensor>::to(out, g.dQ);
    Convert<torch::Tensor>::to(out, g.dK);
    Convert<torch::Tensor>::to(out, g.dV);
  }
};
}  // namespace mldrill::runner

const mldrill::runner::Table& drill_table() {
  // Qualified: LibTorch's types pull std::bind in through ADL.
  namespace r = mldrill::runner;
  namespace d = drill::attention;
  static const mldrill::runner::Table table = {
      {"forward", r::with_outputs(r::bind(&d::forward), {{r::Out::Float, "output"}})},
      {"backward", r::with_outputs(r::bind(&d::backward),
                                   {{r::Out::Float, "dQ"}, {r::Out::Float, "dK"}, {r::Out::Float, "dV"}})},
  };
  return table;
}
