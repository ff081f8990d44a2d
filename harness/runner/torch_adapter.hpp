// Wire <-> LibTorch conversions for the torch flavor. Inputs reach the candidate as fresh
// float64 (or int64) tensors, and are compared with what was sent after each call:
// `const torch::Tensor&` still allows in-place ops on shared storage. Outputs travel with
// their own dtype and shape, so the grader can say "expected float64, got float32".
// Autograd is off in this process: the backward pass is the drill.
#pragma once
#include <torch/torch.h>

#include <cstring>

#include "runner/bind.hpp"

namespace mldrill::runner {

// Grad mode is per thread and the runner calls the candidate on its main thread, where
// static initialisers run.
inline const bool autograd_off = (c10::GradMode::set_enabled(false), true);

inline std::string dtype_name(c10::ScalarType t) {
  switch (t) {
    case torch::kFloat64: return "float64";
    case torch::kFloat32: return "float32";
    case torch::kFloat16: return "float16";
    case torch::kBFloat16: return "bfloat16";
    case torch::kInt64: return "int64";
    case torch::kInt32: return "int32";
    case torch::kInt16: return "int16";
    case torch::kInt8: return "int8";
    case torch::kUInt8: return "uint8";
    case torch::kBool: return "bool";
    default: return c10::toString(t);
  }
}

inline std::vector<int64_t> shape_of(const torch::Tensor& x) { return {x.sizes().begin(), x.sizes().end()}; }

inline std::string ordinal(size_t index) {
  static const char* names[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"};
  return index < 8 ? names[index] : "#" + std::to_string(index + 1);
}

template <>
struct Convert<torch::Tensor> {
  static torch::Tensor from(Value& v) {
    if (auto* t = std::get_if<wire::Tensor>(&v))
      return torch::from_blob(t->data.data(), t->shape, torch::kFloat64).clone();
    if (auto* t = std::get_if<wire::IntTensor>(&v))
      return torch::from_blob(t->data.data(), t->shape, torch::kInt64).clone();
    throw BadRequest("expected a tensor");
  }

  // Integer dtypes travel as integer tensors, every other dtype as doubles labelled with
  // the dtype the candidate returned.
  static void to(Values& out, const torch::Tensor& x) {
    if (!x.defined()) throw ContractViolation("returned an undefined tensor (a default-constructed torch::Tensor)");
    if (x.is_complex()) throw ContractViolation("returned a complex tensor (" + dtype_name(x.scalar_type()) + ")");
    const bool integral = c10::isIntegralType(x.scalar_type(), /*includeBool=*/true);
    if (integral) {
      wire::IntTensor t;
      t.shape = shape_of(x);
      t.dtype = dtype_name(x.scalar_type());
      const torch::Tensor c = x.detach().to(torch::kCPU, torch::kInt64).contiguous();
      t.data.assign(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
      out.emplace_back(std::move(t));
    } else {
      wire::Tensor t;
      t.shape = shape_of(x);
      t.dtype = dtype_name(x.scalar_type());
      const torch::Tensor c = x.detach().to(torch::kCPU, torch::kFloat64).contiguous();
      t.data.assign(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
      out.emplace_back(std::move(t));
    }
  }

  // The argument as the candidate left it must equal what was sent (bitwise; NaN == NaN).
  static void check_unchanged(const torch::Tensor& after, const Value& before, size_t index) {
    auto complain = [&](const std::string& how) {
      throw ContractViolation("your code modified its " + ordinal(index) + " argument in place (" + how +
                              "): tensors share storage, so clone() before an in-place op (add_, mul_, "
                              "sub_, index_put_, ...)");
    };
    const bool is_int = std::holds_alternative<wire::IntTensor>(before);
    const auto& shape = is_int ? std::get<wire::IntTensor>(before).shape : std::get<wire::Tensor>(before).shape;
    if (shape_of(after) != shape) complain("its shape changed");
    if (after.scalar_type() != (is_int ? torch::kInt64 : torch::kFloat64)) complain("its dtype changed");
    const torch::Tensor c = after.contiguous();
    const void* now = c.data_ptr();
    const void* sent = is_int ? static_cast<const void*>(std::get<wire::IntTensor>(before).data.data())
                              : static_cast<const void*>(std::get<wire::Tensor>(before).data.data());
    if (std::memcmp(now, sent, static_cast<size_t>(c.numel()) * 8) != 0) complain("its values changed");
  }
};

}  // namespace mldrill::runner
