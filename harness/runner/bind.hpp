// Turns a candidate function pointer into a wire handler: each argument is decoded with
// Convert<T>::from, the result encoded with Convert<R>::to. Flavors specialise Convert for
// their types; exercises specialise it for their result structs.
#pragma once
#include <random>
#include <tuple>
#include <type_traits>
#include <utility>

#include "runner/serve.hpp"

namespace mldrill::runner {

template <class T, class Enable = void>
struct Convert;  // static T from(Value&); static void to(Values&, const T&)

template <class T>
T& expect(Value& v, const char* what) {
  if (auto* p = std::get_if<T>(&v)) return *p;
  throw BadRequest(std::string("expected ") + what);
}

template <>
struct Convert<double> {
  static double from(Value& v) { return expect<double>(v, "a double"); }
  static void to(Values& out, double x) { out.emplace_back(x); }
};
template <>
struct Convert<int> {
  static int from(Value& v) { return static_cast<int>(expect<int64_t>(v, "an integer")); }
  static void to(Values& out, int x) { out.emplace_back(int64_t(x)); }
};
template <>
struct Convert<bool> {
  static bool from(Value& v) { return expect<bool>(v, "a bool"); }
  static void to(Values& out, bool x) { out.emplace_back(x); }
};
// Randomness reaches the candidate as a generator seeded by the grader.
template <>
struct Convert<std::mt19937_64> {
  static std::mt19937_64 from(Value& v) {
    return std::mt19937_64(static_cast<uint64_t>(expect<int64_t>(v, "a seed")));
  }
};

// A flavor whose arguments the candidate can modify through a const reference (torch
// tensors share storage) gives its Convert a check_unchanged(after, before_wire, index)
// that throws ContractViolation; the others need nothing.
template <class T, class = void>
struct checks_inputs : std::false_type {};
template <class T>
struct checks_inputs<T, std::void_t<decltype(Convert<T>::check_unchanged(std::declval<const T&>(),
                                                                          std::declval<const Value&>(), size_t{}))>>
    : std::true_type {};

template <class T>
void check_unchanged(const T& after, const Value& before, size_t index) {
  if constexpr (checks_inputs<T>::value) Convert<T>::check_unchanged(after, before, index);
}

template <class R, class... A, size_t... I>
Values call_with(R (*fn)(A...), Values& args, std::index_sequence<I...>) {
  std::tuple<std::decay_t<A>...> in{Convert<std::decay_t<A>>::from(args[I])...};
  Values out;
  if constexpr (std::is_void_v<R>) {
    fn(std::get<I>(in)...);
  } else {
    Convert<std::decay_t<R>>::to(out, fn(std::get<I>(in)...));
  }
  (check_unchanged(std::get<I>(in), args[I], I), ...);
  return out;
}

template <class R, class... A>
Handler bind(R (*fn)(A...)) {
  return [fn](Values& args) -> Values {
    if (args.size() != sizeof...(A)) throw BadRequest("wrong number of arguments");
    return call_with(fn, args, std::index_sequence_for<A...>{});
  };
}

}  // namespace mldrill::runner
