// Framed binary messages between the grader (parent) and the candidate's process (child).
// Header-only and standard-library-only: it is compiled into every candidate runner.
#pragma once
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace mldrill::wire {

// A dense tensor of doubles or of integers, row-major. `dtype` names what the candidate
// returned (e.g. "float32" from a torch candidate) when it differs from what was asked.
// dtype kUndefined (shape {0}, no data) is a tensor that is not there: a contract's "empty"
// state vector, which reaches a torch candidate as an undefined torch::Tensor and comes back
// from it the same way; the other flavors read it as an empty vector.
inline constexpr const char* kUndefined = "undefined";
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<double> data;
  std::string dtype = "float64";
};
struct IntTensor {
  std::vector<int64_t> shape;
  std::vector<int64_t> data;
  std::string dtype = "int64";
};
// A list (rank 1) or a list of lists (rank 2, rows of any lengths) of strings or of
// integers: what a tensor cannot hold (tokenized text, rankings of different lengths).
// Rank 2 keeps its items flat, row after row; `rows` holds each row's length.
struct List {
  bool nested = false;               // rank 2
  bool of_strings = true;            // items are `strings`, else `ints`
  std::vector<int64_t> rows;         // rank 2: each row's length, summing to the item count
  std::vector<std::string> strings;
  std::vector<int64_t> ints;

  size_t size() const { return of_strings ? strings.size() : ints.size(); }
  // Row r's items [begin, end) in the flat vector (rank 2).
  std::pair<size_t, size_t> row_span(size_t r) const {
    size_t begin = 0;
    for (size_t i = 0; i < r; ++i) begin += static_cast<size_t>(rows[i]);
    return {begin, begin + static_cast<size_t>(rows[r])};
  }
};

inline List string_list(std::vector<std::string> items) {
  List l;
  l.strings = std::move(items);
  return l;
}
inline List int_list(std::vector<int64_t> items) {
  List l;
  l.of_strings = false;
  l.ints = std::move(items);
  return l;
}
template <class Row>
List nested_list(const std::vector<Row>& rows_in) {
  List l;
  l.nested = true;
  l.of_strings = std::is_same_v<typename Row::value_type, std::string>;
  for (const auto& row : rows_in) {
    l.rows.push_back(static_cast<int64_t>(row.size()));
    for (const auto& x : row) {
      if constexpr (std::is_same_v<typename Row::value_type, std::string>) l.strings.push_back(x);
      else l.ints.push_back(static_cast<int64_t>(x));
    }
  }
  return l;
}

// A random engine the candidate's process keeps across calls (a `std::mt19937_64&` parameter):
// the runner creates engine `handle` from `seed` at its first use and continues it, as the
// candidate's calls left it, at every later use in the same process. A plain int64 seed for
// such a parameter means a fresh engine each call. Handles are the grader's choice.
struct Engine {
  int64_t handle = 0;
  uint64_t seed = 0;
};

using Value = std::variant<double, int64_t, bool, std::string, Tensor, IntTensor, List, Engine>;
using Values = std::vector<Value>;

// Frame kinds. A request carries {function name, args...}; a reply {status, message,
// outputs...}; a crash report {signal, description, return addresses}.
enum class Frame : uint32_t { Request = 0x4d445251, Reply = 0x4d445253, Crash = 0x4d444352 };
enum class Status : int64_t {
  Ok = 0,
  NotImplemented = 1,  // the stub's "not implemented" logic_error
  Exception = 2,       // any other exception; message = "<type>: <what>"
  OutOfMemory = 3,     // std::bad_alloc
  BadRequest = 4,      // the adapter could not decode or encode (grader bug or shape misuse)
  Contract = 5,        // the call broke the contract the adapter checks (input modified, bad output)
  Forbidden = 6,       // the call used what the drill forbids (autograd in the torch flavor)
};
inline constexpr int64_t kLastStatus = 6;

// A request for this function is answered Ok with nothing by every runner, before any
// candidate code: the grader sends it once to wait out the process's start (loading
// LibTorch takes ~0.4 s), so the first case's time is the candidate's own.
inline constexpr const char* kReadyFunction = "__mldrill_ready";

// Header: u32 frame kind, u32 request id (a reply echoes its request's), u64 payload length.
constexpr uint32_t kHeaderBytes = 16;
constexpr uint64_t kMaxPayload = 1ull << 30;
// More values than any function takes or returns: a frame with more is refused before a
// flood of tiny values (2 bytes each) can cost the reader ~40 times its size in memory.
constexpr size_t kMaxValues = 64;

class ProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// ---- encoding ----
class Writer {
 public:
  void u8(uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void i64(int64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void str(const std::string& s) {
    i64(static_cast<int64_t>(s.size()));
    buf_.append(s);
  }
  void raw(const void* p, size_t n) { buf_.append(static_cast<const char*>(p), n); }
  void value(const Value& v);
  std::string frame(Frame kind, uint32_t id = 0) const {
    std::string out(kHeaderBytes, '\0');
    uint32_t k = static_cast<uint32_t>(kind);
    uint64_t n = buf_.size();
    std::memcpy(out.data(), &k, 4);
    std::memcpy(out.data() + 4, &id, 4);
    std::memcpy(out.data() + 8, &n, 8);
    return out + buf_;
  }

 private:
  std::string buf_;
};

enum class Tag : uint8_t { F64 = 1, I64 = 2, Bool = 3, Str = 4, Tensor = 5, IntTensor = 6, List = 7, Engine = 8 };

inline void write_shape(Writer& w, const std::vector<int64_t>& shape) {
  w.i64(static_cast<int64_t>(shape.size()));
  for (int64_t d : shape) w.i64(d);
}

inline void Writer::value(const Value& v) {
  if (auto* d = std::get_if<double>(&v)) { u8(uint8_t(Tag::F64)); f64(*d); }
  else if (auto* i = std::get_if<int64_t>(&v)) { u8(uint8_t(Tag::I64)); i64(*i); }
  else if (auto* b = std::get_if<bool>(&v)) { u8(uint8_t(Tag::Bool)); u8(*b ? 1 : 0); }
  else if (auto* s = std::get_if<std::string>(&v)) { u8(uint8_t(Tag::Str)); str(*s); }
  else if (auto* t = std::get_if<Tensor>(&v)) {
    u8(uint8_t(Tag::Tensor)); str(t->dtype); write_shape(*this, t->shape);
    raw(t->data.data(), t->data.size() * sizeof(double));
  } else if (auto* t = std::get_if<IntTensor>(&v)) {
    u8(uint8_t(Tag::IntTensor)); str(t->dtype); write_shape(*this, t->shape);
    raw(t->data.data(), t->data.size() * sizeof(int64_t));
  } else if (auto* l = std::get_if<List>(&v)) {
    // flags (1: rank 2, 2: strings), [row count, row lengths], item count, items
    u8(uint8_t(Tag::List)); u8(uint8_t((l->nested ? 1 : 0) | (l->of_strings ? 2 : 0)));
    if (l->nested) {
      i64(static_cast<int64_t>(l->rows.size()));
      for (int64_t r : l->rows) i64(r);
    }
    i64(static_cast<int64_t>(l->size()));
    if (l->of_strings) for (const auto& x : l->strings) str(x);
    else raw(l->ints.data(), l->ints.size() * sizeof(int64_t));
  } else if (auto* e = std::get_if<Engine>(&v)) {
    u8(uint8_t(Tag::Engine)); i64(e->handle); i64(static_cast<int64_t>(e->seed));
  }
}

inline std::string encode(Frame kind, const Values& values, uint32_t id = 0) {
  Writer w;
  for (const Value& v : values) w.value(v);
  return w.frame(kind, id);
}

// ---- decoding ----
class Reader {
 public:
  explicit Reader(const std::string& payload) : p_(payload.data()), end_(p_ + payload.size()) {}
  bool done() const { return p_ == end_; }
  void take(void* out, size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) throw ProtocolError("truncated message");
    std::memcpy(out, p_, n);
    p_ += n;
  }
  uint8_t u8() { uint8_t v; take(&v, 1); return v; }
  int64_t i64() { int64_t v; take(&v, 8); return v; }
  double f64() { double v; take(&v, 8); return v; }
  std::string str() {
    int64_t n = i64();
    if (n < 0 || n > end_ - p_) throw ProtocolError("bad string length");
    std::string s(p_, static_cast<size_t>(n));
    p_ += n;
    return s;
  }
  std::vector<int64_t> shape(size_t& count) {
    int64_t rank = i64();
    if (rank < 0 || rank > 8) throw ProtocolError("bad tensor rank");
    std::vector<int64_t> s(static_cast<size_t>(rank));
    for (auto& d : s) {
      d = i64();
      if (d < 0 || d > (int64_t(1) << 32)) throw ProtocolError("bad tensor dimension");
    }
    // Multiplied with a bound at every step: dimensions whose product overflows must not
    // pass as a small tensor whose shape promises more data than it carries.
    const size_t room = static_cast<size_t>(end_ - p_) / 8;
    count = 1;
    for (int64_t d : s) {
      if (d == 0) { count = 0; break; }
      if (count > room / static_cast<size_t>(d)) throw ProtocolError("truncated tensor");
      count *= static_cast<size_t>(d);
    }
    return s;
  }
  Value value() {
    switch (Tag(u8())) {
      case Tag::F64: return f64();
      case Tag::I64: return i64();
      case Tag::Bool: return u8() != 0;
      case Tag::Str: return str();
      case Tag::Tensor: {
        Tensor t; t.dtype = str(); size_t n; t.shape = shape(n);
        t.data.resize(n); take(t.data.data(), n * 8);
        return t;
      }
      case Tag::IntTensor: {
        IntTensor t; t.dtype = str(); size_t n; t.shape = shape(n);
        t.data.resize(n); take(t.data.data(), n * 8);
        return t;
      }
      case Tag::List: return list();
      case Tag::Engine: {
        Engine e; e.handle = i64(); e.seed = static_cast<uint64_t>(i64());
        return e;
      }
    }
    throw ProtocolError("unknown value tag");
  }
  // Every count is checked against the bytes left (8 at least per row length and per item,
  // a string's length prefix included) before anything is allocated.
  List list() {
    const uint8_t flags = u8();
    if (flags > 3) throw ProtocolError("bad list flags");
    List l;
    l.nested = flags & 1;
    l.of_strings = flags & 2;
    auto count = [&] {
      const int64_t n = i64();
      if (n < 0 || n > (end_ - p_) / 8) throw ProtocolError("bad list length");
      return static_cast<size_t>(n);
    };
    if (l.nested) {
      l.rows.resize(count());
      int64_t sum = 0;
      for (auto& r : l.rows) {
        r = i64();
        if (r < 0 || r > (end_ - p_) / 8) throw ProtocolError("bad list row length");
        sum += r;  // at most (2^27)^2 for a 1 GiB payload: no overflow
      }
      const size_t n = count();
      if (static_cast<int64_t>(n) != sum) throw ProtocolError("list rows do not add up to its length");
      fill(l, n);
    } else {
      fill(l, count());
    }
    return l;
  }
  void fill(List& l, size_t n) {
    if (l.of_strings) {
      l.strings.reserve(n);
      for (size_t i = 0; i < n; ++i) l.strings.push_back(str());
    } else {
      l.ints.resize(n);
      take(l.ints.data(), n * 8);
    }
  }
  Values values() {
    Values out;
    while (!done()) {
      if (out.size() == kMaxValues) throw ProtocolError("more than " + std::to_string(kMaxValues) + " values");
      out.push_back(value());
    }
    return out;
  }

 private:
  const char* p_;
  const char* end_;
};

struct Header {
  Frame kind;
  uint32_t id;
  uint64_t length;
};

inline Header parse_header(const char* bytes) {
  uint32_t k, id;
  uint64_t n;
  std::memcpy(&k, bytes, 4);
  std::memcpy(&id, bytes + 4, 4);
  std::memcpy(&n, bytes + 8, 8);
  auto kind = Frame(k);
  if (kind != Frame::Request && kind != Frame::Reply && kind != Frame::Crash)
    throw ProtocolError("bad frame marker");
  if (n > kMaxPayload) throw ProtocolError("frame too large");
  return {kind, id, n};
}

}  // namespace mldrill::wire
