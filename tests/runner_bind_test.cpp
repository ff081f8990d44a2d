// The runner's binding of a `std::mt19937_64&` parameter: a seed is a fresh engine each call,
// a wire::Engine the engine the process keeps, continued only as far as the candidate advanced
// the engine it was handed (one that draws from a copy leaves the kept engine where it was).
#include <catch2/catch.hpp>

#include <random>

#include "runner/bind.hpp"

using namespace mldrill;
using namespace mldrill::runner;

namespace {

double uniform(std::mt19937_64& g) { return double(g() >> 11) * 0x1p-53; }

// A candidate that takes the engine by reference and draws from it: the caller's engine advances.
double draws_from_rng(std::mt19937_64& rng) { return uniform(rng); }

// A candidate that copies the engine first (`std::mt19937_64 gen = rng;`): the caller's never moves.
double draws_from_a_copy(std::mt19937_64& rng) {
  std::mt19937_64 gen = rng;
  return uniform(gen);
}

double call(const Handler& h, Value rng) {
  Values args{std::move(rng)};
  Values out = h(args);
  REQUIRE(out.size() == 1);
  return std::get<double>(out[0]);
}

// The first `n` uniforms of mt19937_64(seed), as a candidate drawing by reference sees them.
std::vector<double> stream(uint64_t seed, int n) {
  std::mt19937_64 g(seed);
  std::vector<double> u;
  for (int i = 0; i < n; ++i) u.push_back(uniform(g));
  return u;
}

}  // namespace

TEST_CASE("bind: a plain seed is a fresh engine at every call", "[runner]") {
  const Handler h = mldrill::runner::bind(&draws_from_rng);
  const auto s = stream(5, 1);
  CHECK(call(h, int64_t(5)) == s[0]);
  CHECK(call(h, int64_t(5)) == s[0]);
  CHECK(call(h, int64_t(6)) != s[0]);
}

TEST_CASE("bind: a kept engine continues where a by-reference candidate left it", "[runner]") {
  const Handler h = mldrill::runner::bind(&draws_from_rng);
  const auto s = stream(5, 3);
  CHECK(call(h, wire::Engine{101, 5}) == s[0]);
  CHECK(call(h, wire::Engine{101, 5}) == s[1]);
  // Another handle is an engine of its own, created from its own seed at its first use.
  CHECK(call(h, wire::Engine{102, 5}) == s[0]);
  CHECK(call(h, wire::Engine{101, 5}) == s[2]);
  // A plain seed neither reads nor moves a kept engine.
  CHECK(call(h, int64_t(5)) == s[0]);
  CHECK(call(h, wire::Engine{102, 5}) == s[1]);
}

TEST_CASE("bind: a candidate that copies the engine leaves the kept one unadvanced", "[runner]") {
  const Handler copies = mldrill::runner::bind(&draws_from_a_copy);
  const auto s = stream(9, 2);
  CHECK(call(copies, wire::Engine{201, 9}) == s[0]);
  CHECK(call(copies, wire::Engine{201, 9}) == s[0]);  // the same draw again: the grader sees it
  // The engine it left is the one a by-reference candidate then continues.
  CHECK(call(mldrill::runner::bind(&draws_from_rng), wire::Engine{201, 9}) == s[0]);
  CHECK(call(mldrill::runner::bind(&draws_from_rng), wire::Engine{201, 9}) == s[1]);
}

TEST_CASE("bind: an engine parameter refuses what is neither a seed nor an engine", "[runner]") {
  const Handler h = mldrill::runner::bind(&draws_from_rng);
  Values args{2.5};
  CHECK_THROWS_AS(h(args), BadRequest);
}
