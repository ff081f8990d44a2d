// The bm25_rrf reference (reference/bm25_rrf.cpp) against values derived by hand and against
// rank_bm25's formulas evaluated in plain Python (rank_bm25 itself is not packaged here).
// The Python that produced the numbers below, over corpus A of the contract:
//   def idf(corpus, eps=0.25):
//       N = len(corpus); df = {}
//       for d in corpus:
//           for t in set(d): df[t] = df.get(t, 0) + 1
//       raw = {t: math.log(N - n + 0.5) - math.log(n + 0.5) for t, n in df.items()}
//       avg = sum(raw.values()) / len(raw)
//       return {t: (v if v >= 0 else eps * avg) for t, v in raw.items()}        # BM25Okapi._calc_idf
//   def scores(corpus, q, k1=1.5, b=0.75, eps=0.25):
//       I = idf(corpus, eps); avgdl = sum(map(len, corpus)) / len(corpus)
//       return [sum(I[t] * d.count(t) * (k1 + 1) / (d.count(t) + k1 * (1 - b + b * len(d) / avgdl))
//                   for t in q if t in I and d.count(t)) for d in corpus]      # get_batch_scores
//   rank = lambda s: sorted(range(len(s)), key=lambda i: -s[i])               # stable: argsort(-s, "stable")
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "reference/bm25_rrf.hpp"

using namespace drill::bm25_rrf;

namespace {

Doc tokens(const std::string& text) {
  Doc out;
  std::istringstream in(text);
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

std::vector<Doc> corpus_a() {
  std::vector<Doc> c;
  for (const char* text : {"the quick brown fox jumps over the lazy dog", "the fox the fox the fox", "a quick brown dog",
                           "", "lazy dog lazy cat", "cat dog the end", "dog the quick", "quick dog the",
                           "brown bear quick", "the dog barks at the fox"})
    c.push_back(tokens(text));
  return c;
}

void check_close(const std::vector<double>& got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("entry " << i);
    CHECK(std::abs(got[i] - want[i]) <= 1e-15 + 1e-13 * std::abs(want[i]));
  }
}

}  // namespace

// Corpus B, N = 4: x in 4 documents, raw ln(0.5/4.5) = ln(1/9); y in 3, ln(1.5/3.5) = ln(3/7);
// z in 2, ln(2.5/2.5) = 0; w in 1, ln(3.5/1.5) = ln(7/3). y and w cancel, so the mean is
// ln(1/9)/4 < 0 and the floor 0.25 · ln(1/9)/4 = −0.13733 (negative, applied anyway); z keeps 0.
TEST_CASE("bm25_idf of corpus B: the negative floor, and raw 0 kept", "[bm25_rrf]") {
  const auto idf = bm25_idf({tokens("x y z"), tokens("x y"), tokens("x y w"), tokens("x z")});
  REQUIRE(idf.size() == 4);
  const double floor = 0.25 * std::log(1.0 / 9.0) / 4;
  CHECK(idf.at("x") == Approx(floor).epsilon(1e-15));
  CHECK(idf.at("y") == Approx(floor).epsilon(1e-15));
  CHECK(idf.at("z") == 0.0);
  CHECK(idf.at("w") == Approx(std::log(7.0 / 3.0)).epsilon(1e-15));
  CHECK(floor == Approx(-0.1373265360835137).epsilon(1e-15));  // the contract's −0.1373
}

// Corpus A, N = 10, 14 terms: the in 6 documents (0 1 5 6 7 9), raw ln(4.5/6.5) < 0; dog in 7
// (0 2 4 5 6 7 9), ln(3.5/7.5) < 0; quick in 5 = N/2 (0 2 6 7 8), 0; fox (0 1 9) and brown
// (0 2 8) in 3, ln(7.5/3.5); lazy (0 4) and cat (4 5) in 2, ln(8.5/2.5); a, jumps, over, end,
// bear, barks, at in 1, ln(9.5/1.5). The floor is 0.25 · (their sum) / 14 = 0.2815.
TEST_CASE("bm25_idf of corpus A, term by term", "[bm25_rrf]") {
  const auto idf = bm25_idf(corpus_a());
  REQUIRE(idf.size() == 14);
  const double sum = std::log(4.5 / 6.5) + std::log(3.5 / 7.5) + 2 * std::log(7.5 / 3.5) + 2 * std::log(8.5 / 2.5) +
                     7 * std::log(9.5 / 1.5);
  const double floor = 0.25 * sum / 14;
  CHECK(floor == Approx(0.28147773158310946).epsilon(1e-14));  // Python, above
  CHECK(idf.at("the") == Approx(floor).epsilon(1e-15));
  CHECK(idf.at("dog") == Approx(floor).epsilon(1e-15));
  CHECK(idf.at("quick") == 0.0);
  CHECK(idf.at("fox") == Approx(std::log(7.5 / 3.5)).epsilon(1e-15));
  CHECK(idf.at("cat") == Approx(std::log(8.5 / 2.5)).epsilon(1e-15));
  CHECK(idf.at("barks") == Approx(std::log(9.5 / 1.5)).epsilon(1e-15));
  CHECK(idf.count("unicorn") == 0);
}

// Document 1 "the fox the fox the fox" (|d| = 6; avgdl = (9+6+4+0+4+4+3+3+3+6)/10 = 4.2) for "fox fox quick the
// unicorn": fox (f = 3) twice, the (f = 3) once, quick and unicorn add 0.
TEST_CASE("bm25_scores: by hand for one document, and every document as rank_bm25's formula in Python",
          "[bm25_rrf]") {
  const auto A = corpus_a();
  const auto idf = bm25_idf(A);
  const double norm = 1.5 * (1 - 0.75 + 0.75 * 6 / 4.2);
  const double by_hand = 2 * idf.at("fox") * 3 * 2.5 / (3 + norm) + idf.at("the") * 3 * 2.5 / (3 + norm);
  const auto s = bm25_scores(A, tokens("fox fox quick the unicorn"));
  CHECK(s[1] == Approx(by_hand).epsilon(1e-15));
  check_close(s, {1.3006812808429404, 2.718345128975982, 0.0, 0.0, 0.0, 0.2876414775301849, 0.3230072329642239,
                  0.3230072329642239, 0.0, 1.6312645626764701});
  CHECK(s[6] == s[7]);  // the same tokens, permuted
  check_close(bm25_scores(A, tokens("lazy dog cat"), 1.2, 0, 0.25),
              {1.505253163205225, 0.0, 0.28147773158310946, 0.0, 3.187944381685634, 1.505253163205225,
               0.28147773158310946, 0.28147773158310946, 0.0, 0.28147773158310946});
  check_close(bm25_scores(A, tokens("fox fox quick the unicorn"), 2.0, 0.9, 0.5),
              {1.4618785226259514, 3.254847543004475, 0.0, 0.0, 0.0, 0.5795129767887548, 0.6794290072695746,
               0.6794290072695746, 0.0, 1.9204036048018625});
  CHECK(bm25_scores(A, {}) == std::vector<double>(10, 0.0));
}

TEST_CASE("rank_by_score: exact ties by lower index, no tolerance", "[bm25_rrf]") {
  const double three_up = 3.0 + std::ldexp(1.0, -51);
  // 0.1 + 0.2 = 0.30000000000000004 > 0.3; −0.0 == 0.0 ties.
  CHECK(rank_by_score({0.3, 0.1 + 0.2, -0.0, 0.0, 3.0, three_up, 3.0}) == std::vector<int>{5, 4, 6, 1, 0, 2, 3});
  CHECK(rank_by_score({}).empty());
}

// [[3,1,4,0,7], [1,3,5,8,0], [2,9,7,6]], k = 60, ranks from 1: 1 = 1/62 + 1/61 = 3; 7 = 1/65 + 1/63;
// 0 = 1/64 + 1/65; then 2 = 1/61, 9 = 1/62, 4 = 5 = 1/63, 6 = 8 = 1/64.
TEST_CASE("reciprocal_rank_fusion by hand", "[bm25_rrf]") {
  const auto f = reciprocal_rank_fusion({{3, 1, 4, 0, 7}, {1, 3, 5, 8, 0}, {2, 9, 7, 6}});
  std::vector<int> ids;
  for (const auto& [id, x] : f) ids.push_back(id);
  CHECK(ids == std::vector<int>{1, 3, 7, 0, 2, 9, 4, 5, 6, 8});
  CHECK(f[0].second == 1.0 / 61 + 1.0 / 62);
  CHECK(f[0].second == f[1].second);
  CHECK(f[2].second == Approx(1.0 / 65 + 1.0 / 63).epsilon(1e-15));
  CHECK(f[3].second == Approx(1.0 / 64 + 1.0 / 65).epsilon(1e-15));
  CHECK(f[8].second == 1.0 / 64);
  // k = 0: 0 and 2 both 1/1 + 1/2 = 1.5, 1 = 1/3.
  const auto small = reciprocal_rank_fusion({{2, 0, 1}, {0, 2}}, 0);
  CHECK(small == std::vector<std::pair<int, double>>{{0, 1.5}, {2, 1.5}, {1, 1.0 / 3}});
  CHECK(reciprocal_rank_fusion({}).empty());
  CHECK(reciprocal_rank_fusion({{}}).empty());
  CHECK_THROWS_AS(reciprocal_rank_fusion({{1}}, -1), std::invalid_argument);
  CHECK_THROWS_AS(reciprocal_rank_fusion({{1, 2, 1}}), std::invalid_argument);
  CHECK_THROWS_AS(reciprocal_rank_fusion({{1, -2}}), std::invalid_argument);
  CHECK_THROWS_AS(bm25_idf({}), std::invalid_argument);
  CHECK_THROWS_AS(bm25_idf({{}, {}}), std::invalid_argument);
}

// The contract's end to end: its two BM25 rankings (Python's stable rank above:
// [1, 9, 0, 6, 7, 5, 2, 3, 4, 8] and [4, 5, 0, 6, 7, 2, 9, 1, 3, 8]) and [7, 2, 0, 9], fused.
TEST_CASE("end to end: the contract's fused order", "[bm25_rrf]") {
  const auto A = corpus_a();
  const auto r1 = rank_by_score(bm25_scores(A, tokens("fox fox quick the unicorn")));
  const auto r2 = rank_by_score(bm25_scores(A, tokens("lazy dog cat")));
  CHECK(r1 == std::vector<int>{1, 9, 0, 6, 7, 5, 2, 3, 4, 8});
  CHECK(r2 == std::vector<int>{4, 5, 0, 6, 7, 2, 9, 1, 3, 8});
  std::vector<int> ids;
  for (const auto& [id, x] : reciprocal_rank_fusion({r1, r2, {7, 2, 0, 9}})) ids.push_back(id);
  CHECK(ids == std::vector<int>{0, 7, 9, 2, 5, 6, 1, 4, 3, 8});
}
