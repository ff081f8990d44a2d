// The torch flavor's symbol rules, as configured (CMakeLists.txt): every known route to
// autograd is refused by the name it imports, and what correct solutions import is not.
#include <catch2/catch.hpp>

#include "catalog/catalog.hpp"
#include "compile/symbol_rules.hpp"
#include "compile/toolchain.hpp"

using namespace mldrill;

namespace {

const std::vector<std::string>* torch_rules() {
  const auto& flavors = compile::toolchain().flavors;
  auto it = flavors.find("torch");
  return it == flavors.end() ? nullptr : &it->second.forbidden_symbols;
}

}  // namespace

TEST_CASE("Rule forms: exact, contains, prefix, and exceptions first", "[symbols]") {
  const std::vector<std::string> rules = {"=dlsym", "*::redispatch(", "torch::jit::", "c10::impl::",
                                          "!c10::impl::ExcludeDispatchKeyGuard"};
  CHECK(compile::refused("dlsym", rules));
  CHECK_FALSE(compile::refused("dlsym_helper", rules));
  CHECK(compile::refused("at::_ops::add_Tensor::redispatch(c10::DispatchKeySet, at::Tensor const&)", rules));
  CHECK(compile::refused("vtable for torch::jit::Module", rules));
  CHECK(compile::refused("c10::impl::tls_set_dispatch_key_excluded(c10::DispatchKey, bool)", rules));
  CHECK_FALSE(compile::refused("c10::impl::ExcludeDispatchKeyGuard::~ExcludeDispatchKeyGuard()", rules));
  const std::string nm = "                 U memcpy\n                 U dlsym\n                 w __gmon_start__\n";
  REQUIRE(compile::first_refused(nm, rules).has_value());
  CHECK(*compile::first_refused(nm, rules) == "dlsym");
}

TEST_CASE("The torch flavor refuses every route to autograd by the name it imports", "[symbols]") {
  const auto* rules = torch_rules();
  if (!rules) {
    WARN("no torch flavor in this build");
    return;
  }
  for (const char* route : {
           "at::_ops::_backward::call(at::Tensor const&, c10::ArrayRef<at::Tensor>, c10::optional<at::Tensor> const&, "
           "c10::optional<bool>, bool)",
           "torch::autograd::grad(std::vector<at::Tensor, std::allocator<at::Tensor> > const&)",
           "torch::autograd::backward(std::vector<at::Tensor, std::allocator<at::Tensor> > const&)",
           "vtable for torch::autograd::Node",
           "torch::jit::compile(std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> > const&)",
           "c10::Dispatcher::realSingleton()",
           "c10::Dispatcher::findSchemaOrThrow(char const*, char const*)",
           "at::_ops::_backward::redispatch(c10::DispatchKeySet, at::Tensor const&)",
           "at::_ops::mul_Tensor::redispatch(c10::DispatchKeySet, at::Tensor const&, at::Tensor const&)",
           "c10::impl::tls_set_dispatch_key_excluded(c10::DispatchKey, bool)",
           "c10::impl::_force_tls_local_dispatch_key_set(c10::impl::LocalDispatchKeySet)",
           "c10::impl::raw_local_dispatch_key_set",
           "at::ThreadLocalState::setThreadLocalState(at::ThreadLocalState const&)",
           "c10::AutogradState::set_tls_state(c10::AutogradState)",
           "dlopen", "dlsym", "dlvsym", "dladdr", "dl_iterate_phdr", "getauxval", "_r_debug",
       }) {
    INFO(route);
    CHECK(compile::refused(route, *rules));
  }
}

TEST_CASE("What correct torch solutions import passes the rules", "[symbols]") {
  const auto* rules = torch_rules();
  if (!rules) return;
  // Imports of reference/torch/*.cpp (nm -u -C) in the namespaces the rules cover.
  for (const char* ok : {
           "c10::impl::ExcludeDispatchKeyGuard::ExcludeDispatchKeyGuard(c10::DispatchKeySet)",
           "c10::impl::ExcludeDispatchKeyGuard::~ExcludeDispatchKeyGuard()",
           "vtable for torch::autograd::AutogradMeta",
           "at::_ops::matmul::call(at::Tensor const&, at::Tensor const&)",
           "c10::GradMode::set_enabled(bool)",  // torch::NoGradGuard: harmless, autograd is off anyway
           "c10::TensorImpl::set_autograd_meta(std::unique_ptr<c10::AutogradMetaInterface, "
           "std::default_delete<c10::AutogradMetaInterface> >)",
           "__dso_handle", "memcpy", "sqrt",
       }) {
    INFO(ok);
    CHECK_FALSE(compile::refused(ok, *rules));
  }
}

// A drill's own refusals (exercise.json "refused"): layernorm's torch rules refuse every call
// that computes the normalisation in one go, and none of the building blocks a solution uses.
TEST_CASE("layernorm refuses torch::layer_norm and the norms that compute it, not its building blocks",
          "[symbols][layernorm]") {
  const auto& refused = catalog::exercise("layernorm").refused;
  REQUIRE(refused.count("torch") == 1);
  const std::vector<std::string>& rules = refused.at("torch").symbols;
  CHECK(refused.count("eigen") == 0);
  for (const char* call : {
           "at::_ops::layer_norm::call(at::Tensor const&, c10::ArrayRef<long>, c10::optional<at::Tensor> const&, "
           "c10::optional<at::Tensor> const&, double, bool)",
           "at::_ops::native_layer_norm::call(at::Tensor const&, c10::ArrayRef<c10::SymInt>, "
           "c10::optional<at::Tensor> const&, c10::optional<at::Tensor> const&, double)",
           "at::_ops::native_layer_norm_backward::call(at::Tensor const&, at::Tensor const&)",
           "at::native::layer_norm(at::Tensor const&, c10::ArrayRef<long>, c10::optional<at::Tensor> const&, "
           "c10::optional<at::Tensor> const&, double, bool)",
           "at::_ops::group_norm::call(at::Tensor const&, long, c10::optional<at::Tensor> const&, "
           "c10::optional<at::Tensor> const&, double, bool)",
           "at::_ops::instance_norm::call(at::Tensor const&)", "at::_ops::batch_norm::call(at::Tensor const&)",
           "torch::nn::LayerNormImpl::forward(at::Tensor const&)",
           "torch::nn::LayerNormImpl::LayerNormImpl(torch::nn::LayerNormOptions const&)",
           "vtable for torch::nn::LayerNormImpl"})
    CHECK(compile::refused(call, rules));
  for (const char* block : {"at::_ops::mean_dim::call(at::Tensor const&, c10::OptionalArrayRef<long>, bool, "
                            "c10::optional<c10::ScalarType>)",
                            "at::_ops::var_mean_correction::call(at::Tensor const&)", "at::_ops::rsqrt::call(at::Tensor const&)",
                            "at::_ops::linalg_vector_norm::call(at::Tensor const&)", "at::_ops::norm_ScalarOpt_dim::call()",
                            "at::_ops::sum_dim_IntList::call(at::Tensor const&)"})
    CHECK_FALSE(compile::refused(block, rules));
}

// optimizers' torch rules (exercise.json "refused"): every torch::optim class and the fused /
// foreach kernels are refused; the element-wise ops a hand-written step uses are not.
TEST_CASE("optimizers refuses torch::optim and the fused and foreach kernels, not sqrt, mul, add or addcdiv",
          "[symbols][optimizers]") {
  const auto& refused = catalog::exercise("optimizers").refused;
  REQUIRE(refused.count("torch") == 1);
  const std::vector<std::string>& rules = refused.at("torch").symbols;
  CHECK(refused.count("eigen") == 0);
  CHECK(refused.count("xtensor") == 0);
  for (const char* call : {
           "torch::optim::Adam::step(std::function<at::Tensor ()>)",
           "torch::optim::AdamOptions::AdamOptions(double)",
           "torch::optim::AdamW::step(std::function<at::Tensor ()>)",
           "torch::optim::SGD::SGD(std::vector<at::Tensor, std::allocator<at::Tensor> >, torch::optim::SGDOptions)",
           "torch::optim::RMSprop::step(std::function<at::Tensor ()>)",
           "torch::optim::Adagrad::step(std::function<at::Tensor ()>)",
           "torch::optim::Optimizer::zero_grad()",
           "vtable for torch::optim::Adam",
           "typeinfo for torch::optim::SGDParamState",
           "at::_ops::_fused_adam_::call(c10::ArrayRef<at::Tensor>, c10::ArrayRef<at::Tensor>, double, bool)",
           "at::_ops::_fused_adamw::call(c10::ArrayRef<at::Tensor>)",
           "at::_ops::_foreach_add__Scalar::call(c10::ArrayRef<at::Tensor>, c10::Scalar const&)",
           "at::_ops::_foreach_addcdiv__Scalar::call(c10::ArrayRef<at::Tensor>, c10::ArrayRef<at::Tensor>)",
           "at::_ops::_foreach_sqrt::call(c10::ArrayRef<at::Tensor>)"})
    CHECK(compile::refused(call, rules));
  for (const char* block : {"at::_ops::sqrt::call(at::Tensor const&)",
                            "at::_ops::mul_Tensor::call(at::Tensor const&, at::Tensor const&)",
                            "at::_ops::mul__Scalar::call(at::Tensor&, c10::Scalar const&)",
                            "at::_ops::add_Tensor::call(at::Tensor const&, at::Tensor const&, c10::Scalar const&)",
                            "at::_ops::add__Tensor::call(at::Tensor&, at::Tensor const&, c10::Scalar const&)",
                            "at::_ops::addcdiv_::call(at::Tensor&, at::Tensor const&, at::Tensor const&, c10::Scalar const&)",
                            "at::_ops::addcmul_::call(at::Tensor&, at::Tensor const&, at::Tensor const&, c10::Scalar const&)",
                            "at::_ops::zeros_like::call(at::Tensor const&)",
                            "at::_ops::pow_Tensor_Scalar::call(at::Tensor const&, c10::Scalar const&)"})
    CHECK_FALSE(compile::refused(block, rules));
}

// batchnorm's torch rules refuse torch::batch_norm, the kernels and modules below and beside it
// (a layer/group/instance norm of the transposed input computes the same numbers), and none of
// the building blocks a hand-written solution imports.
TEST_CASE("batchnorm refuses torch::batch_norm, native_batch_norm and BatchNorm1d, not mean/var/sum/rsqrt",
          "[symbols][batchnorm]") {
  const auto& refused = catalog::exercise("batchnorm").refused;
  REQUIRE(refused.count("torch") == 1);
  CHECK(refused.count("eigen") == 0);
  CHECK(refused.count("xtensor") == 0);
  const std::vector<std::string>& rules = refused.at("torch").symbols;
  for (const char* call : {
           "at::_ops::batch_norm::call(at::Tensor const&, c10::optional<at::Tensor> const&, c10::optional<at::Tensor> "
           "const&, c10::optional<at::Tensor> const&, c10::optional<at::Tensor> const&, bool, double, double, bool)",
           "at::_ops::native_batch_norm::call(at::Tensor const&, c10::optional<at::Tensor> const&, "
           "c10::optional<at::Tensor> const&, c10::optional<at::Tensor> const&, c10::optional<at::Tensor> const&, "
           "bool, double, double)",
           "at::_ops::native_batch_norm_backward::call(at::Tensor const&, at::Tensor const&)",
           "at::_ops::_native_batch_norm_legit::call(at::Tensor const&)",
           "at::_ops::batch_norm_stats::call(at::Tensor const&, double)",
           "at::native::batch_norm(at::Tensor const&)",
           "torch::nn::BatchNorm1dImpl::forward(at::Tensor const&)",
           "torch::nn::BatchNormImplBase<1ul, torch::nn::BatchNorm1dImpl>::reset()",
           "vtable for torch::nn::BatchNorm1dImpl",
           "typeinfo for torch::nn::BatchNorm1dImpl",
           "at::_ops::layer_norm::call(at::Tensor const&)", "at::_ops::instance_norm::call(at::Tensor const&)",
           "at::_ops::group_norm::call(at::Tensor const&)", "torch::nn::LayerNormImpl::forward(at::Tensor const&)"})
    CHECK(compile::refused(call, rules));
  for (const char* block : {"at::_ops::mean_dim::call(at::Tensor const&, c10::OptionalArrayRef<long>, bool, "
                            "c10::optional<c10::ScalarType>)",
                            "at::_ops::var_correction::call(at::Tensor const&)",
                            "at::_ops::var_mean_correction::call(at::Tensor const&)",
                            "at::_ops::sum_dim_IntList::call(at::Tensor const&)",
                            "at::_ops::rsqrt::call(at::Tensor const&)", "at::_ops::sqrt::call(at::Tensor const&)",
                            "at::_ops::pow_Tensor_Scalar::call(at::Tensor const&, c10::Scalar const&)",
                            "at::_ops::mul_Tensor::call(at::Tensor const&, at::Tensor const&)"})
    CHECK_FALSE(compile::refused(block, rules));
}

// dropout's torch rules refuse every call that draws and applies the mask in one go, and none of
// the building blocks a solution uses (torch::rand and torch::bernoulli are graded by behaviour:
// they draw from torch's generator, not rng, and fail the same-seed check).
TEST_CASE("dropout refuses torch::dropout and its relatives, not rand, bernoulli or from_blob", "[symbols][dropout]") {
  const auto& refused = catalog::exercise("dropout").refused;
  REQUIRE(refused.count("torch") == 1);
  const std::vector<std::string>& rules = refused.at("torch").symbols;
  CHECK(refused.count("eigen") == 0);
  CHECK(refused.count("xtensor") == 0);
  for (const char* call : {"at::_ops::dropout::call(at::Tensor const&, double, bool)",
                           "at::_ops::dropout_::call(at::Tensor&, double, bool)",
                           "at::_ops::native_dropout::call(at::Tensor const&, double, c10::optional<bool>)",
                           "at::_ops::native_dropout_backward::call(at::Tensor const&, at::Tensor const&, double)",
                           "at::_ops::feature_dropout::call(at::Tensor const&, double, bool)",
                           "at::_ops::alpha_dropout::call(at::Tensor const&, double, bool)",
                           "at::_ops::feature_alpha_dropout::call(at::Tensor const&, double, bool)",
                           "at::_ops::_fused_dropout::call(at::Tensor const&, double, c10::optional<at::Generator>)",
                           "at::native::dropout(at::Tensor const&, double, bool)",
                           "torch::nn::DropoutImpl::forward(at::Tensor)",
                           "torch::nn::DropoutImpl::DropoutImpl(torch::nn::DropoutOptions const&)",
                           "vtable for torch::nn::DropoutImpl", "torch::nn::AlphaDropoutImpl::forward(at::Tensor const&)"})
    CHECK(compile::refused(call, rules));
  for (const char* block : {"at::_ops::rand::call(c10::ArrayRef<c10::SymInt>, c10::optional<c10::ScalarType>)",
                            "at::_ops::bernoulli::call(at::Tensor const&, c10::optional<at::Generator>)",
                            "at::_ops::bernoulli_p::call(at::Tensor const&, double, c10::optional<at::Generator>)",
                            "at::_ops::mul_Tensor::call(at::Tensor const&, at::Tensor const&)",
                            "at::_ops::where_self::call(at::Tensor const&, at::Tensor const&, at::Tensor const&)",
                            "at::from_blob(void*, c10::ArrayRef<long>, c10::TensorOptions const&)",
                            "drill::dropout::forward(at::Tensor const&, double, bool, std::mersenne_twister_engine<"
                            "unsigned long, 64ul, 312ul, 156ul, 31ul, 13043109905998158313ul, 29ul, 6148914691236517205ul, "
                            "17ul, 8202884508482404352ul, 37ul, 18444473444759240704ul, 43ul, 6364136223846793005ul>&)"})
    CHECK_FALSE(compile::refused(block, rules));
}
