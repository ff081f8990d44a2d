// The grader ↔ candidate protocol: every value type survives a round trip bit for bit,
// and truncated or forged frames are refused instead of misread.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "wire/wire.hpp"

using namespace mldrill::wire;

TEST_CASE("Values round-trip exactly through a frame", "[wire]") {
  Tensor t;
  t.shape = {2, 3};
  t.data = {1.5, -0.0, NAN, INFINITY, 1e-300, 3};
  IntTensor it;
  it.shape = {3};
  it.data = {-1, 0, int64_t(1) << 40};
  const Values in = {std::string("loss"), 2.5, int64_t(7), true, t, it};
  const std::string frame = encode(Frame::Request, in);
  const Header h = parse_header(frame.data());
  CHECK(h.kind == Frame::Request);
  REQUIRE(h.length == frame.size() - kHeaderBytes);
  const Values out = Reader(frame.substr(kHeaderBytes)).values();
  REQUIRE(out.size() == in.size());
  CHECK(std::get<std::string>(out[0]) == "loss");
  CHECK(std::get<double>(out[1]) == 2.5);
  CHECK(std::get<int64_t>(out[2]) == 7);
  CHECK(std::get<bool>(out[3]));
  const auto& t2 = std::get<Tensor>(out[4]);
  CHECK(t2.shape == t.shape);
  CHECK(std::signbit(t2.data[1]));
  CHECK(std::isnan(t2.data[2]));
  CHECK(t2.data[4] == 1e-300);
  CHECK(std::get<IntTensor>(out[5]).data == it.data);
}

TEST_CASE("A kept engine travels as its handle and its whole 64-bit seed", "[wire]") {
  const Values in = {Engine{3, ~uint64_t(0)}, Engine{-1, 42}};
  const std::string frame = encode(Frame::Request, in);
  const Values out = Reader(frame.substr(kHeaderBytes)).values();
  REQUIRE(out.size() == 2);
  CHECK(std::get<Engine>(out[0]).handle == 3);
  CHECK(std::get<Engine>(out[0]).seed == ~uint64_t(0));
  CHECK(std::get<Engine>(out[1]).handle == -1);
  CHECK(std::get<Engine>(out[1]).seed == 42);
  CHECK_THROWS_AS(Reader(frame.substr(kHeaderBytes, 9)).values(), ProtocolError);
}

TEST_CASE("Truncated payloads and unknown frame markers are protocol errors", "[wire]") {
  Tensor t;
  t.shape = {1000};
  t.data.assign(1000, 1.0);
  const std::string frame = encode(Frame::Reply, {t});
  CHECK_THROWS_AS(Reader(frame.substr(kHeaderBytes, 100)).values(), ProtocolError);
  std::string forged = frame;
  forged[0] = 'X';
  CHECK_THROWS_AS(parse_header(forged.data()), ProtocolError);
  CHECK_THROWS_AS(Reader(std::string("\x63junk", 5)).values(), ProtocolError);
}

TEST_CASE("A frame carries its request id in the header", "[wire]") {
  const std::string frame = encode(Frame::Reply, {int64_t(0), std::string("")}, 0xdeadbeef);
  const Header h = parse_header(frame.data());
  CHECK(h.kind == Frame::Reply);
  CHECK(h.id == 0xdeadbeef);
  CHECK(h.length == frame.size() - kHeaderBytes);
}

TEST_CASE("A length header beyond the protocol's limit is refused from the header alone", "[wire]") {
  std::string header = encode(Frame::Reply, {}, 2);
  const uint64_t huge = kMaxPayload + 1;
  std::memcpy(&header[8], &huge, 8);
  CHECK_THROWS_AS(parse_header(header.data()), ProtocolError);
}

TEST_CASE("Tensor dimensions whose product overflows are refused, not read as a small tensor", "[wire]") {
  Writer w;
  w.u8(uint8_t(Tag::Tensor));
  w.str("float64");
  w.i64(3);  // rank
  for (int i = 0; i < 3; ++i) w.i64(int64_t(1) << 32);  // 2^96 entries: wraps to 0 in 64 bits
  const std::string frame = w.frame(Frame::Reply);
  CHECK_THROWS_AS(Reader(frame.substr(kHeaderBytes)).values(), ProtocolError);
}

TEST_CASE("A flood of tiny values is refused past kMaxValues", "[wire]") {
  Values many(kMaxValues + 1, Value(true));
  const std::string frame = encode(Frame::Reply, many);
  CHECK_THROWS_AS(Reader(frame.substr(kHeaderBytes)).values(), ProtocolError);
  many.pop_back();
  CHECK(Reader(encode(Frame::Reply, many).substr(kHeaderBytes)).values().size() == kMaxValues);
}

TEST_CASE("Unknown value tags and bad lengths are protocol errors", "[wire]") {
  Writer w;
  w.u8(uint8_t(Tag::Str));
  w.i64(-5);
  CHECK_THROWS_AS(Reader(w.frame(Frame::Reply).substr(kHeaderBytes)).values(), ProtocolError);
  CHECK_THROWS_AS(Reader(std::string("\x07", 1)).values(), ProtocolError);
  Writer r;
  r.u8(uint8_t(Tag::Tensor));
  r.str("float64");
  r.i64(9);  // rank above 8
  CHECK_THROWS_AS(Reader(r.frame(Frame::Reply).substr(kHeaderBytes)).values(), ProtocolError);
}

TEST_CASE("Lists of strings and of integers, flat and nested, round-trip exactly", "[wire]") {
  const std::vector<std::vector<std::string>> docs = {{"the", "fox"}, {}, {"", "naïve", std::string("a\0b", 3)}};
  const std::vector<std::vector<int>> rankings = {{3, 1}, {}, {-2, 7, 0}};
  const Values in = {string_list({"x", "", "y"}), nested_list(docs), nested_list(rankings), int_list({}),
                     nested_list(std::vector<std::vector<int>>{})};
  const std::string frame = encode(Frame::Request, in);
  const Values out = Reader(frame.substr(kHeaderBytes)).values();
  REQUIRE(out.size() == in.size());
  const auto& flat = std::get<List>(out[0]);
  CHECK(!flat.nested);
  CHECK(flat.of_strings);
  CHECK(flat.strings == std::vector<std::string>{"x", "", "y"});
  const auto& nested = std::get<List>(out[1]);
  CHECK(nested.nested);
  CHECK(nested.rows == std::vector<int64_t>{2, 0, 3});
  CHECK(nested.strings.size() == 5);
  CHECK(nested.strings[4] == std::string("a\0b", 3));
  CHECK(nested.row_span(2) == std::pair<size_t, size_t>{2, 5});
  const auto& ints = std::get<List>(out[2]);
  CHECK(!ints.of_strings);
  CHECK(ints.rows == std::vector<int64_t>{2, 0, 3});
  CHECK(ints.ints == std::vector<int64_t>{3, 1, -2, 7, 0});
  CHECK(std::get<List>(out[3]).size() == 0);
  CHECK(std::get<List>(out[4]).nested);
  CHECK(std::get<List>(out[4]).rows.empty());
}

TEST_CASE("Forged list lengths are protocol errors, refused before allocating", "[wire]") {
  const std::string good = encode(Frame::Request, {nested_list(std::vector<std::vector<int>>{{1, 2}, {3}})})
                               .substr(kHeaderBytes);
  // Layout: tag, flags, row count (2), row lengths (2, 1), item count (3), items.
  auto forged = [&](size_t at, int64_t v) {
    std::string s = good;
    std::memcpy(&s[at], &v, 8);
    return s;
  };
  CHECK_NOTHROW(Reader(good).values());
  CHECK_THROWS_WITH(Reader(forged(2, int64_t(1) << 40)).values(), "bad list length");   // row count
  CHECK_THROWS_WITH(Reader(forged(10, -1)).values(), "bad list row length");             // a row < 0
  CHECK_THROWS_WITH(Reader(forged(10, int64_t(1) << 50)).values(), "bad list row length");
  CHECK_THROWS_WITH(Reader(forged(10, 1)).values(), "list rows do not add up to its length");
  CHECK_THROWS_WITH(Reader(forged(26, 2)).values(), "list rows do not add up to its length");  // 2 ≠ 2 + 1
  CHECK_THROWS_WITH(Reader(forged(26, int64_t(1) << 40)).values(), "bad list length");    // item count
  std::string flags = good;
  flags[1] = 9;
  CHECK_THROWS_WITH(Reader(flags).values(), "bad list flags");
  CHECK_THROWS_AS(Reader(good.substr(0, good.size() - 4)).values(), ProtocolError);      // truncated items
  // A string list whose string length runs past the end.
  std::string s = encode(Frame::Request, {string_list({"abc"})}).substr(kHeaderBytes);
  const int64_t long_len = 1000;
  std::memcpy(&s[10], &long_len, 8);
  CHECK_THROWS_WITH(Reader(s).values(), "bad string length");
}
