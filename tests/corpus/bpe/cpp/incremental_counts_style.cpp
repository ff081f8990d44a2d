// expect: accepted
// Incremental pair counts: the table is built once, and each merge only subtracts the old pairs and
// adds the new ones of the words that held the merged pair (an index from pairs to words). The best
// pair is a std::max_element with ties to the smaller pair. encode keeps the ranks in an unordered_map.
#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace drill::bpe {

using Pair = std::pair<std::string, std::string>;

namespace {

struct Word {
  std::vector<std::string> symbols;
  long long count;
};

void add_pairs(const Word& w, size_t id, long long sign, std::map<Pair, long long>& counts,
               std::map<Pair, std::set<size_t>>& where) {
  for (size_t i = 0; i + 1 < w.symbols.size(); ++i) {
    const Pair p{w.symbols[i], w.symbols[i + 1]};
    counts[p] += sign * w.count;
    if (counts[p] == 0) counts.erase(p);
    if (sign > 0) where[p].insert(id);
  }
}

std::vector<std::string> merged(const std::vector<std::string>& s, const Pair& p) {
  std::vector<std::string> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 1 < s.size() && s[i] == p.first && s[i + 1] == p.second) {
      out.push_back(p.first + p.second);
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

std::vector<Pair> train(const std::map<std::string, int>& word_counts, int num_merges) {
  if (num_merges < 0) throw std::invalid_argument("num_merges must be >= 0");
  std::vector<Word> words;
  for (const auto& [text, count] : word_counts) {
    if (text.empty()) throw std::invalid_argument("empty word");
    if (count < 1) throw std::invalid_argument("count must be >= 1");
    Word w{{}, count};
    for (unsigned char c : text) w.symbols.emplace_back(1, static_cast<char>(c));
    words.push_back(std::move(w));
  }
  std::map<Pair, long long> counts;
  std::map<Pair, std::set<size_t>> where;  // may list words that no longer hold the pair
  for (size_t id = 0; id < words.size(); ++id) add_pairs(words[id], id, +1, counts, where);

  std::vector<Pair> merges;
  while (static_cast<int>(merges.size()) < num_merges && !counts.empty()) {
    const auto best = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                        return a.second < b.second;  // first maximum in map order: the smallest pair
                      })->first;
    merges.push_back(best);
    const std::set<size_t> ids = where[best];
    for (size_t id : ids) {
      Word& w = words[id];
      add_pairs(w, id, -1, counts, where);
      w.symbols = merged(w.symbols, best);
      add_pairs(w, id, +1, counts, where);
    }
    where.erase(best);
  }
  return merges;
}

std::vector<std::string> encode(const std::string& word, const std::vector<Pair>& merges) {
  auto key = [](const std::string& a, const std::string& b) { return std::to_string(a.size()) + ':' + a + b; };
  std::unordered_map<std::string, size_t> rank;  // key: the left symbol's length, ':', left + right
  for (size_t i = 0; i < merges.size(); ++i) rank.emplace(key(merges[i].first, merges[i].second), i);
  std::vector<std::string> s;
  for (char c : word) s.emplace_back(1, c);
  while (s.size() > 1) {
    size_t best_rank = merges.size(), at = 0;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      const auto it = rank.find(key(s[i], s[i + 1]));
      if (it != rank.end() && it->second < best_rank) {
        best_rank = it->second;
        at = i;
      }
    }
    if (best_rank == merges.size()) break;
    s = merged(s, {s[at], s[at + 1]});
  }
  return s;
}

}  // namespace drill::bpe
