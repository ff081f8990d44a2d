// The bpe reference: a plain recount of every pair after every merge (the textbook loop), and
// GPT-2's bpe() encoder. Readable first; the corpus sizes make the O(merges × corpus) loop instant.
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace drill::bpe {

using Pair = std::pair<std::string, std::string>;
using Symbols = std::vector<std::string>;

namespace {

Symbols bytes_of(const std::string& word) {
  Symbols out;
  for (char c : word) out.emplace_back(1, c);
  return out;
}

// Every occurrence of p, left to right, without overlap.
Symbols merge(const Symbols& s, const Pair& p) {
  Symbols out;
  for (size_t i = 0; i < s.size();) {
    if (i + 1 < s.size() && s[i] == p.first && s[i + 1] == p.second) {
      out.push_back(p.first + p.second);
      i += 2;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

}  // namespace

std::vector<Pair> train(const std::map<std::string, int>& word_counts, int num_merges) {
  if (num_merges < 0) throw std::invalid_argument("num_merges < 0");
  std::vector<std::pair<Symbols, long long>> words;
  for (const auto& [word, count] : word_counts) {
    if (word.empty()) throw std::invalid_argument("an empty word");
    if (count < 1) throw std::invalid_argument("a count < 1");
    words.emplace_back(bytes_of(word), count);
  }
  std::vector<Pair> merges;
  while (int(merges.size()) < num_merges) {
    std::map<Pair, long long> counts;  // ascending pairs: a strict > scan keeps the smallest on ties
    for (const auto& [s, count] : words)
      for (size_t i = 0; i + 1 < s.size(); ++i) counts[{s[i], s[i + 1]}] += count;
    if (counts.empty()) break;  // every word is one symbol
    auto best = counts.begin();
    for (auto it = counts.begin(); it != counts.end(); ++it)
      if (it->second > best->second) best = it;
    merges.push_back(best->first);
    for (auto& [s, count] : words) s = merge(s, best->first);
  }
  return merges;
}

std::vector<std::string> encode(const std::string& word, const std::vector<Pair>& merges) {
  std::map<Pair, size_t> rank;
  for (size_t i = 0; i < merges.size(); ++i) rank.emplace(merges[i], i);
  Symbols s = bytes_of(word);
  while (s.size() > 1) {
    const Pair* best = nullptr;
    size_t best_rank = 0;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      const auto it = rank.find({s[i], s[i + 1]});
      if (it != rank.end() && (!best || it->second < best_rank)) {
        best = &it->first;
        best_rank = it->second;
      }
    }
    if (!best) break;
    s = merge(s, *best);
  }
  return s;
}

}  // namespace drill::bpe
