// Grading cases of the byte-pair-encoding drill (../shared/docs/drills/bpe.md), in grading order:
// train on Sennrich's corpus → ties → overlapping pairs → num_merges = 0 and an early stop → the
// shipped corpus (datasets/bpe_words.tsv) → encode, hand-made → encode, the corpus → invalid arguments.
// Merge and token lists are compared exactly; a diagnosis is named only when the candidate's whole
// result is what the reference gives with that one slip (or what it shows by itself: a `</w>`).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cases/registry.hpp"
#include "data/dataset.hpp"
#include "project/paths.hpp"
#include "reference/bpe.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/bpe.def"
#include "cases/functions.hpp"  // fn::train, fn::encode

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::bpe;
using ref::Pair;
using Words = std::map<std::string, int>;
using Merges = std::vector<Pair>;
using Symbols = std::vector<std::string>;

const char* const kWeight = "weight each pair by the word's frequency";
const char* const kTies = "equal counts: take the smallest pair, (e,s) before (s,t)";
const char* const kOverlap = "aaa holds (a,a) twice: count every position, overlapping ones included";
const char* const kLeftToRight = "merge left to right, every non-overlapping occurrence ('a a a' becomes 'aa a')";
const char* const kRecount = "recount after every merge";
const char* const kEarlyStop = "stop when every word is one symbol; return fewer merges";
const char* const kMarker = "no </w>: byte-level BPE has no marker";
const char* const kSigned = "bytes compare unsigned, as std::string does: \"\\xc3\" sorts after \"z\" (not as signed char)";
const char* const kBytes = "byte-level: é is two bytes, \\xc3 \\xa9, each its own symbol at the start (not one character)";
const char* const kRefind = "re-find the lowest-ranked pair after every merge";
const char* const kLowestRank = "take the lowest-ranked pair present, not the leftmost mergeable one";
const char* const kKeepMerging = "keep merging until no adjacent pair is in merges";
const char* const kConcatenate = "the symbols must concatenate back to the word";

// ---- Showing bytes -----------------------------------------------------------------------------

std::string show(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    out += (c < 0x20 || c >= 0x7f) ? fmt::format("\\x{:02x}", c) : std::string(1, char(c));
  return out.empty() ? "\"\"" : out;
}
std::string show(const Pair& p) { return "(" + show(p.first) + ", " + show(p.second) + ")"; }
std::string show(const Symbols& s) {
  std::string out = "[";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + show(s[i]);
  return out + "]";
}

// ---- The reference with one slip switched on, to recognise it ---------------------------------

Symbols bytes_of(const std::string& word, bool utf8_chars = false) {
  Symbols out;
  for (unsigned char c : word) {
    if (utf8_chars && (c & 0xC0) == 0x80 && !out.empty()) out.back() += char(c);  // a continuation byte
    else out.emplace_back(1, char(c));
  }
  return out;
}

enum class Direction { LeftToRight, RightToLeft, FirstOnly };

Symbols merge(const Symbols& s, const Pair& p, Direction d = Direction::LeftToRight) {
  auto at = [&](size_t i) { return i + 1 < s.size() && s[i] == p.first && s[i + 1] == p.second; };
  Symbols out;
  if (d == Direction::RightToLeft) {
    for (size_t i = s.size(); i > 0;) {
      if (i >= 2 && at(i - 2)) {
        out.push_back(p.first + p.second);
        i -= 2;
      } else {
        out.push_back(s[--i]);
      }
    }
    std::reverse(out.begin(), out.end());
    return out;
  }
  bool merged = false;
  for (size_t i = 0; i < s.size();) {
    if (!(merged && d == Direction::FirstOnly) && at(i)) {
      out.push_back(p.first + p.second);
      merged = true;
      i += 2;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

struct TrainSlip {
  enum class Tie { Smallest, Largest, FirstSeen, LastSeen } tie = Tie::Smallest;
  bool unweighted = false;    // each word counts once
  bool set_per_word = false;  // a pair counts once per word however often it occurs
  bool stale = false;         // counts computed once, never updated
  bool signed_bytes = false;  // ties by a signed-char comparison
  bool utf8_chars = false;    // initial symbols are UTF-8 characters
  Direction direction = Direction::LeftToRight;
};

bool signed_less(const std::string& a, const std::string& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return static_cast<signed char>(x) < static_cast<signed char>(y); });
}
bool pair_less(const Pair& a, const Pair& b, bool signed_bytes) {
  if (!signed_bytes) return a < b;
  if (a.first != b.first) return signed_less(a.first, b.first);
  return signed_less(a.second, b.second);
}

// Pair counts in the order pairs are first seen (words in map order, positions left to right).
std::vector<std::pair<Pair, long long>> count_pairs(const std::vector<std::pair<Symbols, long long>>& words,
                                                    const TrainSlip& s) {
  std::vector<std::pair<Pair, long long>> seen;
  std::map<Pair, size_t> index;
  for (const auto& [w, count] : words) {
    std::set<Pair> in_word;
    for (size_t i = 0; i + 1 < w.size(); ++i) {
      const Pair p{w[i], w[i + 1]};
      if (s.set_per_word && !in_word.insert(p).second) continue;
      auto [it, fresh] = index.emplace(p, seen.size());
      if (fresh) seen.push_back({p, 0});
      seen[it->second].second += s.unweighted ? 1 : count;
    }
  }
  return seen;
}

size_t pick(const std::vector<std::pair<Pair, long long>>& counts, const TrainSlip& s) {
  size_t best = 0;
  for (size_t i = 1; i < counts.size(); ++i) {
    const auto& [p, n] = counts[i];
    const auto& [q, m] = counts[best];
    bool better = n > m;
    if (n == m) {
      switch (s.tie) {
        case TrainSlip::Tie::Smallest: better = pair_less(p, q, s.signed_bytes); break;
        case TrainSlip::Tie::Largest: better = pair_less(q, p, s.signed_bytes); break;
        case TrainSlip::Tie::FirstSeen: better = false; break;
        case TrainSlip::Tie::LastSeen: better = true; break;
      }
    }
    if (better) best = i;
  }
  return best;
}

Merges slipped_train(const Words& word_counts, int num_merges, const TrainSlip& s) {
  std::vector<std::pair<Symbols, long long>> words;
  for (const auto& [w, c] : word_counts) words.emplace_back(bytes_of(w, s.utf8_chars), c);
  Merges merges;
  auto counts = count_pairs(words, s);
  while (int(merges.size()) < num_merges) {
    if (!s.stale) counts = count_pairs(words, s);
    if (counts.empty()) break;
    const size_t best = pick(counts, s);
    const Pair p = counts[best].first;
    merges.push_back(p);
    if (s.stale) counts.erase(counts.begin() + long(best));
    for (auto& [w, c] : words) w = merge(w, p, s.direction);
  }
  return merges;
}

std::vector<std::pair<std::string, TrainSlip>> train_slips() {
  std::vector<std::pair<std::string, TrainSlip>> out;
  TrainSlip s;
  s.unweighted = true;
  out.push_back({kWeight, s});
  for (auto tie : {TrainSlip::Tie::Largest, TrainSlip::Tie::FirstSeen, TrainSlip::Tie::LastSeen}) {
    s = {};
    s.tie = tie;
    out.push_back({kTies, s});
  }
  s = {};
  s.set_per_word = true;
  out.push_back({kOverlap, s});
  for (auto d : {Direction::RightToLeft, Direction::FirstOnly}) {
    s = {};
    s.direction = d;
    out.push_back({kLeftToRight, s});
  }
  s = {};
  s.stale = true;
  out.push_back({kRecount, s});
  s = {};
  s.signed_bytes = true;
  out.push_back({kSigned, s});
  s = {};
  s.utf8_chars = true;
  out.push_back({kBytes, s});
  return out;
}

enum class EncodeSlip { ListOrder, Leftmost, OneMerge, RightToLeft, Chars };

Symbols slipped_encode(const std::string& word, const Merges& merges, EncodeSlip slip) {
  Symbols s = bytes_of(word, slip == EncodeSlip::Chars);
  if (slip == EncodeSlip::ListOrder) {
    for (const Pair& p : merges) s = merge(s, p);
    return s;
  }
  std::map<Pair, size_t> rank;
  for (size_t i = 0; i < merges.size(); ++i) rank.emplace(merges[i], i);
  while (s.size() > 1) {
    std::optional<Pair> best;
    size_t best_rank = 0;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      const auto it = rank.find({s[i], s[i + 1]});
      if (it == rank.end() || (best && (slip == EncodeSlip::Leftmost || it->second >= best_rank))) continue;
      best = it->first;
      best_rank = it->second;
    }
    if (!best) break;
    s = merge(s, *best, slip == EncodeSlip::RightToLeft ? Direction::RightToLeft : Direction::LeftToRight);
    if (slip == EncodeSlip::OneMerge) break;
  }
  return s;
}

const std::vector<std::pair<std::string, EncodeSlip>>& encode_slips() {
  static const std::vector<std::pair<std::string, EncodeSlip>> slips = {
      {kRefind, EncodeSlip::ListOrder},
      {kLowestRank, EncodeSlip::Leftmost},
      {kKeepMerging, EncodeSlip::OneMerge},
      {kLeftToRight, EncodeSlip::RightToLeft},
      {kBytes, EncodeSlip::Chars}};
  return slips;
}

// The distinct causes of the slips the candidate matches, joined: one when only one fits.
std::string join_causes(const std::vector<std::string>& causes) {
  std::vector<std::string> distinct;
  for (const auto& c : causes)
    if (std::find(distinct.begin(), distinct.end(), c) == distinct.end()) distinct.push_back(c);
  std::string out;
  for (size_t i = 0; i < distinct.size(); ++i) out += (i ? "; or " : "") + distinct[i];
  return out;
}

// ---- The wire --------------------------------------------------------------------------------

wire::Values train_args(const Words& words, int num_merges) {
  std::vector<std::string> keys;
  std::vector<int64_t> counts;
  for (const auto& [w, c] : words) {
    keys.push_back(w);
    counts.push_back(c);
  }
  return {wire::string_list(keys), wire::int_list(counts), int64_t(num_merges)};
}

wire::List merges_list(const Merges& merges) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [a, b] : merges) rows.push_back({a, b});
  return wire::nested_list(rows);
}

[[noreturn]] void corrupted(CaseContext& ctx, const char* what) {
  ctx.fail(Verdict::RuntimeError,
           fmt::format("the reply channel was corrupted ({} arrived as another type): does your code write to file "
                       "descriptor 4?",
                       what));
}

Merges merges_of(CaseContext& ctx, const wire::Value& v) {
  const auto* l = std::get_if<wire::List>(&v);
  if (!l || !l->of_strings || !l->nested) corrupted(ctx, "the merges");
  Merges out;
  for (size_t r = 0; r < l->rows.size(); ++r) {
    if (l->rows[r] != 2) corrupted(ctx, "a merge");
    out.emplace_back(l->strings[2 * r], l->strings[2 * r + 1]);
  }
  return out;
}

Symbols symbols_of(CaseContext& ctx, const wire::Value& v) {
  const auto* l = std::get_if<wire::List>(&v);
  if (!l || !l->of_strings || l->nested) corrupted(ctx, "the symbols");
  return l->strings;
}

// ---- train -----------------------------------------------------------------------------------

std::string train_diagnosis(const Words& words, int num_merges, const Merges& got, const Merges& want) {
  for (const auto& [a, b] : got)
    if (a.find("</w>") != std::string::npos || b.find("</w>") != std::string::npos) return kMarker;
  if (got.size() > want.size() && std::equal(want.begin(), want.end(), got.begin()))
    return fmt::format("{} (only {} merges are possible here, and {} came back)", kEarlyStop, want.size(), got.size());
  std::vector<std::string> causes;
  for (const auto& [cause, slip] : train_slips()) {
    const Merges slipped = slipped_train(words, num_merges, slip);
    if (slipped != want && slipped == got) causes.push_back(cause);
  }
  return join_causes(causes);
}

void expect_train(CaseContext& ctx, const std::string& what, const Words& words, int num_merges) {
  auto out = ctx.call(fn::train, train_args(words, num_merges), 1);
  const Merges got = merges_of(ctx, out[0]);
  const Merges want = ctx.reference([&] { return ref::train(words, num_merges); });
  if (got == want) return;
  std::string message;
  size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  if (i < got.size() && i < want.size())
    message = fmt::format("{}: merge {} of {} differs: expected {}, got {} (the merges before it agree)", what, i + 1,
                          want.size(), show(want[i]), show(got[i]));
  else if (got.size() < want.size())
    message = fmt::format("{}: expected {} merges, got {}; the first {} agree, the next should be {}", what,
                          want.size(), got.size(), got.size(), show(want[got.size()]));
  else
    message = fmt::format("{}: expected {} merges, got {}; the first {} agree, then {}", what, want.size(), got.size(),
                          want.size(), show(got[want.size()]));
  const std::string why = train_diagnosis(words, num_merges, got, want);
  ctx.fail(Verdict::WrongAnswer, why.empty() ? message : message + "\n→ " + why);
}

Words sennrich() { return {{"low", 5}, {"lower", 2}, {"newest", 6}, {"widest", 3}}; }

Case train_sennrich_case() {
  const int merges = 10;
  return {CaseName("train").label("sennrich").param("merges", merges), 2, [=](CaseContext& ctx) {
            expect_train(ctx, "train({low: 5, lower: 2, newest: 6, widest: 3}, 10)", sennrich(), merges);
          }};
}

Case train_ties_case() {
  const int merges = 3;
  return {CaseName("train").label("ties").param("merges", merges), 2, [=](CaseContext& ctx) {
            expect_train(ctx, "train({xa: 2, abb: 2, ax: 2}, 3)", {{"xa", 2}, {"abb", 2}, {"ax", 2}}, merges);
          }};
}

Case train_overlap_case() {
  const int merges = 6;
  return {CaseName("train").label("overlap").param("merges", merges), 2, [=](CaseContext& ctx) {
            expect_train(ctx, "train({aaa: 3, aaaa: 1, bc: 5, abab: 2}, 6)",
                         {{"aaa", 3}, {"aaaa", 1}, {"bc", 5}, {"abab", 2}}, merges);
          }};
}

Case train_zero_case() {
  const int num_merges = 0;
  return {CaseName("train").param("num_merges", num_merges), 2, [=](CaseContext& ctx) {
            expect_train(ctx, "train({low: 5, lower: 2, newest: 6, widest: 3}, 0)", sennrich(), num_merges);
          }};
}

Case train_early_stop_case() {
  const int merges = 20;
  const size_t possible = ref::train(sennrich(), 1000).size();
  return {CaseName("train").label("early stop").param("merges", merges).label(fmt::format("{} possible", possible)), 2,
          [=](CaseContext& ctx) {
            expect_train(ctx, "train({low: 5, lower: 2, newest: 6, widest: 3}, 20)", sennrich(), merges);
          }};
}

// datasets/bpe_words.tsv (its generator and provenance: datasets/README.md): `word<TAB>count` lines.
const Words& generated_corpus() {
  static const Words words = [] {
    const std::string path = project::paths().dataset_file("bpe_words", ".tsv");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw data::DataError(path + ":1: cannot be read");
    Words out;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      const size_t tab = line.find('\t');
      size_t used = 0;
      int count = 0;
      try {
        count = tab == std::string::npos ? 0 : std::stoi(line.substr(tab + 1), &used);
      } catch (const std::exception&) {
      }
      if (tab == std::string::npos || tab == 0 || used == 0 || tab + 1 + used != line.size() || count < 1 ||
          !out.emplace(line.substr(0, tab), count).second)
        throw data::DataError(fmt::format("{}:{}: expected 'word<TAB>count' with a new word and a count >= 1", path, n));
    }
    if (out.empty()) throw data::DataError(path + ":1: no words");
    return out;
  }();
  return words;
}

Case train_generated_case() {
  const int merges = 100;
  return {CaseName("train").label("generated corpus").label(fmt::format("{} words", generated_corpus().size()))
              .param("merges", merges),
          5, [=](CaseContext& ctx) {
            expect_train(ctx, "train(datasets/bpe_words.tsv, 100)", generated_corpus(), merges);
          }};
}

// ---- encode ----------------------------------------------------------------------------------

struct Word {
  std::string word;
  Merges merges;
};

// Each word through the candidate's encode, compared with the reference's; the first that
// differs is shown, and a slip named when every word's tokens are what it gives.
void expect_encode(CaseContext& ctx, const std::vector<Word>& words) {
  std::vector<Symbols> got, want;
  for (const Word& w : words) {
    auto out = ctx.call(fn::encode, {w.word, merges_list(w.merges)}, 1);
    got.push_back(symbols_of(ctx, out[0]));
  }
  ctx.reference([&] {
    for (const Word& w : words) want.push_back(ref::encode(w.word, w.merges));
    return 0;
  });
  size_t bad = 0, first = words.size();
  for (size_t i = 0; i < words.size(); ++i)
    if (got[i] != want[i]) {
      ++bad;
      first = std::min(first, i);
    }
  if (!bad) return;
  const Word& w = words[first];
  std::string message = fmt::format("encode: {} of {} words differ; the first, \"{}\" with {} merges{}: expected {}, got {}",
                                    bad, words.size(), show(w.word), w.merges.size(),
                                    w.merges.size() <= 6 ? " " + [&] {
                                      std::string m = "[";
                                      for (size_t i = 0; i < w.merges.size(); ++i) m += (i ? ", " : "") + show(w.merges[i]);
                                      return m + "]";
                                    }() : "",
                                    show(want[first]), show(got[first]));
  std::string why;
  std::string joined;
  for (const auto& s : got[first]) joined += s;
  if (joined != w.word) {
    why = kConcatenate;
  } else {
    std::vector<std::string> causes;
    for (const auto& [cause, slip] : encode_slips()) {
      bool differs = false, matches = true;
      for (size_t i = 0; i < words.size() && matches; ++i) {
        const Symbols s = slipped_encode(words[i].word, words[i].merges, slip);
        differs = differs || s != want[i];
        matches = s == got[i];
      }
      if (differs && matches) causes.push_back(cause);
    }
    why = join_causes(causes);
  }
  ctx.fail(Verdict::WrongAnswer, why.empty() ? message : message + "\n→ " + why);
}

std::vector<Word> hand_made_words() {
  const Merges sennrich6 = {{"e", "s"}, {"es", "t"}, {"l", "o"}, {"lo", "w"}, {"e", "w"}, {"ew", "est"}};
  return {{"abc", {{"a", "bc"}, {"b", "c"}}},
          {"bcd", {{"c", "d"}, {"b", "c"}}},
          {"aaaaa", {{"a", "a"}, {"aa", "a"}}},
          {"aaa", {{"a", "a"}}},
          {"abab", {{"a", "b"}, {"ab", "ab"}}},
          {"", {{"a", "b"}}},
          {"x", {{"a", "b"}}},
          {"xyz", {{"q", "r"}}},
          {"caf\xc3\xa9", {{"\xc3", "\xa9"}, {"f", "\xc3\xa9"}}},
          {"lowest", sennrich6}};
}

Case encode_hand_made_case() {
  const size_t n = hand_made_words().size();
  return {CaseName("encode").label("hand-made").label(fmt::format("{} words", n)), 2,
          [=](CaseContext& ctx) { expect_encode(ctx, hand_made_words()); }};
}

// Words not in the corpus: made of its syllables, its UTF-8 bytes, and a single byte.
const std::vector<std::string> kUnseen = {"plenkostot", "caf\xc3\xa9s", "z",         "na\xc3\xafvest",
                                          "\xc3\xbc",   "aaaaaa",      "strionglea", "tronpleast"};

Case encode_generated_case() {
  const int merges = 100;
  return {CaseName("encode").label(fmt::format("generated corpus + {} unseen words", kUnseen.size()))
              .label(fmt::format("the reference's {} merges", merges)),
          5, [=](CaseContext& ctx) {
            const Merges list = ref::train(generated_corpus(), merges);
            std::vector<Word> words;
            for (const auto& [w, c] : generated_corpus()) words.push_back({w, list});
            for (const auto& w : kUnseen) words.push_back({w, list});
            expect_encode(ctx, words);
          }};
}

// ---- invalid arguments -------------------------------------------------------------------------

Case invalid_case() {
  return {CaseName("invalid_arguments"), 2, [=](CaseContext& ctx) {
            const std::string rule = "train must throw std::invalid_argument if num_merges < 0, a count is < 1, or a "
                                     "word is empty";
            ctx.expect_throws(fn::train, train_args(sennrich(), -1), "std::invalid_argument", "train(num_merges = -1)",
                              rule);
            ctx.expect_throws(fn::train, train_args({{"low", 5}, {"new", 0}}, 5), "std::invalid_argument",
                              "train({low: 5, new: 0}, 5)", rule);
            ctx.expect_throws(fn::train, train_args({{"low", -3}, {"new", 2}}, 5), "std::invalid_argument",
                              "train({low: -3, new: 2}, 5)", rule);
            ctx.expect_throws(fn::train, train_args({{"", 2}, {"low", 5}}, 5), "std::invalid_argument",
                              "train({\"\": 2, low: 5}, 5)", rule);
          }};
}

}  // namespace

std::vector<Case> bpe_cases() {
  return {train_sennrich_case(), train_ties_case(),       train_overlap_case(),    train_zero_case(),
          train_early_stop_case(), train_generated_case(), encode_hand_made_case(), encode_generated_case(),
          invalid_case()};
}

}  // namespace mldrill::cases
