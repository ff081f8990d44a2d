// The grader ↔ candidate protocol: every value type survives a round trip bit for bit,
// and truncated or forged frames are refused instead of misread.
#include <catch2/catch.hpp>
#include <cmath>

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
