// The bpe reference (reference/bpe.cpp) against merge lists and token lists derived by hand (each
// derivation written beside it), and against an independent plain-Python implementation of the
// contract (tests/reference_bpe_oracle.py, run here with Debian's python3) on the shipped corpus;
// and the shipped corpus against its generator (datasets/bpe_words_gen.py), byte for byte.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "reference/bpe.hpp"
#include "sample_history.hpp"

using namespace drill::bpe;
using Merges = std::vector<Pair>;
using Symbols = std::vector<std::string>;

namespace {

const std::string kSource = MLDRILL_SOURCE_DIR;

// Runs a Python script shipped in the repository; its output, after checking it succeeded.
std::string run_python(const std::string& script_and_args) {
  const auto r = sample::shell("/usr/bin/python3 " + script_and_args);
  INFO("/usr/bin/python3 " << script_and_args << " said:\n" << r.text);
  REQUIRE(r.status == 0);
  return r.text;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, int> shipped_corpus() {
  std::map<std::string, int> words;
  std::istringstream in(slurp(kSource + "/datasets/bpe_words.tsv"));
  for (std::string line; std::getline(in, line);) {
    const size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    words[line.substr(0, tab)] = std::stoi(line.substr(tab + 1));
  }
  return words;
}

std::string unhex(const std::string& h) {
  std::string out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) out += char(std::stoi(h.substr(i, 2), nullptr, 16));
  return out;
}

struct OracleRun {
  Merges merges;
  std::vector<std::pair<std::string, Symbols>> encoded;  // word, its tokens
};

// tests/reference_bpe_oracle.py's merges, then every corpus word and the extra ones encoded.
OracleRun oracle(int num_merges, const std::vector<std::string>& extra) {
  std::string command = sample::quote(kSource + "/tests/reference_bpe_oracle.py") + " " +
                        sample::quote(kSource + "/datasets/bpe_words.tsv") + " " + std::to_string(num_merges);
  for (const auto& w : extra) command += " " + sample::quote(w);
  OracleRun r;
  std::istringstream in(run_python(command));
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string kind, a, b;
    std::getline(fields, kind, '\t');
    std::getline(fields, a, '\t');
    std::getline(fields, b, '\t');
    if (kind == "M") {
      r.merges.emplace_back(unhex(a), unhex(b));
    } else {
      REQUIRE(kind == "E");
      Symbols tokens;
      std::istringstream t(b);
      for (std::string h; t >> h;) tokens.push_back(unhex(h));
      r.encoded.emplace_back(unhex(a), tokens);
    }
  }
  return r;
}

const std::map<std::string, int> kSennrich = {{"low", 5}, {"lower", 2}, {"newest", 6}, {"widest", 3}};

}  // namespace

// Bytes: l o w(5), l o w e r(2), n e w e s t(6), w i d e s t(3).
// Step 1: (e,s) = 6 + 3 = 9, (s,t) = 9, (l,o) = (o,w) = 7, (w,e) = 2 + 6 = 8, (n,e) = (e,w) = 6, ...
//   (e,s) and (s,t) tie at 9; "e" < "s" → (e,s).
// Step 2: (es,t) = 9 alone at the top → (es,t). Now newest = n e w est, widest = w i d est.
// Step 3: (l,o) = (o,w) = 7, (w,e) = 2 (lower only), (n,e) = (e,w) = (w,est) = 6 → (l,o) < (o,w).
// Step 4: (lo,w) = 7. Step 5: (n,e), (e,w), (w,est) tie at 6 → (e,w), "e" < "n" < "w".
// Step 6: newest = n ew est: (n,ew) = (ew,est) = 6 → (ew,est). Step 7: (n,ewest) 6.
// Step 8: widest = w i d est: (w,i) = (i,d) = (d,est) = 3; lower = low e r: (low,e) = (e,r) = 2
//   → (d,est). Step 9: (i,dest) = (w,i) = 3 → (i,dest). Step 10: (w,idest).
// Then (low,e) and (e,r) tie at 2 → (e,r); then (low,er): every word is one symbol, 12 merges.
TEST_CASE("train on Sennrich's corpus without the marker: the ties of steps 1, 3, 5, 8, 9", "[bpe]") {
  const Merges ten = {{"e", "s"}, {"es", "t"},    {"l", "o"},     {"lo", "w"},  {"e", "w"},
                      {"ew", "est"}, {"n", "ewest"}, {"d", "est"}, {"i", "dest"}, {"w", "idest"}};
  CHECK(train(kSennrich, 10) == ten);
  Merges twelve = ten;
  twelve.push_back({"e", "r"});
  twelve.push_back({"low", "er"});
  CHECK(train(kSennrich, 20) == twelve);
  CHECK(train(kSennrich, 12) == twelve);
  CHECK(train(kSennrich, 0).empty());
}

// {xa: 2, abb: 2, ax: 2}: (x,a), (a,b), (b,b), (a,x) all 2 → (a,b) the smallest. Then xa, ab b, ax:
// (x,a), (ab,b), (a,x) at 2; (a,x) < (ab,b) because "a" is a proper prefix of "ab" → (a,x). Then (x,a),
// (ab,b) → (ab,b).
TEST_CASE("train: four-way ties, and a proper prefix sorts first", "[bpe]") {
  CHECK(train({{"xa", 2}, {"abb", 2}, {"ax", 2}}, 3) == Merges{{"a", "b"}, {"a", "x"}, {"ab", "b"}});
}

// {aaa: 3, aaaa: 1, bc: 5, abab: 2}: (a,a) = 2·3 + 3·1 = 9 > (b,c) = 5 → (a,a); aaa → aa a, aaaa → aa aa.
// Then (b,c) 5, (a,b) = 2·2 = 4, (aa,a) 3, (b,a) 2, (aa,aa) 1 → (b,c), then (a,b) → abab = ab ab;
// then (aa,a) 3 (never (a,aa): the merge ran left to right), (ab,ab) 2, (aa,aa) 1.
TEST_CASE("train: overlapping pairs count every position, merges go left to right", "[bpe]") {
  CHECK(train({{"aaa", 3}, {"aaaa", 1}, {"bc", 5}, {"abab", 2}}, 6) ==
        Merges{{"a", "a"}, {"b", "c"}, {"a", "b"}, {"aa", "a"}, {"ab", "ab"}, {"aa", "aa"}});
}

// "\xc3" (195) sorts after "z" (122) as unsigned bytes: {é: 1, za: 1} ties (\xc3, \xa9) with (z, a),
// and (z, a) is the smaller pair.
TEST_CASE("train: bytes compare unsigned", "[bpe]") {
  CHECK(train({{"\xc3\xa9", 1}, {"za", 1}}, 1) == Merges{{"z", "a"}});
  CHECK(train({{"\xc3\xa9", 1}, {"za", 1}}, 5) == Merges{{"z", "a"}, {"\xc3", "\xa9"}});
}

TEST_CASE("train: invalid arguments throw std::invalid_argument", "[bpe]") {
  CHECK_THROWS_AS(train(kSennrich, -1), std::invalid_argument);
  CHECK_THROWS_AS(train({{"low", 0}}, 1), std::invalid_argument);
  CHECK_THROWS_AS(train({{"low", -3}}, 1), std::invalid_argument);
  CHECK_THROWS_AS(train({{"", 2}, {"low", 1}}, 1), std::invalid_argument);
}

// The contract's hand-made words, each with its own list.
TEST_CASE("encode by lowest rank, re-found after every merge", "[bpe]") {
  CHECK(encode("abc", {{"a", "bc"}, {"b", "c"}}) == Symbols{"abc"});   // (b,c) makes (a,bc) appear
  CHECK(encode("bcd", {{"c", "d"}, {"b", "c"}}) == Symbols{"b", "cd"});  // rank 0 first, not leftmost
  CHECK(encode("aaaaa", {{"a", "a"}, {"aa", "a"}}) == Symbols{"aa", "aaa"});  // aa aa a → aa aaa
  CHECK(encode("aaa", {{"a", "a"}}) == Symbols{"aa", "a"});
  CHECK(encode("abab", {{"a", "b"}, {"ab", "ab"}}) == Symbols{"abab"});
  CHECK(encode("", {{"a", "b"}}).empty());
  CHECK(encode("x", {{"a", "b"}}) == Symbols{"x"});
  CHECK(encode("xyz", {{"q", "r"}}) == Symbols{"x", "y", "z"});
  CHECK(encode("caf\xc3\xa9", {{"\xc3", "\xa9"}, {"f", "\xc3\xa9"}}) == Symbols{"c", "a", "f\xc3\xa9"});
  const Merges six = {{"e", "s"}, {"es", "t"}, {"l", "o"}, {"lo", "w"}, {"e", "w"}, {"ew", "est"}};
  CHECK(encode("lowest", six) == Symbols{"low", "est"});  // l o w e s t → l o w es t → l o w est → lo → low
}

TEST_CASE("datasets/bpe_words.tsv is what its generator writes", "[bpe]") {
  const std::string tmp = "/tmp/mldrill_bpe_words_" + std::to_string(::getpid()) + ".tsv";
  run_python(sample::quote(kSource + "/datasets/bpe_words_gen.py") + " " + sample::quote(tmp));
  const std::string regenerated = slurp(tmp);
  std::remove(tmp.c_str());
  CHECK(regenerated == slurp(kSource + "/datasets/bpe_words.tsv"));
  const auto words = shipped_corpus();
  CHECK(words.size() == 300);
  long long total = 0;
  for (const auto& [w, c] : words) total += c;
  CHECK(total == 2110);
  CHECK(words.at("caf\xc3\xa9") == 60);
}

TEST_CASE("train and encode equal an independent Python implementation on the shipped corpus", "[bpe]") {
  const auto words = shipped_corpus();
  const std::vector<std::string> unseen = {"plenkostot", "caf\xc3\xa9s", "z", "na\xc3\xafvest", "\xc3\xbc",
                                           "aaaaaa",     "strionglea",  "tronpleast"};
  for (int num_merges : {100, 100000}) {  // 100000: trained until every word is one symbol
    INFO("num_merges = " << num_merges);
    const OracleRun want = oracle(num_merges, unseen);
    const Merges got = train(words, num_merges);
    REQUIRE(want.merges.size() == got.size());
    if (num_merges == 100) CHECK(got.size() == 100);
    for (size_t i = 0; i < got.size(); ++i) {
      INFO("merge " << i);
      CHECK(got[i] == want.merges[i]);
    }
    REQUIRE(want.encoded.size() == words.size() + unseen.size());
    for (const auto& [word, tokens] : want.encoded) {
      INFO("encode " << word);
      CHECK(encode(word, got) == tokens);
    }
  }
}
