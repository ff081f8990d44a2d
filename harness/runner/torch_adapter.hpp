// Wire <-> LibTorch conversions for the torch flavor. Inputs reach the candidate as fresh
// float64 (or int64) tensors, and are compared with what was sent after each call:
// `const torch::Tensor&` still allows in-place ops on shared storage. Outputs travel with
// their own dtype and shape, so the grader can say "expected float64, got float32"; an
// integer result where the contract has floats (or the reverse) is refused here.
// Autograd is off in this process: the backward pass is the drill.
#pragma once
#include <torch/torch.h>

#include <cstring>
#include <utility>

#include "runner/bind.hpp"

namespace mldrill::runner {

inline const char* const kAutogradOff = "autograd is off in this drill: write the backward pass by hand";

// Every candidate call runs with grad mode off and the Autograd dispatch keys excluded from
// this thread's dispatch state, set afresh before each call whatever an earlier one left:
// no operation records a graph, so autograd reached by any route finds nothing to
// differentiate. After the call the state must be as it was set, and no returned tensor
// may carry a graph (checked in Convert::to).
inline Values autograd_guard(const Handler& call, Values& args) {
  using c10::impl::LocalDispatchKeySet;
  const LocalDispatchKeySet before = c10::impl::tls_local_dispatch_key_set();
  LocalDispatchKeySet off = before;
  off.included_ = before.included_ - c10::autograd_dispatch_keyset;
  off.excluded_ = before.excluded_ | c10::autograd_dispatch_keyset;
  c10::impl::_force_tls_local_dispatch_key_set(off);
  c10::GradMode::set_enabled(false);
  auto restore = [&] {
    c10::impl::_force_tls_local_dispatch_key_set(before);
    c10::GradMode::set_enabled(false);
  };
  Values out;
  try {
    out = call(args);
  } catch (const c10::Error& e) {
    restore();
    // What autograd says when it is reached but finds no graph: the guard held.
    if (std::string(e.what()).find("does not have a grad_fn") != std::string::npos)
      throw Forbidden(std::string(kAutogradOff) + " (autograd was called, and found no graph to differentiate)");
    throw;
  } catch (...) {
    restore();
    throw;
  }
  const LocalDispatchKeySet after = c10::impl::tls_local_dispatch_key_set();
  const bool changed = after.included_ != off.included_ || after.excluded_ != off.excluded_;
  const bool grad_on = c10::GradMode::is_enabled();
  restore();
  if (changed || grad_on)
    throw Forbidden(std::string(kAutogradOff) + (changed ? " (your code changed the dispatcher's thread-local keys)"
                                                         : " (your code turned grad mode on and left it on)"));
  return out;
}

inline const bool autograd_guarded = (set_call_guard(&autograd_guard), c10::GradMode::set_enabled(false), true);

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
    if (auto* t = std::get_if<wire::Tensor>(&v); t && t->dtype == wire::kUndefined) return torch::Tensor();
    if (auto* t = std::get_if<wire::Tensor>(&v))
      return torch::from_blob(t->data.data(), t->shape, torch::kFloat64).clone();
    if (auto* t = std::get_if<wire::IntTensor>(&v))
      return torch::from_blob(t->data.data(), t->shape, torch::kInt64).clone();
    throw BadRequest("expected a tensor");
  }

  // Integer dtypes travel as integer tensors, every other dtype as doubles labelled with
  // the dtype the candidate returned.
  // An undefined tensor travels as such (wire::kUndefined); the grader names it where a tensor was due.
  static void to(Values& out, const torch::Tensor& x) {
    if (!x.defined()) {
      wire::Tensor t;
      t.shape = {0};
      t.dtype = wire::kUndefined;
      out.emplace_back(std::move(t));
      return;
    }
    if (x.is_complex()) throw ContractViolation("returned a complex tensor (" + dtype_name(x.scalar_type()) + ")");
    if (x.grad_fn()) throw Forbidden(std::string(kAutogradOff) + " (a returned tensor carries an autograd graph)");
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
    if (!is_int && std::get<wire::Tensor>(before).dtype == wire::kUndefined) {
      if (after.defined()) complain("an undefined tensor was assigned");
      return;
    }
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

// The contract's kind of each output, in order: a float64 tensor (or number), or int64
// labels. The wire carries integer dtypes as integer tensors, other dtypes as doubles
// labelled with the dtype returned; float32 for float64 is left to the grader, which names it.
enum class Out { Float, Labels, Number };
// The names a drill's description uses (harness/runner/drills/<id>.def).
namespace output_kinds {
constexpr Out Float = Out::Float, Labels = Out::Labels, Number = Out::Number;
}
#define MLDRILL_CHECKS_OUTPUT_KINDS 1
struct OutputContract {
  Out kind;
  const char* what;  // "labels", "centroids": how the message names it
};

inline void check_output(const Value& v, const OutputContract& c) {
  auto refuse = [&](const std::string& got, const char* want) {
    throw ContractViolation("returned " + got + " " + c.what + "; the contract says " + want + " " + c.what);
  };
  if (auto* t = std::get_if<wire::Tensor>(&v); t && t->dtype == wire::kUndefined && c.kind != Out::Float)
    throw ContractViolation(std::string("returned an undefined tensor (a default-constructed torch::Tensor) as its ") +
                            c.what);
  if (c.kind == Out::Labels) {
    if (auto* t = std::get_if<wire::Tensor>(&v)) refuse(t->dtype, "int64");
    if (auto* t = std::get_if<wire::IntTensor>(&v); t && t->dtype != "int64") refuse(t->dtype, "int64");
  } else if (c.kind == Out::Float) {
    if (auto* t = std::get_if<wire::IntTensor>(&v)) refuse(t->dtype, "float64");
  }
}

// A handler whose outputs are checked against the contract's kinds, in order.
inline Handler with_outputs(Handler h, std::vector<OutputContract> contract) {
  return [h = std::move(h), contract = std::move(contract)](Values& args) {
    Values out = h(args);
    for (size_t i = 0; i < contract.size() && i < out.size(); ++i) check_output(out[i], contract[i]);
    return out;
  };
}

}  // namespace mldrill::runner
