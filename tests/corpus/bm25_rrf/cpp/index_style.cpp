// expect: accepted
// A second style: hash maps, document frequency from each document's sorted unique tokens, the
// idf as ln of a ratio, and full comparators (score, then index or id) with std::sort.
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace drill::bm25_rrf {

using Doc = std::vector<std::string>;

std::map<std::string, double> bm25_idf(const std::vector<Doc>& corpus, double epsilon = 0.25) {
  size_t tokens = 0;
  for (const auto& d : corpus) tokens += d.size();
  if (corpus.empty() || tokens == 0) throw std::invalid_argument("bm25_idf: empty corpus");
  std::unordered_map<std::string, int> n_t;
  for (Doc d : corpus) {
    std::sort(d.begin(), d.end());
    d.erase(std::unique(d.begin(), d.end()), d.end());
    for (const auto& t : d) n_t[t] += 1;
  }
  const double N = static_cast<double>(corpus.size());
  std::map<std::string, double> raw;
  for (const auto& [t, n] : n_t) raw[t] = std::log((N - n + 0.5) / (n + 0.5));
  double mean = 0;
  for (const auto& [t, v] : raw) mean += v / static_cast<double>(raw.size());
  std::map<std::string, double> idf;
  for (const auto& [t, v] : raw) idf[t] = v < 0 ? epsilon * mean : v;
  return idf;
}

std::vector<double> bm25_scores(const std::vector<Doc>& corpus, const Doc& query, double k1 = 1.5, double b = 0.75,
                                double epsilon = 0.25) {
  const auto idf = bm25_idf(corpus, epsilon);
  double avgdl = 0;
  for (const auto& d : corpus) avgdl += static_cast<double>(d.size());
  avgdl /= static_cast<double>(corpus.size());
  std::vector<double> out;
  for (const auto& d : corpus) {
    std::unordered_map<std::string, int> tf;
    for (const auto& t : d) ++tf[t];
    const double K = k1 * (1 - b + b * static_cast<double>(d.size()) / avgdl);
    double s = 0;
    for (const auto& q : query) {
      auto f = tf.find(q);
      auto w = idf.find(q);
      if (f != tf.end() && w != idf.end()) s += w->second * (f->second * (k1 + 1)) / (f->second + K);
    }
    out.push_back(s);
  }
  return out;
}

std::vector<int> rank_by_score(const std::vector<double>& scores) {
  std::vector<int> idx;
  for (int i = 0; i < static_cast<int>(scores.size()); ++i) idx.push_back(i);
  std::sort(idx.begin(), idx.end(), [&](int a, int b) {
    if (scores[a] != scores[b]) return scores[a] > scores[b];
    return a < b;
  });
  return idx;
}

std::vector<std::pair<int, double>> reciprocal_rank_fusion(const std::vector<std::vector<int>>& rankings, int k = 60) {
  if (k < 0) throw std::invalid_argument("rrf: k < 0");
  std::unordered_map<int, double> fused;
  for (const auto& ranking : rankings) {
    std::unordered_set<int> seen;
    int rank = 0;
    for (int id : ranking) {
      ++rank;
      if (id < 0 || !seen.insert(id).second) throw std::invalid_argument("rrf: bad id");
      fused[id] += 1.0 / (k + rank);
    }
  }
  std::vector<std::pair<int, double>> out(fused.begin(), fused.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return a.first < b.first;
  });
  return out;
}

}  // namespace drill::bm25_rrf
