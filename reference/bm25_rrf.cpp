// Reference BM25 and reciprocal rank fusion (cpp flavor): rank_bm25's BM25Okapi written out
// term by term, and RRF as Cormack et al. (2009). Graded itself as a cpp candidate.
#include "bm25_rrf.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>

namespace drill::bm25_rrf {

namespace {

// rank_bm25 divides by N and by the total length: both must be non-zero.
void require_tokens(const std::vector<Doc>& corpus) {
  if (corpus.empty()) throw std::invalid_argument("bm25: the corpus has no document");
  for (const Doc& d : corpus)
    if (!d.empty()) return;
  throw std::invalid_argument("bm25: the corpus has no token");
}

}  // namespace

std::map<std::string, double> bm25_idf(const std::vector<Doc>& corpus, double epsilon) {
  require_tokens(corpus);
  std::map<std::string, int> df;  // documents containing each term
  for (const Doc& d : corpus)
    for (const std::string& t : std::set<std::string>(d.begin(), d.end())) ++df[t];
  const double n_docs = double(corpus.size());
  std::map<std::string, double> idf;
  double sum = 0;
  for (const auto& [term, n] : df) {
    idf[term] = std::log(n_docs - n + 0.5) - std::log(n + 0.5);
    sum += idf[term];
  }
  const double floor = epsilon * sum / double(idf.size());
  for (auto& [term, value] : idf)
    if (value < 0) value = floor;  // strictly negative only: a term in N/2 documents keeps 0
  return idf;
}

std::vector<double> bm25_scores(const std::vector<Doc>& corpus, const Doc& query, double k1, double b,
                                double epsilon) {
  const std::map<std::string, double> idf = bm25_idf(corpus, epsilon);
  double total = 0;
  for (const Doc& d : corpus) total += double(d.size());
  const double avgdl = total / double(corpus.size());
  std::vector<double> scores(corpus.size(), 0.0);
  for (size_t i = 0; i < corpus.size(); ++i) {
    const Doc& d = corpus[i];
    const double norm = k1 * (1 - b + b * double(d.size()) / avgdl);
    for (const std::string& q : query) {  // a repeated query token adds again
      const auto it = idf.find(q);
      const double f = double(std::count(d.begin(), d.end(), q));
      if (it == idf.end() || f == 0) continue;  // adds exactly 0
      scores[i] += it->second * f * (k1 + 1) / (f + norm);
    }
  }
  return scores;
}

std::vector<int> rank_by_score(const std::vector<double>& scores) {
  std::vector<int> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return scores[size_t(a)] > scores[size_t(b)]; });
  return order;
}

std::vector<std::pair<int, double>> reciprocal_rank_fusion(const std::vector<std::vector<int>>& rankings, int k) {
  if (k < 0) throw std::invalid_argument("reciprocal_rank_fusion: k < 0");
  std::map<int, double> fused;
  for (const auto& ranking : rankings) {
    std::set<int> seen;
    for (size_t r = 0; r < ranking.size(); ++r) {
      const int id = ranking[r];
      if (id < 0) throw std::invalid_argument("reciprocal_rank_fusion: a negative id");
      if (!seen.insert(id).second) throw std::invalid_argument("reciprocal_rank_fusion: an id listed twice");
      fused[id] += 1.0 / (double(k) + double(r + 1));
    }
  }
  std::vector<std::pair<int, double>> out(fused.begin(), fused.end());  // ascending id
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace drill::bm25_rrf
