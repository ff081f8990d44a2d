// Turns a candidate function pointer into a wire handler (bind, below): each parameter is
// decoded with Convert<T>::from, the result encoded with Convert<R>::to. Flavors specialise
// Convert for their types; a drill's structs travel field by field (Fields).
#pragma once
#include <map>
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
// Randomness reaches the candidate as a generator seeded by the grader: an int64 seed is a
// fresh engine for this call; a wire::Engine is the engine this process keeps under its
// handle (created from its seed at first use), continued from where the last call left it.
// After the call the engine the candidate was handed is stored back (write_back), so a
// candidate that advanced its `std::mt19937_64&` leaves the next call a fresh stretch of the
// stream, and one that drew from a copy leaves the stored engine where it was.
inline std::map<int64_t, std::mt19937_64>& kept_engines() {
  static std::map<int64_t, std::mt19937_64> engines;
  return engines;
}
template <>
struct Convert<std::mt19937_64> {
  static std::mt19937_64 from(Value& v) {
    if (auto* e = std::get_if<wire::Engine>(&v))
      return kept_engines().try_emplace(e->handle, std::mt19937_64(e->seed)).first->second;
    return std::mt19937_64(static_cast<uint64_t>(expect<int64_t>(v, "a seed or an engine")));
  }
  static void write_back(const std::mt19937_64& after, const Value& sent) {
    if (auto* e = std::get_if<wire::Engine>(&sent)) kept_engines()[e->handle] = after;
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

// A struct of the contract travels as its fields, in order, one wire value each
// (logreg's Gradient as dw then db). Its drill's description (harness/runner/drills/<id>.def)
// lists them with MLDRILL_STRUCT, which specialises Fields.
template <class T>
struct Fields;  // template <class S> static auto tie(S& s) -> std::tuple<field&...>

template <class T, class = void>
struct is_struct : std::false_type {};
template <class T>
struct is_struct<T, std::void_t<decltype(Fields<T>::tie(std::declval<T&>()))>> : std::true_type {};

// The request's values, taken in order by the parameters that read them.
class Reader {
 public:
  explicit Reader(Values& args) : args_(args) {}
  Value& take() {
    if (next_ >= args_.size()) throw BadRequest("wrong number of arguments (too few)");
    return args_[next_++];
  }
  size_t position() const { return next_; }
  void finish() const {
    if (next_ != args_.size()) throw BadRequest("wrong number of arguments (too many)");
  }

 private:
  Values& args_;
  size_t next_ = 0;
};

// A type that travels as several wire values without being a struct (a map as its keys, then its
// values) gives its Convert `static T read(Reader&)` and `static constexpr size_t values`.
template <class T, class = void>
struct reads_several : std::false_type {};
template <class T>
struct reads_several<T, std::void_t<decltype(Convert<T>::read(std::declval<Reader&>()))>> : std::true_type {};

template <class T>
T read(Reader& r) {
  if constexpr (reads_several<T>::value) {
    return Convert<T>::read(r);
  } else if constexpr (is_struct<T>::value) {
    T s{};
    std::apply([&](auto&... field) { ((field = read<std::decay_t<decltype(field)>>(r)), ...); }, Fields<T>::tie(s));
    return s;
  } else {
    return Convert<T>::from(r.take());
  }
}

template <class T>
void write(Values& out, const T& x) {
  if constexpr (is_struct<T>::value) {
    std::apply([&](const auto&... field) { (write(out, field), ...); }, Fields<T>::tie(x));
  } else {
    Convert<T>::to(out, x);
  }
}

// An input the candidate received by const reference must come back as it was sent
// (flavors whose Convert has check_unchanged: torch). `wire_at` walks the request's values;
// a message names the C++ parameter (`param`, from 0), a struct's fields being parts of it.
template <class T>
void check_input(const T& after, const Values& args, size_t& wire_at, size_t param) {
  if constexpr (is_struct<T>::value) {
    std::apply([&](const auto&... field) { (check_input(field, args, wire_at, param), ...); }, Fields<T>::tie(after));
  } else if constexpr (reads_several<T>::value) {
    wire_at += Convert<T>::values;  // read into a copy: nothing to check
  } else {
    check_unchanged(after, args[wire_at], param);
    ++wire_at;
  }
}

// Parameter kinds: `const T&` is an input (checked unchanged after the call); a non-const
// `T&` that can travel back (Convert::to, or a struct) is an out-parameter: it arrives as
// the grader sent it (sized, NaN-filled) and is returned after the result, in order (mlp's
// Grads&). A `std::mt19937_64&` is a generator seeded by the grader, neither: a kept engine
// (wire::Engine) is written back to the runner's keeping after the call.
template <class A>
constexpr bool is_const_ref = std::is_lvalue_reference_v<A> && std::is_const_v<std::remove_reference_t<A>>;

template <class T, class = void>
struct can_return : std::false_type {};
template <class T>
struct can_return<T, std::void_t<decltype(Convert<T>::to(std::declval<Values&>(), std::declval<const T&>()))>>
    : std::true_type {};

template <class A>
constexpr bool is_out_param = std::is_lvalue_reference_v<A> && !std::is_const_v<std::remove_reference_t<A>> &&
                              (is_struct<std::decay_t<A>>::value || can_return<std::decay_t<A>>::value);

// A non-const `T&` whose Convert has write_back(after, sent) hands the value the candidate
// left back to the runner's keeping (a kept std::mt19937_64), instead of to the grader.
template <class T, class = void>
struct writes_back : std::false_type {};
template <class T>
struct writes_back<T, std::void_t<decltype(Convert<T>::write_back(std::declval<const T&>(),
                                                                  std::declval<const Value&>()))>>
    : std::true_type {};

template <class R, class... A, size_t... I>
Values call_with(R (*fn)(A...), Values& args, std::index_sequence<I...>) {
  Reader reader(args);
  size_t starts[sizeof...(A) + 1] = {};
  // Braced initialisation reads the parameters left to right.
  std::tuple<std::decay_t<A>...> in{(starts[I] = reader.position(), read<std::decay_t<A>>(reader))...};
  reader.finish();
  Values out;
  if constexpr (std::is_void_v<R>) {
    fn(std::get<I>(in)...);
  } else {
    write(out, fn(std::get<I>(in)...));
  }
  auto after_call = [&](auto index, const auto& value) {
    using Arg = std::tuple_element_t<decltype(index)::value, std::tuple<A...>>;
    if constexpr (is_out_param<Arg>) {
      write(out, value);
    } else if constexpr (writes_back<std::decay_t<Arg>>::value && std::is_lvalue_reference_v<Arg> &&
                         !is_const_ref<Arg>) {
      Convert<std::decay_t<Arg>>::write_back(value, args[starts[decltype(index)::value]]);
    } else if constexpr (is_const_ref<Arg>) {
      size_t at = starts[decltype(index)::value];
      check_input(value, args, at, decltype(index)::value);
    }
  };
  (after_call(std::integral_constant<size_t, I>{}, std::get<I>(in)), ...);
  return out;
}

// Turns a candidate function pointer into a wire handler: each parameter is read from the
// request (a struct from several values), the result and out-parameters written back.
template <class R, class... A>
Handler bind(R (*fn)(A...)) {
  return [fn](Values& args) -> Values { return call_with(fn, args, std::index_sequence_for<A...>{}); };
}

}  // namespace mldrill::runner
