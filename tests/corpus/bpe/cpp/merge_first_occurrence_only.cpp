// expect: wrong_answer
// case: train(overlap,merges=6)
// message: merge left to right, every non-overlapping occurrence
// Merging rewrites only the first occurrence of the pair in each word.
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace drill::bpe {

using Pair = std::pair<std::string, std::string>;
using Symbols = std::vector<std::string>;

namespace {

Symbols split(const std::string& word) {
  Symbols out;
  for (char c : word) out.push_back(std::string(1, c));
  return out;
}

// Every occurrence of p, left to right, without overlap.
Symbols merge_pair(const Symbols& s, const Pair& p) {
  Symbols out;
  size_t i = 0;
  bool done = false;
  while (i < s.size()) {
    if (!done && i + 1 < s.size() && s[i] == p.first && s[i + 1] == p.second) {
      out.push_back(s[i] + s[i + 1]);
      done = true;
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
  std::vector<Symbols> words;
  std::vector<long long> counts;
  for (const auto& [w, c] : word_counts) {
    if (w.empty() || c < 1) throw std::invalid_argument("an empty word or a count < 1");
    words.push_back(split(w));
    counts.push_back(c);
  }
  std::vector<Pair> merges;
  for (int step = 0; step < num_merges; ++step) {
    std::map<Pair, long long> stats;
    for (size_t k = 0; k < words.size(); ++k)
      for (size_t i = 0; i + 1 < words[k].size(); ++i) stats[{words[k][i], words[k][i + 1]}] += counts[k];
    if (stats.empty()) break;
    Pair best;
    long long best_count = 0;
    for (const auto& [p, n] : stats)
      if (n > best_count) {
        best = p;
        best_count = n;
      }
    merges.push_back(best);
    for (auto& w : words) w = merge_pair(w, best);
  }
  return merges;
}

std::vector<std::string> encode(const std::string& word, const std::vector<Pair>& merges) {
  std::map<Pair, size_t> rank;
  for (size_t i = 0; i < merges.size(); ++i) rank[merges[i]] = i;
  Symbols s = split(word);
  for (;;) {
    size_t best = merges.size();
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      auto it = rank.find({s[i], s[i + 1]});
      if (it != rank.end() && it->second < best) best = it->second;
    }
    if (best == merges.size()) break;
    s = merge_pair(s, merges[best]);
  }
  return s;
}

}  // namespace drill::bpe
