// attention's trace: the softmax weights of plain and causal self-attention.
#include <fmt/format.h>

#include "cases/inputs.hpp"
#include "reference/attention.hpp"
#include "trace/common.hpp"

namespace mldrill::trace {

using nlohmann::json;

json attention() {
  constexpr int n = 12, d_k = 8, d_v = 4;
  cases::Draw draw(20261126);
  const Eigen::MatrixXd Q = draw.normal(n, d_k, 1.5), K = draw.normal(n, d_k), V = draw.normal(n, d_v);
  // The reference returns only softmax(S) V; with V = I (m × m) that product is softmax(S)
  // itself, exactly (each entry is one weight times 1 plus zeros).
  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(n, n);
  json weights = json::object(), output = json::object();
  for (const bool causal : {false, true}) {
    const char* name = causal ? "causal" : "plain";
    weights[name] = matrix_json(drill::attention::forward(Q, K, I, causal));
    output[name] = matrix_json(drill::attention::forward(Q, K, V, causal));
  }
  return {{"trace", "attention"},
          {"description",
           fmt::format("Scaled dot-product self-attention weights P = softmax(Q Kᵀ / √d_k) for {} tokens (d_k = {}, "
                       "seeded Q ~ N(0, 1.5²), K, V ~ N(0, 1)), plain and causal (token i attends to tokens ≤ i); "
                       "row i holds query i's weights over the keys, each row sums to 1.",
                       n, d_k)},
          {"Q", matrix_json(Q)},
          {"K", matrix_json(K)},
          {"V", matrix_json(V)},
          {"weights", weights},
          {"output", output}};
}

std::vector<TraceKind> traces_attention() {
  return {{"attention", "attention: softmax weight matrices of plain and causal self-attention", attention}};
}

}  // namespace mldrill::trace
