// The bm25_rrf contract (cpp flavor, standard C++ only), exactly as the stub presents it:
// rank_bm25's BM25Okapi idf (with its epsilon floor) and scores, a stable ranking, and
// reciprocal rank fusion with 1-based ranks.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace drill::bm25_rrf {

using Doc = std::vector<std::string>;

std::map<std::string, double> bm25_idf(const std::vector<Doc>& corpus, double epsilon = 0.25);
std::vector<double> bm25_scores(const std::vector<Doc>& corpus, const Doc& query, double k1 = 1.5, double b = 0.75,
                                double epsilon = 0.25);
std::vector<int> rank_by_score(const std::vector<double>& scores);
std::vector<std::pair<int, double>> reciprocal_rank_fusion(const std::vector<std::vector<int>>& rankings, int k = 60);

}  // namespace drill::bm25_rrf
