// BM25 (Okapi, as rank_bm25) ranking and reciprocal rank fusion — cpp flavor (standard C++
// only). Target: 25 minutes. Implement the four functions below; `mldrill check` grades them
// in this order. Keep the names, signatures and defaults exactly as they are: the grader calls them.
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace drill::bm25_rrf {

using Doc = std::vector<std::string>;  // one tokenized document (or query); tokens compared exactly

// idf of every distinct term of the corpus (and of no other string), as rank_bm25's BM25Okapi:
//   raw(t) = ln(N − n_t + 0.5) − ln(n_t + 0.5)   N documents, n_t = how many documents contain t
//   average = mean of raw(t) over all distinct terms, negative ones included
//   idf(t) = raw(t) if raw(t) ≥ 0, else epsilon · average
// Throws std::invalid_argument if the corpus has no document or no token at all.
std::map<std::string, double> bm25_idf(const std::vector<Doc>& corpus, double epsilon = 0.25) {
  throw std::logic_error("not implemented: bm25_idf");
}

// BM25Okapi score of every document for the query, in document order:
//   score(d) = Σ over the query's TOKENS q (a repeated token counts each time)
//              idf(q) · f(q,d)·(k1 + 1) / (f(q,d) + k1·(1 − b + b·|d| / avgdl))
// f(q,d) = occurrences of q in d; |d| = d's number of tokens; avgdl = mean |d| over all N
// documents, empty ones included. An unknown query token, or a term absent from d, adds 0.
// Throws std::invalid_argument as bm25_idf does.
std::vector<double> bm25_scores(const std::vector<Doc>& corpus, const Doc& query, double k1 = 1.5, double b = 0.75,
                                double epsilon = 0.25) {
  throw std::logic_error("not implemented: bm25_scores");
}

// Every index 0 .. n−1 by descending score; equal scores (==) → lower index first.
std::vector<int> rank_by_score(const std::vector<double>& scores) {
  throw std::logic_error("not implemented: rank_by_score");
}

// Reciprocal rank fusion: fused(d) = Σ over the rankings that contain d of 1 / (k + rank(d)),
// ranks 1-based. Returns (id, fused) for every id in any ranking, by descending fused score,
// equal scores (==) → lower id first. Throws std::invalid_argument if k < 0, an id is
// negative, or one ranking lists an id twice.
std::vector<std::pair<int, double>> reciprocal_rank_fusion(const std::vector<std::vector<int>>& rankings, int k = 60) {
  throw std::logic_error("not implemented: reciprocal_rank_fusion");
}

}  // namespace drill::bm25_rrf
