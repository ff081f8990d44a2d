// Grading cases of the k-NN drill (EXERCISES.md "knn"), in grading order: distances →
// clamping → predictions (no ties, distance ties, vote ties, iris, k = 1, near-duplicates
// far from the origin, k = n) → the invalid-k error.
// Dimensions: n training rows, m query rows, d features, k neighbours, C classes.
//
// Tolerances (also in exercises/knn/README.md):
// - distances: |Δ| ≤ 1e-9 · max|expected| for every entry, and no entry below 0. The
//   expansion ‖a‖² + ‖b‖² − 2 a·b is off by ~1e-16 · ‖a‖² per entry, far inside that; it
//   is accepted when clamped at 0.
// - labels: equal to the reference's. On real-valued data a query whose k-th and
//   (k+1)-th nearest squared distances are within 1e-9 relative (plus 1e-12 · the largest
//   squared row norm, for distances that are rounding noise around 0) is not compared:
//   rounding decides there and either answer is right. On small-integer grids both
//   distance forms are exact, ties are real ties, and every query is compared.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "data/dataset.hpp"
#include "reference/knn.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/knn.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::knn;

struct Problem {
  Eigen::MatrixXd X_train;  // n × d
  Eigen::VectorXi y_train;  // n
  Eigen::MatrixXd X_query;  // m × d
  int k = 1;
  bool exact = false;  // small-integer coordinates: every tie is real, every query is compared
};

wire::Values args(const Problem& p) {
  return {tensor(p.X_train), int_tensor(p.y_train), tensor(p.X_query), int64_t(p.k)};
}

// ---- Neighbours as the contract ranks them, and the classic slips ---------------------

// Training rows of one query, nearest first; equal distances: lower index first.
std::vector<int> ranking(const Eigen::RowVectorXd& d, bool higher_index_first = false) {
  std::vector<int> idx(static_cast<size_t>(d.size()));
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return d[a] < d[b]; });
  if (higher_index_first) {  // reverse each run of equal distances
    for (size_t i = 0; i < idx.size();) {
      size_t j = i;
      while (j < idx.size() && d[idx[j]] == d[idx[i]]) ++j;
      std::reverse(idx.begin() + long(i), idx.begin() + long(j));
      i = j;
    }
  }
  return idx;
}

std::vector<int> votes(const std::vector<int>& rows, const Eigen::VectorXi& y, int classes) {
  std::vector<int> count(static_cast<size_t>(classes), 0);
  for (int r : rows) ++count[size_t(y[r])];
  return count;
}

int winner(const std::vector<int>& count, bool largest_label) {
  int best = 0;
  for (int c = 0; c < int(count.size()); ++c)
    if (count[size_t(c)] > count[size_t(best)] || (largest_label && count[size_t(c)] == count[size_t(best)])) best = c;
  return best;
}

// The least common label among those that got a vote (smallest label on ties): argmin for argmax.
int loser(const std::vector<int>& count) {
  int best = -1;
  for (int c = 0; c < int(count.size()); ++c)
    if (count[size_t(c)] > 0 && (best < 0 || count[size_t(c)] < count[size_t(best)])) best = c;
  return best;
}

// A tied vote broken by which tied label appears first among the neighbours, nearest first
// (Python's Counter.most_common, a first-seen map).
int first_seen_winner(const std::vector<int>& rows, const Eigen::VectorXi& y, const std::vector<int>& count) {
  const int top = *std::max_element(count.begin(), count.end());
  for (int r : rows)
    if (count[size_t(y[r])] == top) return y[r];
  return 0;
}

struct Slip {
  bool farthest = false;
  int k_shift = 0;
  bool higher_index_first = false;
  bool largest_label = false;
  bool index_not_label = false;
  bool skip_nearest = false;
  bool minority = false;    // the least common label wins
  bool first_seen = false;  // a tied vote goes to the tied label seen first, nearest first
  bool drop_farthest = false;  // a tied vote is re-run without the farthest neighbour, until it is not tied
};

// k-NN as the contract says, with one slip switched on, to recognise a candidate's bug.
Eigen::VectorXi predict_with(const Eigen::MatrixXd& D, const Eigen::VectorXi& y, int k, Slip s) {
  const int classes = y.maxCoeff() + 1;
  Eigen::VectorXi out(D.rows());
  for (Eigen::Index q = 0; q < D.rows(); ++q) {
    std::vector<int> order = ranking(s.farthest ? Eigen::RowVectorXd(-D.row(q)) : Eigen::RowVectorXd(D.row(q)),
                                     s.higher_index_first);
    if (s.skip_nearest) order.erase(order.begin());
    order.resize(size_t(k + s.k_shift));
    std::vector<int> count = votes(order, y, classes);
    while (s.drop_farthest && order.size() > 1 &&
           std::count(count.begin(), count.end(), *std::max_element(count.begin(), count.end())) > 1) {
      --count[size_t(y[order.back()])];
      order.pop_back();
    }
    out[q] = s.index_not_label ? order[0]
             : s.minority      ? loser(count)
             : s.first_seen    ? first_seen_winner(order, y, count)
                               : winner(count, s.largest_label);
  }
  return out;
}

struct Known {
  Slip slip;
  std::string diagnosis;
};

std::vector<Known> known_slips() {
  auto slip = [](auto set) {
    Slip s;
    set(s);
    return s;
  };
  return {
      {slip([](Slip& s) { s.farthest = true; }),
       "these are the votes of the k FARTHEST training rows: rank distances ascending"},
      {slip([](Slip& s) { s.k_shift = -1; }), "off by one: you vote among k − 1 neighbours; take all k nearest"},
      {slip([](Slip& s) { s.k_shift = +1; }), "off by one: you vote among k + 1 neighbours; take exactly k"},
      {slip([](Slip& s) { s.skip_nearest = true; }),
       "you skipped the nearest neighbour (as if it were the query itself): a query is not one of the training "
       "rows, so its nearest row votes too"},
      {slip([](Slip& s) { s.index_not_label = true; }),
       "these are indices of the nearest training rows, not labels: return y_train[index]"},
      {slip([](Slip& s) { s.minority = true; }),
       "this is the LEAST common label among the k nearest: the vote takes the most common one (argmax of the "
       "counts, not argmin)"},
      {slip([](Slip& s) { s.largest_label = true; }),
       "a tied vote, and you picked the largest label: the smallest label wins"},
      {slip([](Slip& s) { s.drop_farthest = true; }),
       "a tied vote among all k, and you broke it by dropping the farthest neighbour and voting again: the "
       "contract breaks a tied vote by the smallest label"},
      {slip([](Slip& s) { s.first_seen = true; }),
       "a tied vote, and you took the tied label seen first among the nearest rows (a first-seen map, "
       "Counter.most_common): the smallest label wins"},
      {slip([](Slip& s) { s.higher_index_first = true; }),
       "a distance tie, and you ranked the higher training index first: the lower index is nearer"},
  };
}

// ---- The label comparison -------------------------------------------------------------

std::string row_list(const std::vector<int>& rows, const Eigen::RowVectorXd& d, const Eigen::VectorXi& y) {
  std::string s;
  for (size_t i = 0; i < rows.size() && i < 12; ++i)
    s += fmt::format("{}{}: label {} (d² {:.6g})", i ? ", " : "", rows[i], y[rows[i]], d[rows[i]]);
  if (rows.size() > 12) s += fmt::format(", … ({} more)", rows.size() - 12);
  return s;
}

// Every label a vote can give when the rows tied at the k-th distance are chosen freely
// (and vote ties broken either way): what a candidate that ignores the tie rules can return.
std::set<int> labels_with_free_ties(const std::vector<int>& order, const Eigen::RowVectorXd& d,
                                    const Eigen::VectorXi& y, int k, int classes) {
  const double dk = d[order[size_t(k - 1)]];
  std::vector<int> inside, tied;
  for (int r : order) {
    if (d[r] < dk) inside.push_back(r);
    else if (d[r] == dk) tied.push_back(r);
  }
  const size_t need = size_t(k) - inside.size();
  std::set<int> out;
  if (tied.size() > 16) return out;
  for (uint32_t mask = 0; mask < (1u << tied.size()); ++mask) {
    if (size_t(__builtin_popcount(mask)) != need) continue;
    std::vector<int> rows = inside;
    for (size_t t = 0; t < tied.size(); ++t)
      if (mask & (1u << t)) rows.push_back(tied[t]);
    const std::vector<int> count = votes(rows, y, classes);
    const int top = *std::max_element(count.begin(), count.end());
    for (int c = 0; c < classes; ++c)
      if (count[size_t(c)] == top) out.insert(c);
  }
  return out;
}

// Why query q got `got` instead of `want`, judged from its own neighbourhood.
std::string tie_diagnosis(const std::vector<int>& order, const Eigen::RowVectorXd& d, const Eigen::VectorXi& y,
                          int k, int classes, int got) {
  const std::vector<int> nearest(order.begin(), order.begin() + k);
  const std::vector<int> count = votes(nearest, y, classes);
  const int top = *std::max_element(count.begin(), count.end());
  std::string vote_tie, distance_tie;
  if (got >= 0 && got < classes && count[size_t(got)] == top) {
    std::string tied;
    for (int c = 0; c < classes; ++c)
      if (count[size_t(c)] == top) tied += fmt::format("{}{}", tied.empty() ? "" : ", ", c);
    vote_tie = fmt::format("a tied vote: labels {} have {} votes each among the k nearest; the smallest label wins",
                           tied, top);
  }
  const double dk = d[order[size_t(k - 1)]];
  const bool tie_at_k = size_t(k) < order.size() && d[order[size_t(k)]] == dk;
  if (tie_at_k && labels_with_free_ties(order, d, y, k, classes).count(got)) {
    std::string rows;
    for (int r : order)
      if (d[r] == dk) rows += fmt::format("{}{}", rows.empty() ? "" : ", ", r);
    distance_tie = fmt::format(
        "a distance tie at the k-th neighbour: training rows {} are all at d² = {:.6g}, and not all "
        "of them fit; the lower training index is nearer (a stable sort, or compare (distance, index))",
        rows, dk);
  }
  // Both fit when the vote is tied and rows are tied at the k-th distance: other tied rows
  // (an unstable sort) or another tied label (the vote rule) give the same answer, so name both.
  if (!vote_tie.empty() && !distance_tie.empty()) return distance_tie + "; or " + vote_tie;
  return vote_tie.empty() ? distance_tie : vote_tie;
}

// Compares the candidate's labels with the reference's and stops the case with a message
// naming the first differing query, its neighbourhood and, where recognisable, the bug.
void expect_labels(CaseContext& ctx, const Problem& p, const wire::Value& got_value, const std::string& note = "") {
  const auto m = p.X_query.rows();
  const wire::Tensor got_t = ctx.expect_shape("labels", got_value, {m});
  const Eigen::VectorXi got = vector_of(got_t).cast<int>();
  const Eigen::VectorXi want = ctx.reference([&] { return ref::predict(p.X_train, p.y_train, p.X_query, p.k); });
  const Eigen::MatrixXd D = ref::pairwise_sq_dist(p.X_query, p.X_train);  // m × n
  const double floor = 1e-12 * std::max(p.X_train.rowwise().squaredNorm().maxCoeff(),
                                        p.X_query.rowwise().squaredNorm().maxCoeff());
  const int classes = p.y_train.maxCoeff() + 1;

  // Queries with a near tie at the k-th neighbour are not compared: rounding decides there.
  std::vector<bool> compared(size_t(m), true);
  for (Eigen::Index q = 0; q < m; ++q) {
    const std::vector<int> order = ranking(D.row(q));
    if (!p.exact && p.k < int(order.size())) {
      const double dk = D(q, order[size_t(p.k - 1)]), next = D(q, order[size_t(p.k)]);
      if (next - dk <= 1e-9 * next + floor) compared[size_t(q)] = false;
    }
  }
  // The known slips, each as the labels it gives here: the kit names the first that the
  // candidate's labels are on every compared query.
  Clues clues;
  for (const Known& s : known_slips()) {
    const int k2 = p.k + s.slip.k_shift;
    if (k2 < 1 || k2 + s.slip.skip_nearest > p.X_train.rows()) continue;
    // k = n: every query's vote is the same whole set, so k − 1 looks like a tie broken by
    // dropping the farthest row; code that got here already votes among k in the cases before.
    if (s.slip.k_shift != 0 && p.k == p.X_train.rows()) continue;
    clues.fingerprints.push_back({as_tensor(int_tensor(predict_with(D, p.y_train, p.k, s.slip))), s.diagnosis});
  }
  Comparison c = check_exact("labels", got_t, as_tensor(int_tensor(want)), clues, compared);
  if (c.ok) return;
  c.skipped_why = "a near-tie at the k-th neighbour, where either answer is right";
  const auto first = Eigen::Index(c.worst->index.at(0));
  const std::vector<int> order = ranking(D.row(first));
  // A tie explains the failure only when it explains every differing query.
  if (c.diagnosis.empty()) {
    std::string why = tie_diagnosis(order, D.row(first), p.y_train, p.k, classes, got[first]);
    for (Eigen::Index q = first + 1; q < m && !why.empty(); ++q)
      if (compared[size_t(q)] && got[q] != want[q] &&
          tie_diagnosis(ranking(D.row(q)), D.row(q), p.y_train, p.k, classes, got[q]).empty())
        why.clear();
    c.diagnosis = why;
  }
  if (c.diagnosis.empty() && (got[first] < 0 || got[first] >= classes))
    c.diagnosis = fmt::format("{} is not a label of y_train (0 .. {})", got[first], classes - 1);
  const size_t shown = std::min(order.size(), size_t(p.k) + 2);
  c.detail = fmt::format("query {}'s nearest training rows (k = {}): {}", first, p.k,
                         row_list(std::vector<int>(order.begin(), order.begin() + long(shown)), D.row(first), p.y_train));
  if (!note.empty()) c.detail += "\n  " + note;
  ctx.expect(c);
}

// ---- Inputs --------------------------------------------------------------------------

// Random labels make every neighbour count: a vote among k − 1 or k + 1 rows differs.
Problem gaussian(int n, int m, int d, int classes, int k, uint64_t seed) {
  Draw r(seed);
  Problem p;
  p.X_train = r.normal(n, d);
  p.X_query = r.normal(m, d);
  p.y_train = r.labels(n, classes);
  p.k = k;
  return p;
}

// Small integers on a grid: both distance forms are exact, so equal distances are real ties.
Problem grid(int n, int m, int d, int span, int classes, int k, uint64_t seed) {
  Draw r(seed);
  Labelled train = labelled_grid(r, n, d, span, classes);
  return {std::move(train.X), std::move(train.y), r.integers(m, d, span), k, true};
}

// n training rows around 1e3 in every coordinate, a few units apart, each its own class;
// each query a near-duplicate (1e-7 away) of one of them. ‖a‖² ≈ 4e6 there, so the
// expansion's rounding (~1e-9) swamps the true d² (~1e-14) and comes out negative about
// half the time.
constexpr double kFar = 1e3;  // |x| of far_from_origin's rows
Problem far_from_origin(int n, int per_row, uint64_t seed) {
  Draw r(seed);
  const int d = 4;
  Problem p{Eigen::MatrixXd(n, d), Eigen::VectorXi(n), Eigen::MatrixXd(n * per_row, d), 1};
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) p.X_train(i, j) = (j % 2 ? -kFar : kFar) + 3.0 * r.normal();
    p.y_train[i] = i;
  }
  for (int q = 0; q < n * per_row; ++q)
    for (int j = 0; j < d; ++j) p.X_query(q, j) = p.X_train(q % n, j) + 1e-7 * r.normal();
  return p;
}

// ---- Cases ---------------------------------------------------------------------------

const char* kNonfinite =
    "NaN or inf in a squared distance: a sqrt of a negative number? ‖a‖² + ‖b‖² − 2 a·b can dip just below 0 "
    "for near-duplicate rows; clamp at 0 — or a value used before it was set (setZero() new matrices)";

void expect_distances(CaseContext& ctx, const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  auto out = ctx.call(fn::pairwise_sq_dist, {tensor(A), tensor(B)}, 1);
  const Eigen::MatrixXd want = ctx.reference([&] { return ref::pairwise_sq_dist(A, B); });
  const Eigen::VectorXd a2 = A.rowwise().squaredNorm();
  const Eigen::RowVectorXd b2 = B.rowwise().squaredNorm().transpose();
  const Eigen::MatrixXd AB = A * B.transpose();
  auto expansion = [&](double na, double nb, double cross) {
    Eigen::MatrixXd M = cross * AB;
    M.colwise() += na * a2;
    M.rowwise() += nb * b2;
    return tensor(M);
  };
  Eigen::MatrixXd l1(A.rows(), B.rows());
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    for (Eigen::Index j = 0; j < B.rows(); ++j) l1(i, j) = (A.row(i) - B.row(j)).cwiseAbs().sum();
  Clues clues;
  clues.nonfinite = kNonfinite;
  clues.fingerprints = {
      {tensor(Eigen::MatrixXd(want.cwiseSqrt())),
       "these are Euclidean distances ‖a − b‖: the contract asks for SQUARED distances (drop the sqrt)"},
      {tensor(l1), "these are sums of |a − b| (Manhattan distances): square the differences"},
      {expansion(1, 1, -1), "the cross term needs its factor 2: ‖a‖² + ‖b‖² − 2 a·b"},
      {expansion(1, 1, 2), "the cross term's sign is flipped: ‖a‖² + ‖b‖² − 2 a·b"},
      {expansion(1, 0, -2), "‖b‖² (the norms of B's rows) is missing: ‖a‖² + ‖b‖² − 2 a·b"},
      {expansion(0, 1, -2), "‖a‖² (the norms of A's rows) is missing: ‖a‖² + ‖b‖² − 2 a·b"},
  };
  ctx.expect_close("D", out[0], tensor(want), {1e-9 * want.cwiseAbs().maxCoeff(), 0}, clues);
  const wire::Tensor got = as_tensor(out[0]);
  const auto lowest = std::min_element(got.data.begin(), got.data.end());
  if (lowest != got.data.end() && *lowest < 0) {
    const auto at = size_t(lowest - got.data.begin());
    const auto cols = size_t(B.rows());
    ctx.fail(Verdict::WrongAnswer,
             fmt::format("D: {} entries are negative; worst D[{}, {}] = {:.3g} (expected {:.3g}). A squared distance "
                         "cannot be negative: rows {} of A and {} of B are near-duplicates far from the origin, where "
                         "‖a‖² + ‖b‖² − 2 a·b cancels and its rounding error (~1e-16 · ‖a‖²) can dip below 0; a sqrt "
                         "of it is NaN\n→ clamp at 0: D = D.cwiseMax(0.0)",
                         std::count_if(got.data.begin(), got.data.end(), [](double x) { return x < 0; }), at / cols,
                         at % cols, *lowest, want(Eigen::Index(at / cols), Eigen::Index(at % cols)), at / cols,
                         at % cols));
  }
}

Case distances_case() {
  Draw r(21);
  const Eigen::MatrixXd A = r.normal(7, 3), B = r.normal(5, 3);
  return {CaseName("pairwise_sq_dist").label(Shape{A.rows(), A.cols()}).label(Shape{B.rows(), B.cols()}), 2,
          [=](CaseContext& ctx) { expect_distances(ctx, A, B); }};
}

Case clamp_case() {
  return {CaseName("pairwise_sq_dist").label("near-duplicates").param("|x|", kFar, "~"), 2, [](CaseContext& ctx) {
            const Problem p = far_from_origin(12, 8, 22);
            expect_distances(ctx, p.X_query, p.X_train);
          }};
}

// "predict(<labels>,n=50,m=30,d=3,k=5)": the name's sizes and k are the problem's own. `sizes`
// off: only k (the labels say what the data is).
Case predict_case(CaseName name, Problem p, double cpu, std::string note = "", bool sizes = true) {
  if (sizes) name.param("n", p.X_train.rows()).param("m", p.X_query.rows()).param("d", p.X_train.cols());
  name.param("k", p.k);
  return {name, cpu, [p = std::move(p), note = std::move(note)](CaseContext& ctx) {
            auto out = ctx.call(fn::predict, args(p), 1);
            expect_labels(ctx, p, out[0], note);
          }};
}

constexpr double kIrisTest = 0.3;  // held-out share of iris

Case iris_case(int k) {
  data::Split s = data::stratified_split(data::dataset("iris"), kIrisTest, 23);
  return predict_case(CaseName("predict").label("iris").param("test", Percent{kIrisTest}),
                      {s.X_train, s.y_train, s.X_test, k}, 3, "", false);
}

Case training_set_case() {
  const int k = 1;
  return {CaseName("predict").label("iris").param("query", "train").param("k", k), 3, [=](CaseContext& ctx) {
            const data::Split s = data::stratified_split(data::dataset("iris"), kIrisTest, 23);
            const Problem p{s.X_train, s.y_train, s.X_train, k};
            auto out = ctx.call(fn::predict, args(p), 1);
            const Eigen::VectorXi got = vector_of(ctx.expect_shape("labels", out[0], {p.X_query.rows()})).cast<int>();
            const double acc = double((got.array() == p.y_train.array()).count()) / double(got.size());
            expect_labels(ctx, p, out[0],
                          fmt::format("with k = 1 every training row is its own nearest neighbour (d² = 0), so "
                                      "predicting the training set gives y_train back: training accuracy must be "
                                      "100%, yours is {:.1f}%",
                                      100 * acc));
          }};
}

Case far_case() {
  return predict_case(CaseName("predict").label("near-duplicates").param("|x|", kFar, "~"), far_from_origin(12, 8, 22),
                      2,
                      "each query is a near-duplicate (1e-7 away) of one training row, far from the origin (|x| ~ "
                      "1e3): there ‖a‖² + ‖b‖² − 2 a·b cancels and can come out below 0. A sqrt of it is NaN, and "
                      "NaN compares false with everything, so that row lands anywhere in a sort. Clamp at 0 (the "
                      "sqrt is not needed at all: it does not change the order)",
                      false);
}

// k = n: every query's vote is the whole training set. Labels 0: 2, 1: 4, 2: 4 rows: a
// tie between 1 and 2, which the smallest label wins.
Case k_equals_n_case() {
  Problem p = gaussian(10, 6, 3, 3, 10, 24);
  p.y_train << 2, 1, 0, 2, 1, 2, 1, 0, 1, 2;
  return predict_case(CaseName("predict").label("all rows vote"), p, 2,
                      "with k = n every training row votes, so every query gets the training set's majority label");
}

Case invalid_k_case() {
  const Problem base = gaussian(10, 4, 3, 3, 1, 25);
  const int n = int(base.X_train.rows());
  const std::vector<int> ks = {0, -1, n + 1};
  return {CaseName("predict").label("invalid").param("n", n).param("k", ks), 2, [=](CaseContext& ctx) {
            for (int k : ks) {
              Problem p = base;
              p.k = k;
              ctx.expect_throws(
                  fn::predict, args(p), "std::invalid_argument", fmt::format("predict(k = {})", k),
                  fmt::format("throw std::invalid_argument when k < 1 or k > n (n = {} training rows here)", n));
            }
          }};
}

}  // namespace

std::vector<Case> knn_cases() {
  return {
      distances_case(),
      clamp_case(),
      predict_case(CaseName("predict"), gaussian(50, 30, 3, 3, 5, 26), 2),
      predict_case(CaseName("predict").label("distance ties").label("grid"), grid(60, 40, 2, 5, 3, 3, 27), 2, "", false),
      predict_case(CaseName("predict").label("vote ties").label("grid"), grid(60, 40, 2, 5, 3, 4, 28), 2, "", false),
      iris_case(5),
      training_set_case(),
      far_case(),
      k_equals_n_case(),
      invalid_k_case(),
  };
}

}  // namespace mldrill::cases
