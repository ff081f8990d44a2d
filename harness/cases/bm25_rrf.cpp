// Grading cases of the BM25 and reciprocal-rank-fusion drill (../shared/docs/drills/bm25_rrf.md),
// in grading order: idf (corpus A, corpus B) → scores (defaults, then k1/b/epsilon given) →
// rank_by_score's exact ties → fusion (the main one, small ones) → end to end → invalid arguments.
#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cases/registry.hpp"
#include "reference/bm25_rrf.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/bm25_rrf.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::bm25_rrf;
using ref::Doc;
using Corpus = std::vector<Doc>;
using Rankings = std::vector<std::vector<int>>;

const Tolerance kScoreTol{1e-12, 1e-9};   // idf values and BM25 scores
const Tolerance kFusedTol{1e-15, 1e-12};  // fused scores

const char* const kIdfForm = "idf: rank_bm25's ln((N − n + 0.5)/(n + 0.5))";
const char* const kFloor = "negative idf must be floored to epsilon · mean idf (the mean of the raw idf of all terms)";
const char* const kDocumentFrequency = "n_t counts documents that contain t, not its occurrences";
const char* const kTermFrequency = "f(q,d) counts occurrences: 'the fox the fox the fox' holds fox 3 times";
const char* const kLength = "|d| counts tokens; avgdl includes the empty document (the mean over all N documents)";
const char* const kRepeated = "a token repeated in the query counts twice ('fox fox' adds fox's term twice)";
const char* const kParameters = "use the k1, b and epsilon passed, not the defaults 1.5, 0.75, 0.25";
const char* const kTies = "equal scores: lower index first";
const char* const kRanksFrom1 = "ranks start at 1: the first id of a ranking adds 1/(k + 1)";
const char* const kMissingAddsNothing = "a ranking that does not hold d adds nothing (no default rank for d)";
const char* const kFusedTies = "equal fused scores: lower id first";

Doc tokens(const std::string& text) {
  Doc out;
  std::istringstream in(text);
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

// Corpus A of the contract (document 3 is empty), and corpus B, whose average raw idf is negative.
Corpus corpus_a() {
  Corpus c;
  for (const char* text : {"the quick brown fox jumps over the lazy dog", "the fox the fox the fox", "a quick brown dog",
                           "", "lazy dog lazy cat", "cat dog the end", "dog the quick", "quick dog the",
                           "brown bear quick", "the dog barks at the fox"})
    c.push_back(tokens(text));
  return c;
}
Corpus corpus_b() { return {tokens("x y z"), tokens("x y"), tokens("x y w"), tokens("x z")}; }
const char* const kQuery = "fox fox quick the unicorn";
const char* const kLazyQuery = "lazy dog cat";

// ---- The reference with one slip switched on, to recognise it ---------------------------------

struct Bug {
  enum class Idf { RankBm25, Lucene, LogNOverN, Unsmoothed } idf = Idf::RankBm25;
  bool no_floor = false;         // negative idf kept
  bool floor_zero = false;       // raw ≤ 0 floored
  bool df_occurrences = false;   // n_t counts occurrences
  bool tf_presence = false;      // f(q,d) is 0 or 1
  bool length_distinct = false;  // |d| = distinct terms
  bool avgdl_nonempty = false;   // avgdl over non-empty documents
  bool dedup_query = false;      // each query term once
};

std::map<std::string, double> slipped_idf(const Corpus& corpus, double epsilon, const Bug& s) {
  std::map<std::string, int> n_t;
  for (const Doc& d : corpus) {
    if (s.df_occurrences)
      for (const auto& t : d) ++n_t[t];
    else
      for (const auto& t : std::set<std::string>(d.begin(), d.end())) ++n_t[t];
  }
  const double N = double(corpus.size());
  std::map<std::string, double> idf;
  double sum = 0;
  for (const auto& [t, n] : n_t) {
    double raw = std::log(N - n + 0.5) - std::log(n + 0.5);
    if (s.idf == Bug::Idf::Lucene) raw = std::log(1 + (N - n + 0.5) / (n + 0.5));
    if (s.idf == Bug::Idf::LogNOverN) raw = std::log(N / n);
    if (s.idf == Bug::Idf::Unsmoothed) raw = std::log((N - n) / n);
    idf[t] = raw;
    sum += raw;
  }
  const double floor = epsilon * sum / double(idf.size());
  for (auto& [t, v] : idf)
    if (!s.no_floor && (v < 0 || (s.floor_zero && v == 0))) v = floor;
  return idf;
}

std::vector<double> slipped_scores(const Corpus& corpus, const Doc& query, double k1, double b, double epsilon,
                                   const Bug& s) {
  const auto idf = slipped_idf(corpus, epsilon, s);
  auto length = [&](const Doc& d) {
    return double(s.length_distinct ? std::set<std::string>(d.begin(), d.end()).size() : d.size());
  };
  double total = 0, nonempty = 0;
  for (const Doc& d : corpus) {
    total += length(d);
    nonempty += d.empty() ? 0 : 1;
  }
  const double avgdl = total / (s.avgdl_nonempty ? nonempty : double(corpus.size()));
  Doc q = query;
  if (s.dedup_query) {
    Doc unique;
    for (const auto& t : q)
      if (std::find(unique.begin(), unique.end(), t) == unique.end()) unique.push_back(t);
    q = unique;
  }
  std::vector<double> out(corpus.size(), 0.0);
  for (size_t i = 0; i < corpus.size(); ++i) {
    for (const auto& t : q) {
      double f = double(std::count(corpus[i].begin(), corpus[i].end(), t));
      if (s.tf_presence) f = f > 0 ? 1 : 0;
      const auto it = idf.find(t);
      if (it == idf.end() || f == 0) continue;
      out[i] += it->second * f * (k1 + 1) / (f + k1 * (1 - b + b * length(corpus[i]) / avgdl));
    }
  }
  return out;
}

wire::Tensor values_tensor(const std::vector<double>& v) {
  wire::Tensor t;
  t.shape = {int64_t(v.size())};
  t.data = v;
  return t;
}
wire::Tensor idf_values(const std::map<std::string, double>& idf) {
  std::vector<double> v;
  for (const auto& [t, x] : idf) v.push_back(x);
  return values_tensor(v);
}
wire::Tensor ints_tensor(const std::vector<int>& v) {
  wire::Tensor t;
  t.shape = {int64_t(v.size())};
  t.data.assign(v.begin(), v.end());
  return t;
}

const char* const kNonfinite = "a NaN or an infinity: ln of a number ≤ 0, or a division by 0 (a term absent from d "
                               "must add exactly 0)";

wire::Values idf_args(const Corpus& c, double epsilon) { return {wire::nested_list(c), epsilon}; }
wire::Values score_args(const Corpus& c, const Doc& q, double k1, double b, double epsilon) {
  return {wire::nested_list(c), wire::string_list(q), k1, b, epsilon};
}

// The first term (in map order) in exactly N/2 documents, whose raw idf is exactly 0; "" if none.
std::string term_in_half(const Corpus& corpus) {
  if (corpus.size() % 2) return "";
  std::map<std::string, size_t> n_t;
  for (const Doc& d : corpus)
    for (const auto& t : std::set<std::string>(d.begin(), d.end())) ++n_t[t];
  for (const auto& [t, n] : n_t)
    if (2 * n == corpus.size()) return t;
  return "";
}

// ---- idf ---------------------------------------------------------------------------------------

// The candidate's terms, then its values, against the reference's.
void expect_idf(CaseContext& ctx, const Corpus& corpus, double epsilon) {
  auto out = ctx.call(fn::bm25_idf, idf_args(corpus, epsilon), 2);
  const auto expected = ctx.reference([&] { return ref::bm25_idf(corpus, epsilon); });
  const auto* keys = std::get_if<wire::List>(&out[0]);
  if (!keys || !keys->of_strings || keys->nested)
    ctx.fail(Verdict::RuntimeError, "the reply channel was corrupted (the idf's terms arrived as another type): does "
                                    "your code write to file descriptor 4?");
  std::set<std::string> want, got(keys->strings.begin(), keys->strings.end());
  for (const auto& [t, x] : expected) want.insert(t);
  if (got != want) {
    std::string missing, extra;
    for (const auto& t : want)
      if (!got.count(t)) missing += (missing.empty() ? "'" : ", '") + t + "'";
    for (const auto& t : got)
      if (!want.count(t)) extra += (extra.empty() ? "'" : ", '") + t + "'";
    ctx.fail(Verdict::WrongAnswer,
             fmt::format("idf: expected the corpus's {} distinct terms, got {}{}{}\n→ the idf map holds every term "
                         "of the corpus and no other string",
                         want.size(), got.size(), missing.empty() ? "" : "; missing " + missing,
                         extra.empty() ? "" : "; not in the corpus: " + extra));
  }
  Clues clues;
  clues.nonfinite = kNonfinite;
  auto slip = [&](Bug s, const std::string& why) {
    clues.fingerprints.push_back({idf_values(slipped_idf(corpus, epsilon, s)), why});
  };
  for (auto form : {Bug::Idf::Lucene, Bug::Idf::LogNOverN, Bug::Idf::Unsmoothed}) {
    Bug s;
    s.idf = form;
    slip(s, kIdfForm);
    s.no_floor = true;
    slip(s, kIdfForm);
  }
  slip(Bug{Bug::Idf::RankBm25, true}, kFloor);
  if (const std::string half = term_in_half(corpus); !half.empty())
    slip(Bug{Bug::Idf::RankBm25, false, true},
         fmt::format("'{}' is in N/2 = {} documents: its raw idf 0 stays 0 (only strictly negative idf is floored)",
                     half, corpus.size() / 2));
  slip(Bug{Bug::Idf::RankBm25, false, false, true}, kDocumentFrequency);
  Comparison c = check_close("idf", as_tensor(out[1]), idf_values(expected), kScoreTol, clues);
  if (!c.ok && c.worst && c.worst->index.size() == 1) {  // name the term of the entry shown
    auto it = expected.begin();
    std::advance(it, c.worst->index[0]);
    c.detail = fmt::format("idf[{}] is the idf of '{}'", c.worst->index[0], it->first);
  }
  ctx.expect(c);
}

Case idf_a_case() {
  const int N = 10;
  return {CaseName("bm25_idf").label("corpus A").param("N", N), 2,
          [=](CaseContext& ctx) { expect_idf(ctx, corpus_a(), 0.25); }};
}

Case idf_b_case() {
  const int N = 4;
  return {CaseName("bm25_idf").label("corpus B").label("negative mean raw idf").param("N", N), 2,
          [=](CaseContext& ctx) { expect_idf(ctx, corpus_b(), 0.25); }};
}

// ---- scores ------------------------------------------------------------------------------------

void expect_scores(CaseContext& ctx, const std::string& what, const Corpus& corpus, const Doc& q, double k1, double b,
                   double epsilon) {
  auto out = ctx.call(fn::bm25_scores, score_args(corpus, q, k1, b, epsilon), 1);
  const auto expected = ctx.reference([&] { return ref::bm25_scores(corpus, q, k1, b, epsilon); });
  Clues clues;
  clues.nonfinite = kNonfinite;
  auto slip = [&](Bug s, const char* why) {
    clues.fingerprints.push_back({values_tensor(slipped_scores(corpus, q, k1, b, epsilon, s)), why});
  };
  Bug s;
  s.tf_presence = true;
  slip(s, kTermFrequency);
  s = {};
  s.length_distinct = true;
  slip(s, kLength);
  s = {};
  s.avgdl_nonempty = true;
  slip(s, kLength);
  s = {};
  s.dedup_query = true;
  slip(s, kRepeated);
  if (k1 != 1.5 || b != 0.75 || epsilon != 0.25)
    clues.fingerprints.push_back({values_tensor(ref::bm25_scores(corpus, q)), kParameters});
  ctx.expect_close(what, out[0], values_tensor(expected), kScoreTol, clues);
}

Case scores_case() {
  return {CaseName("bm25_scores").label("corpus A").param("query", std::vector<std::string>{"fox fox quick the unicorn", "empty"}), 2,
          [=](CaseContext& ctx) {
            expect_scores(ctx, "scores", corpus_a(), tokens(kQuery), 1.5, 0.75, 0.25);
            expect_scores(ctx, "scores of an empty query", corpus_a(), {}, 1.5, 0.75, 0.25);
          }};
}

Case scores_parameters_case() {
  return {CaseName("bm25_scores").label("corpus A").param("k1", std::vector<double>{1.2, 2.0})
              .param("b", std::vector<double>{0, 0.9}).param("epsilon", std::vector<double>{0.25, 0.5}),
          2, [=](CaseContext& ctx) {
            expect_scores(ctx, "scores('lazy dog cat', k1 = 1.2, b = 0, epsilon = 0.25)", corpus_a(), tokens(kLazyQuery),
                          1.2, 0, 0.25);
            expect_scores(ctx, "scores('fox fox quick the unicorn', k1 = 2, b = 0.9, epsilon = 0.5)", corpus_a(),
                          tokens(kQuery), 2.0, 0.9, 0.5);
          }};
}

// ---- rank_by_score ----------------------------------------------------------------------------

// 40 scores with exact ties, 0.0 and −0.0, 0.1 + 0.2 next to 0.3, 3 next to 3 + 2⁻⁵¹, 1e-300,
// in a seeded shuffle (Fisher–Yates on mt19937_64's raw output: the same on every platform).
std::vector<double> tie_scores() {
  std::vector<double> v = {0.0, -0.0, 0.0, -0.0, 0.1 + 0.2, 0.3, 0.3, 0.1 + 0.2, 3.0, 3.0 + std::ldexp(1.0, -51),
                           3.0, 1e-300, 1e-300, -1e-300, 2.5, 2.5, 2.5, 2.5, -1.0, -1.0, -1.0, 7.25, 7.25, 7.25,
                           0.5, 0.5, 1.75, 1.75, 1.75, -2.5, -2.5, 4.0, 1e-300, 0.0, 0.3, 3.0 + std::ldexp(1.0, -51),
                           -0.0, 7.25, 1.0, 1.0};
  std::mt19937_64 g(2009);
  for (size_t i = v.size() - 1; i > 0; --i) std::swap(v[i], v[size_t(g() % (i + 1))]);
  return v;
}

// Why a permutation of the indices is not the order: at its first wrong position, two equal
// scores in the wrong order, or two scores a tolerance took for equal.
std::string rank_diagnosis(const std::vector<double>& scores, const std::vector<int>& got, const std::vector<int>& want) {
  if (std::set<int>(got.begin(), got.end()) != std::set<int>(want.begin(), want.end()) || got.size() != want.size())
    return "";
  for (size_t i = 0; i < want.size(); ++i) {
    if (got[i] == want[i]) continue;
    const double g = scores[size_t(got[i])], w = scores[size_t(want[i])];
    if (g == w) return fmt::format("{}: {} and {} both score {:.17g}", kTies, want[i], got[i], w);
    if (g < w && w - g <= 1e-9 * std::abs(w))
      return fmt::format("{}, and only exactly equal ones (==, no tolerance): {:.17g} ranks above {:.17g}", kTies, w, g);
    return "";
  }
  return "";
}

Case rank_case() {
  const int n = 40;
  return {CaseName("rank_by_score").label("exact ties").param("n", n), 2, [=](CaseContext& ctx) {
            const auto scores = tie_scores();
            auto out = ctx.call(fn::rank_by_score, {values_tensor(scores)}, 1);
            const auto expected = ctx.reference([&] { return ref::rank_by_score(scores); });
            Comparison c = check_exact("order", as_tensor(out[0]), ints_tensor(expected));
            if (!c.ok && c.problem == "values") {
              const wire::Tensor got = as_tensor(out[0]);
              std::vector<int> g;
              for (double x : got.data) g.push_back(int(x));
              c.diagnosis = rank_diagnosis(scores, g, expected);
            }
            ctx.expect(c);
          }};
}

// ---- reciprocal rank fusion -----------------------------------------------------------------

std::vector<std::pair<int, double>> zero_based(const Rankings& rankings, int k) {
  std::map<int, double> fused;
  for (const auto& r : rankings)
    for (size_t i = 0; i < r.size(); ++i) fused[r[i]] += 1.0 / (double(k) + double(i));
  std::vector<std::pair<int, double>> out(fused.begin(), fused.end());
  std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second > b.second; });
  return out;
}

std::vector<wire::Tensor> fusion_tensors(const std::vector<std::pair<int, double>>& f) {
  std::vector<int> ids;
  std::vector<double> scores;
  for (const auto& [id, x] : f) {
    ids.push_back(id);
    scores.push_back(x);
  }
  return {ints_tensor(ids), values_tensor(scores)};
}

// Every tie of the expected fusion is exact whatever the order of summation (each tied id
// has at most two terms): the grader's own data must keep this, or a tie would be a guess.
void require_exact_ties(CaseContext& ctx, const Rankings& rankings, const std::vector<std::pair<int, double>>& want) {
  std::map<int, int> terms;
  for (const auto& r : rankings)
    for (int id : r) ++terms[id];
  for (size_t i = 1; i < want.size(); ++i)
    if (want[i].second == want[i - 1].second && (terms[want[i].first] > 2 || terms[want[i - 1].first] > 2))
      ctx.fail(Verdict::RuntimeError, "grader error: a fused tie between ids with more than two terms");
}

// The candidate's fused scores by id minus the expected ones, when both hold the same ids.
// When every difference is Σ over the rankings lacking the id of a per-ranking constant
// c_j > 0, the candidate gave missing ids a default rank.
bool default_rank_penalty(const Rankings& rankings, const std::map<int, double>& got,
                          const std::vector<std::pair<int, double>>& want) {
  if (got.size() != want.size() || rankings.empty()) return false;
  const Eigen::Index n = Eigen::Index(want.size()), m = Eigen::Index(rankings.size());
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(n, m);
  Eigen::VectorXd extra(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto [id, x] = want[size_t(i)];
    const auto it = got.find(id);
    if (it == got.end()) return false;
    extra[i] = it->second - x;
    for (Eigen::Index j = 0; j < m; ++j)
      A(i, j) = std::find(rankings[size_t(j)].begin(), rankings[size_t(j)].end(), id) == rankings[size_t(j)].end();
  }
  if (extra.cwiseAbs().maxCoeff() <= 1e-12) return false;
  const Eigen::VectorXd c = A.colPivHouseholderQr().solve(extra);
  return (A * c - extra).cwiseAbs().maxCoeff() <= 1e-12 && c.minCoeff() >= -1e-15 && c.maxCoeff() > 1e-12;
}

void expect_fusion(CaseContext& ctx, const std::string& what, const Rankings& rankings, int k) {
  wire::Values args = {wire::nested_list(rankings), int64_t(k)};
  auto out = ctx.call(fn::reciprocal_rank_fusion, args, 2);
  const auto expected = ctx.reference([&] { return ref::reciprocal_rank_fusion(rankings, k); });
  require_exact_ties(ctx, rankings, expected);
  const auto want = fusion_tensors(expected);
  const std::vector<wire::Tensor> got = {as_tensor(out[0]), as_tensor(out[1])};
  Clues nonfinite;
  nonfinite.nonfinite = k == 0 ? kRanksFrom1 : kNonfinite;
  Comparison c = ctx.compare_outputs(got, {{what + " ids", want[0], {0, 0}}, {what + " scores", want[1], kFusedTol, nonfinite}},
                                     {{kRanksFrom1, fusion_tensors(zero_based(rankings, k))}});
  if (!c.ok && c.diagnosis.empty() && got[0].shape == want[0].shape && got[1].shape == want[1].shape) {
    std::map<int, double> by_id;
    for (size_t i = 0; i < got[0].data.size(); ++i) by_id[int(got[0].data[i])] = got[1].data[i];
    std::map<int, double> right(expected.begin(), expected.end());
    bool scores_right = by_id.size() == right.size();
    for (const auto& [id, x] : right)
      scores_right = scores_right && by_id.count(id) && std::abs(by_id[id] - x) <= kFusedTol.atol + kFusedTol.rtol * x;
    bool descending = true;
    for (size_t i = 1; i < got[1].data.size(); ++i) descending = descending && got[1].data[i] <= got[1].data[i - 1];
    if (scores_right && descending) c.diagnosis = kFusedTies;
    else if (default_rank_penalty(rankings, by_id, expected)) c.diagnosis = kMissingAddsNothing;
  }
  ctx.expect(c);
}

Case fusion_case() {
  const int k = 60;
  return {CaseName("reciprocal_rank_fusion").label("3 rankings").param("k", k), 2, [=](CaseContext& ctx) {
            expect_fusion(ctx, "fused", {{3, 1, 4, 0, 7}, {1, 3, 5, 8, 0}, {2, 9, 7, 6}}, k);
          }};
}

Case fusion_small_case() {
  return {CaseName("reciprocal_rank_fusion").label("small").param("k", std::vector<int>{0, 1, 60}), 2,
          [=](CaseContext& ctx) {
            expect_fusion(ctx, "fused([[2, 0, 1], [0, 2]], k = 0)", {{2, 0, 1}, {0, 2}}, 0);
            expect_fusion(ctx, "fused([[2, 0, 1], [0, 2]], k = 1)", {{2, 0, 1}, {0, 2}}, 1);
            expect_fusion(ctx, "fused([[5, 2, 9]])", {{5, 2, 9}}, 60);
            expect_fusion(ctx, "fused(no rankings)", {}, 60);
            expect_fusion(ctx, "fused([[]])", {{}}, 60);
          }};
}

// ---- end to end ------------------------------------------------------------------------------

// Distinct BM25 scores must differ by more than 1e-6 relative, so rounding cannot reorder them.
void require_separated(CaseContext& ctx, const std::vector<double>& scores) {
  for (double a : scores)
    for (double b : scores)
      if (a != b && std::abs(a - b) <= 1e-6 * std::max(std::abs(a), std::abs(b)))
        ctx.fail(Verdict::RuntimeError, "grader error: two distinct BM25 scores within 1e-6 of each other");
}

Case end_to_end_case() {
  const int k = 60;
  return {CaseName("end_to_end").label("2 BM25 rankings and a dense top-4").param("k", k), 3, [=](CaseContext& ctx) {
            const Corpus a = corpus_a();
            Rankings rankings;
            wire::Values fused_args;
            for (const char* q : {kQuery, kLazyQuery}) {
              require_separated(ctx, ref::bm25_scores(a, tokens(q)));
              auto scores = ctx.call(fn::bm25_scores, score_args(a, tokens(q), 1.5, 0.75, 0.25), 1);
              auto order = ctx.call(fn::rank_by_score, {scores[0]}, 1);
              const wire::Tensor t = as_tensor(order[0]);
              rankings.emplace_back(t.data.begin(), t.data.end());
            }
            rankings.push_back({7, 2, 0, 9});
            // The fusion of the candidate's own rankings, compared with the reference's end to end.
            auto out = ctx.call(fn::reciprocal_rank_fusion, {wire::nested_list(rankings), int64_t(k)}, 2);
            const auto expected = ctx.reference([&] {
              const Rankings want = {ref::rank_by_score(ref::bm25_scores(a, tokens(kQuery))),
                                     ref::rank_by_score(ref::bm25_scores(a, tokens(kLazyQuery))), {7, 2, 0, 9}};
              return ref::reciprocal_rank_fusion(want, k);
            });
            const auto want = fusion_tensors(expected);
            ctx.expect_outputs({as_tensor(out[0]), as_tensor(out[1])},
                               {{"fused ids", want[0], {0, 0}}, {"fused scores", want[1], kFusedTol}});
          }};
}

// ---- invalid arguments -------------------------------------------------------------------------

Case invalid_case() {
  return {CaseName("invalid_arguments"), 2, [=](CaseContext& ctx) {
            const std::string bm25_rule = "it must throw std::invalid_argument for a corpus with no document or no token";
            const Corpus none, empty_docs = {{}, {}};
            ctx.expect_throws(fn::bm25_idf, idf_args(none, 0.25), "std::invalid_argument", "bm25_idf(no documents)",
                              bm25_rule);
            ctx.expect_throws(fn::bm25_idf, idf_args(empty_docs, 0.25), "std::invalid_argument",
                              "bm25_idf(two empty documents)", bm25_rule);
            ctx.expect_throws(fn::bm25_scores, score_args(none, tokens("fox"), 1.5, 0.75, 0.25), "std::invalid_argument",
                              "bm25_scores(no documents)", bm25_rule);
            ctx.expect_throws(fn::bm25_scores, score_args(empty_docs, tokens("fox"), 1.5, 0.75, 0.25),
                              "std::invalid_argument", "bm25_scores(two empty documents)", bm25_rule);
            const std::string rrf_rule = "it must throw std::invalid_argument if k < 0, an id is negative, or one "
                                         "ranking lists an id twice";
            ctx.expect_throws(fn::reciprocal_rank_fusion, {wire::nested_list(Rankings{{1, 2}}), int64_t(-1)},
                              "std::invalid_argument", "reciprocal_rank_fusion(k = -1)", rrf_rule);
            ctx.expect_throws(fn::reciprocal_rank_fusion, {wire::nested_list(Rankings{{1, 2, 1}}), int64_t(60)},
                              "std::invalid_argument", "reciprocal_rank_fusion([[1, 2, 1]])", rrf_rule);
            ctx.expect_throws(fn::reciprocal_rank_fusion, {wire::nested_list(Rankings{{1, -2}}), int64_t(60)},
                              "std::invalid_argument", "reciprocal_rank_fusion([[1, -2]])", rrf_rule);
          }};
}

}  // namespace

std::vector<Case> bm25_rrf_cases() {
  return {idf_a_case(),        idf_b_case(),  scores_case(),     scores_parameters_case(), rank_case(),
          fusion_case(),       fusion_small_case(), end_to_end_case(), invalid_case()};
}

}  // namespace mldrill::cases
