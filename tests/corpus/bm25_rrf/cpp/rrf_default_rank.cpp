// expect: wrong_answer
// case: reciprocal_rank_fusion(3 rankings,k=60)
// message: a ranking that does not hold d adds nothing
// An id missing from a ranking is given the rank after its last.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace drill::bm25_rrf {

using Doc = std::vector<std::string>;

namespace {
void require_tokens(const std::vector<Doc>& corpus) {
  if (corpus.empty()) throw std::invalid_argument("no document");
  for (const Doc& d : corpus)
    if (!d.empty()) return;
  throw std::invalid_argument("no token");
}
}  // namespace

std::map<std::string, double> bm25_idf(const std::vector<Doc>& corpus, double epsilon = 0.25) {
  require_tokens(corpus);
  std::map<std::string, int> df;
  for (const Doc& d : corpus)
    for (const std::string& t : std::set<std::string>(d.begin(), d.end())) ++df[t];
  const double N = double(corpus.size());
  std::map<std::string, double> idf;
  double sum = 0;
  for (const auto& [t, n] : df) {
    idf[t] = std::log(N - n + 0.5) - std::log(n + 0.5);
    sum += idf[t];
  }
  const double floor = epsilon * sum / double(idf.size());
  for (auto& [t, v] : idf)
    if (v < 0) v = floor;
  return idf;
}

std::vector<double> bm25_scores(const std::vector<Doc>& corpus, const Doc& query, double k1 = 1.5, double b = 0.75,
                                double epsilon = 0.25) {
  const auto idf = bm25_idf(corpus, epsilon);
  double total = 0;
  for (const Doc& d : corpus) total += double(d.size());
  const double avgdl = total / double(corpus.size());
  std::vector<double> scores(corpus.size(), 0.0);
  for (size_t i = 0; i < corpus.size(); ++i) {
    const Doc& d = corpus[i];
    const double len = double(d.size());
    for (const std::string& q : query) {
      const auto it = idf.find(q);
      const double f = double(std::count(d.begin(), d.end(), q));
      if (it == idf.end() || f == 0) continue;
      scores[i] += it->second * f * (k1 + 1) / (f + k1 * (1 - b + b * len / avgdl));
    }
  }
  return scores;
}

std::vector<int> rank_by_score(const std::vector<double>& scores) {
  std::vector<int> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return scores[a] > scores[b]; });
  return order;
}

std::vector<std::pair<int, double>> reciprocal_rank_fusion(const std::vector<std::vector<int>>& rankings, int k = 60) {
  if (k < 0) throw std::invalid_argument("k < 0");
  std::map<int, double> fused;
  for (const auto& ranking : rankings) {
    std::set<int> seen;
    for (size_t r = 0; r < ranking.size(); ++r) {
      if (ranking[r] < 0) throw std::invalid_argument("negative id");
      if (!seen.insert(ranking[r]).second) throw std::invalid_argument("id twice");
      fused[ranking[r]] += 1.0 / (k + double(r + 1));
    }
  }
  const std::map<int, double> present = fused;
  for (const auto& ranking : rankings)
    for (const auto& [id, x] : present)
      if (std::find(ranking.begin(), ranking.end(), id) == ranking.end()) fused[id] += 1.0 / (k + double(ranking.size() + 1));
  std::vector<std::pair<int, double>> out(fused.begin(), fused.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace drill::bm25_rrf
