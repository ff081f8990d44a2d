// Grading cases of the k-means drill (EXERCISES.md "kmeans"), in grading order:
// the first Lloyd step → whole fits (blobs, iris, empty clusters, ties) → argument errors →
// k-means++ (rows of X, then the D² law by a statistical test over a fixed set of seeds).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "data/dataset.hpp"
#include "reference/kmeans.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/kmeans.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::kmeans;

// ---- Lloyd's iterations as the contract writes them, with the classic slips switchable ----

struct Slips {
  bool ties_to_last = false;         // `<=` in the argmin: the highest index wins a tie
  bool prev_before_compare = false;  // `prev = labels` before `labels == prev`: stops at step 1
  bool empty_to_zero = false;        // an empty cluster's centroid reset to 0
  bool manhattan = false;            // Σ|x − c| instead of the squared Euclidean distance
  bool running_mean = false;         // each labelled row pulls its centroid at once (moved while assigning)
  bool aliased_sums = false;         // the sums accumulate in C itself (`auto& sums = C`), zeroed first
};

// What the reference run looked like: for the near-tie guard and the empty-cluster messages.
struct Trace {
  double min_margin = std::numeric_limits<double>::infinity();  // smallest relative gap best ↔ runner-up
  int empty_cluster = -1, empty_step = 0;                       // first cluster found empty, and when
  Eigen::MatrixXd last_assigned;                                // the centroids of the last assignment
};

struct Outcome {
  Eigen::MatrixXd C;
  Eigen::VectorXi labels;
  double inertia = 0;
  int iterations = 0;
};

Eigen::VectorXi nearest(const Eigen::MatrixXd& X, const Eigen::MatrixXd& C, bool ties_to_last, Trace* trace,
                        bool manhattan = false) {
  Eigen::VectorXi labels(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    const Eigen::VectorXd d = manhattan ? Eigen::VectorXd((C.rowwise() - X.row(i)).cwiseAbs().rowwise().sum())
                                        : Eigen::VectorXd((C.rowwise() - X.row(i)).rowwise().squaredNorm());
    Eigen::Index best = 0;
    for (Eigen::Index j = 1; j < d.size(); ++j)
      if (ties_to_last ? d[j] <= d[best] : d[j] < d[best]) best = j;
    labels[i] = int(best);
    if (!trace) continue;
    // Rounding of ‖x‖² + ‖c‖² − 2x·c is about 1e-16 of that sum; a gap far above it means every
    // correct distance formula picks the same centroid. Exact duplicates of the best tie exactly.
    const double scale = X.row(i).squaredNorm() + C.row(best).squaredNorm() + 1e-300;
    for (Eigen::Index j = 0; j < d.size(); ++j)
      if (j != best && C.row(j) != C.row(best)) trace->min_margin = std::min(trace->min_margin, (d[j] - d[best]) / scale);
  }
  return labels;
}

Outcome lloyd(const Eigen::MatrixXd& X, const Eigen::MatrixXd& init, int max_iter, Slips s = {}, Trace* trace = nullptr) {
  Outcome o{init, {}, 0, 0};
  Eigen::VectorXi prev;
  int it = 1;
  for (; it <= max_iter; ++it) {
    if (s.running_mean || s.aliased_sums) {  // assignment and update fused in one pass over the rows
      o.labels.resize(X.rows());
      Eigen::VectorXd counts = Eigen::VectorXd::Zero(o.C.rows());
      if (s.aliased_sums) o.C.setZero();
      for (Eigen::Index i = 0; i < X.rows(); ++i) {
        const int j = nearest(X.row(i), o.C, false, nullptr)[0];
        o.labels[i] = j;
        counts[j] += 1;
        if (s.running_mean) o.C.row(j) += (X.row(i) - o.C.row(j)) / counts[j];
        else o.C.row(j) += X.row(i);
      }
      if (s.aliased_sums)
        for (Eigen::Index j = 0; j < o.C.rows(); ++j)
          if (counts[j] > 0) o.C.row(j) /= counts[j];
      if (it > 1 && o.labels == prev) break;
      prev = o.labels;
      continue;
    }
    o.labels = nearest(X, o.C, s.ties_to_last, trace, s.manhattan);
    if (trace) trace->last_assigned = o.C;
    if (s.prev_before_compare) prev = o.labels;
    if ((it > 1 || s.prev_before_compare) && o.labels == prev) break;
    Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(o.C.rows(), o.C.cols());
    Eigen::VectorXd counts = Eigen::VectorXd::Zero(o.C.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      sums.row(o.labels[i]) += X.row(i);
      counts[o.labels[i]] += 1;
    }
    for (Eigen::Index j = 0; j < o.C.rows(); ++j) {
      if (counts[j] > 0) o.C.row(j) = sums.row(j) / counts[j];
      else if (s.empty_to_zero) o.C.row(j).setZero();
      else if (trace && trace->empty_cluster < 0) trace->empty_cluster = int(j), trace->empty_step = it;
    }
    prev = o.labels;
  }
  o.iterations = std::min(it, max_iter);
  for (Eigen::Index i = 0; i < X.rows(); ++i) o.inertia += (X.row(i) - o.C.row(o.labels[i])).squaredNorm();
  return o;
}

// ---- Comparing a candidate's fit ----

struct Problem {
  Eigen::MatrixXd X;     // n × d
  Eigen::MatrixXd init;  // k × d
  int max_iter;
};

Tolerance centroid_tolerance(const Eigen::MatrixXd& X) { return {1e-12 * (1 + X.cwiseAbs().maxCoeff()), 1e-9}; }
constexpr Tolerance kInertiaTolerance{1e-12, 1e-9};
constexpr Tolerance kExact{0, 0};

bool same(const Outcome& a, const Outcome& b, Tolerance ctol) {
  return a.iterations == b.iterations && a.labels == b.labels && a.C.rows() == b.C.rows() &&
         a.C.cols() == b.C.cols() && check_close("", tensor(a.C), tensor(b.C), ctol).ok &&
         check_close("", scalar(a.inertia), scalar(b.inertia), kInertiaTolerance).ok;
}

// fit's four outputs as the kit compares them: centroids, labels, inertia, iterations.
std::vector<wire::Tensor> outputs(const Outcome& o) {
  return {tensor(o.C), as_tensor(int_tensor(o.labels)), scalar(o.inertia), scalar(double(o.iterations))};
}

// Known wrong ways whose whole result can be recomputed here, as a slip table: when the
// candidate's result is one of them, that is the diagnosis of whichever output fails first.
std::vector<Slip> slipped_outcomes(const Problem& p, const Outcome& want) {
  std::vector<std::pair<Outcome, std::string>> v;
  if (want.iterations > 1)
    v.push_back({lloyd(p.X, p.init, 1),
                 fmt::format("it stopped after the first step (the reference takes {} steps): the loop ran once, "
                             "or the convergence test compared something with itself — an alias (`auto& old = "
                             "C;`) where a copy was needed",
                             want.iterations)});
  Slips prev_first;
  prev_first.prev_before_compare = true;
  v.push_back({lloyd(p.X, p.init, p.max_iter, prev_first),
               "it stopped at the very first assignment, before any centroid moved: the convergence test compared "
               "the labels with themselves (`prev = labels` ran before `labels == prev`). Compare with the "
               "previous step's labels, and never stop on the first step"});
  Slips zero;
  zero.empty_to_zero = true;
  v.push_back({lloyd(p.X, p.init, p.max_iter, zero),
               "an empty cluster's centroid was reset to zero (0/0 guarded with 0): an empty cluster keeps its "
               "centroid where it was"});
  Slips last;
  last.ties_to_last = true;
  v.push_back({lloyd(p.X, p.init, p.max_iter, last),
               "on a tie the higher index won: the nearest centroid is the lowest index among equal distances "
               "(`<`, not `<=`; minCoeff and argmin keep the first)"});
  Outcome never_stops = want;
  never_stops.iterations = p.max_iter;
  if (want.iterations < p.max_iter)
    v.push_back({never_stops,
                 fmt::format("everything matches except `iterations`: it never stopped early (ran all {} steps, "
                             "the labels stopped changing at step {}). Is `prev` ever updated? Compare this step's "
                             "labels with the previous step's",
                             p.max_iter, want.iterations)});
  for (int delta : {-1, +1}) {
    Outcome off = want;
    off.iterations += delta;
    v.push_back({off, delta < 0 ? "`iterations` is one short: it counts the updates, but the contract counts "
                                  "assignment steps, including the last one that found no label changed"
                                : "`iterations` is one too many: it counts assignment steps, the last being the "
                                  "one that found no label changed (or, if max_iter runs out, max_iter)"});
  }
  std::vector<Slip> slips;
  for (auto& [o, why] : v) slips.push_back({why, outputs(o)});
  return slips;
}

// Known wrong ways recognised by the labels alone (the first output compared), for a label
// difference no whole-result slip explains: the labels' slip table.
Clues slipped_labels(const Problem& p) {
  std::vector<std::pair<Eigen::VectorXi, std::string>> v;
  Slips l1;
  l1.manhattan = true;
  v.push_back({lloyd(p.X, p.init, p.max_iter, l1).labels,
               "these are the nearest centroids by Manhattan distance Σ|x − c|: the contract measures the squared "
               "Euclidean distance Σ(x − c)²"});
  const std::string moved =
      "the centroids moved while rows were still being assigned: label every row first, then compute the new "
      "centroids into a separate matrix (a copy, not a reference to the centroids being read)";
  Slips running;
  running.running_mean = true;
  v.push_back({lloyd(p.X, p.init, p.max_iter, running).labels,
               moved + " — here each labelled row pulled its centroid to a running mean at once"});
  Slips aliased;
  aliased.aliased_sums = true;
  v.push_back({lloyd(p.X, p.init, p.max_iter, aliased).labels,
               moved + " — here the sums were accumulated in the centroid matrix itself (`auto& sums = C;` "
                       "zeroed it while rows were still measured against it)"});
  Clues clues;
  for (auto& [labels, why] : v) clues.fingerprints.push_back({as_tensor(int_tensor(labels)), why});
  return clues;
}

// max_iter ignored: the run that matches the candidate's labels and centroids after N >
// max_iter steps, or 0.
int steps_run(const Problem& p, const Eigen::VectorXi& labels, const Eigen::MatrixXd& C, Tolerance ctol) {
  for (int n = p.max_iter + 1; n <= std::max(100, p.max_iter + 1); ++n) {
    const Outcome o = lloyd(p.X, p.init, n);
    if (o.labels == labels && check_close("", tensor(C), tensor(o.C), ctol).ok) return n;
    if (o.iterations < n) break;  // converged: more steps change nothing
  }
  return 0;
}

std::string nonfinite_clue(const Trace& t) {
  if (t.empty_cluster >= 0)
    return fmt::format("cluster {} has no rows after step {} in this case: dividing its sum by a count of 0 gives "
                       "NaN. An empty cluster keeps its centroid where it was",
                       t.empty_cluster, t.empty_step);
  return "a centroid is NaN or inf: an empty cluster divided by a count of 0, or a matrix used before it was set "
         "(new Eigen matrices hold NaN here: setZero() them)";
}

// Stops the case when one output differs: its comparison, then the diagnosis — a recognised
// slip, the comparison's own, or the case's fallback.
void fail_on(CaseContext& ctx, Comparison c, const std::string& slip, const std::string& fallback) {
  if (c.ok) return;
  if (!slip.empty() && c.problem == "values") c.diagnosis = slip;
  if (c.diagnosis.empty()) c.diagnosis = fallback;
  ctx.expect(c);
}

struct Fallbacks {
  std::string labels, centroids;  // what a difference most likely means in this case, if no slip explains it
};

// Runs fit on the candidate and compares, in this order: centroids' shape and finiteness (a NaN
// is the cause of what follows), labels, centroid values, inertia, iterations.
void check_fit(CaseContext& ctx, const Problem& p, const Fallbacks& fb = {}) {
  auto out = ctx.call(fn::fit, {tensor(p.X), tensor(p.init), int64_t(p.max_iter)}, 4);
  const ref::Result r = ctx.reference([&] { return ref::fit(p.X, p.init, p.max_iter); });
  const Outcome want{r.centroids, r.labels, r.inertia, r.iterations};
  Trace trace;
  const Outcome mine = lloyd(p.X, p.init, p.max_iter, {}, &trace);
  const Tolerance ctol = centroid_tolerance(p.X);
  if (!same(mine, want, ctol) || trace.min_margin < 1e-8)
    ctx.fail(Verdict::RuntimeError, fmt::format("grader error: the case's own Lloyd run disagrees with the reference "
                                                "or meets a near tie (relative gap {:.3g})",
                                                trace.min_margin));

  const wire::Tensor C = as_tensor(out[0]);
  const wire::Tensor labels = as_tensor(out[1]);
  const wire::Tensor inertia = as_tensor(out[2]);
  const auto* count = std::get_if<int64_t>(&out[3]);
  if (!count) ctx.fail(Verdict::RuntimeError, "grader error: iterations did not arrive as an integer");
  const wire::Tensor iterations = scalar(double(*count));
  const bool shaped = C.shape == std::vector<int64_t>{p.init.rows(), p.init.cols()} &&
                      labels.shape == std::vector<int64_t>{p.X.rows()};
  std::string slip;
  Outcome got;
  if (shaped) {
    got.C = matrix_of(C);
    got.labels = Eigen::Map<const Eigen::VectorXd>(labels.data.data(), Eigen::Index(labels.data.size())).cast<int>();
    got.inertia = inertia.data.at(0);
    got.iterations = int(iterations.data.at(0));
    slip = diagnose_slip(slipped_outcomes(p, mine), {C, labels, inertia, iterations}, outputs(want),
                         {ctol, kExact, kInertiaTolerance, kExact});
  }
  Clues cc;
  cc.nonfinite = nonfinite_clue(trace);
  const Comparison centroids = check_close("centroids", C, tensor(want.C), ctol, cc);
  const bool fewer = C.shape.size() == 2 && C.shape[0] < p.init.rows();
  if (centroids.problem == "shape" || centroids.problem == "nonfinite")
    fail_on(ctx, centroids, "",
            fewer ? "fewer centroids than init_centroids has rows: every cluster stays, and an empty one keeps its "
                    "centroid"
                  : "");
  // The iteration count first: a run past max_iter explains every other difference.
  const int ran = shaped && want.iterations == p.max_iter ? steps_run(p, got.labels, got.C, ctol) : 0;
  if (*count > p.max_iter || ran > 0)
    fail_on(ctx, check_exact("iterations", iterations, scalar(want.iterations)),
            "",
            fmt::format("max_iter = {} but it ran {} assignment steps: stop after max_iter steps, converged or not "
                        "(`for it = 1 .. max_iter`)",
                        p.max_iter, *count > p.max_iter ? int(*count) : ran));
  const Comparison label_check =
      check_exact("labels", labels, as_tensor(int_tensor(want.labels)), shaped ? slipped_labels(p) : Clues{});
  if (shaped && ran > 0 && !label_check.ok)
    slip = fmt::format("max_iter = {} but these are the labels after {} assignment steps: stop after max_iter "
                       "steps, converged or not (`for it = 1 .. max_iter`)",
                       p.max_iter, ran);
  fail_on(ctx, label_check, slip, fb.labels);
  fail_on(ctx, centroids, slip, fb.centroids);
  Clues ic;
  const double n = double(p.X.rows());
  ic.factors = {{n, fmt::format("it is n = {} times too large", p.X.rows()),
                 fmt::format("it is the mean over the n = {} rows: inertia is the sum of squared distances",
                             p.X.rows())}};
  double unsquared = 0, before = 0;
  for (Eigen::Index i = 0; i < p.X.rows(); ++i) {
    unsquared += (p.X.row(i) - want.C.row(want.labels[i])).norm();
    before += (p.X.row(i) - trace.last_assigned.row(want.labels[i])).squaredNorm();
  }
  ic.fingerprints = {{scalar(unsquared), "this is the sum of distances, not of squared distances: inertia = Σᵢ ‖xᵢ − "
                                         "C[labelsᵢ]‖² (no square root)"}};
  if (before != want.inertia)
    ic.fingerprints.push_back({scalar(before), "these are the distances to the centroids before their last update: "
                                               "inertia is measured to the returned centroids"});
  fail_on(ctx, check_close("inertia", inertia, scalar(want.inertia), kInertiaTolerance, ic), slip, "");
  fail_on(ctx, check_exact("iterations", iterations, scalar(want.iterations)), slip,
          "`iterations` counts the assignment steps: the last is the one that found no label changed (or "
          "max_iter, if it ran out)");
}

// ---- The fit cases ----

// "fit(<labels>,n=90,d=2,k=3,max_iter=1)": the problem's own sizes (`sizes` off: only k and
// max_iter, the labels saying what the data is), then the case checking its fit.
Case fit_case(CaseName name, Problem p, double cpu, Fallbacks fb = {}, bool sizes = true) {
  if (sizes) name.param("n", p.X.rows()).param("d", p.X.cols());
  name.param("k", p.init.rows()).param("max_iter", p.max_iter);
  return {name, cpu, [p = std::move(p), fb = std::move(fb)](CaseContext& ctx) { check_fit(ctx, p, fb); }};
}

Case first_step_case() {
  const Eigen::MatrixXd X = blobs(matrix(3, 2, {0, 0, 5, 1, 2, 6}), 30, 1.0, 21).X;
  Fallbacks fb;
  fb.labels = "the first step's labels must be each row's nearest initial centroid by squared Euclidean "
              "distance (lowest index on ties), all measured against init_centroids";
  fb.centroids = "the labels are right, so the update is wrong: each new centroid is the mean of the rows "
                 "labelled with it";
  return fit_case(CaseName("fit").label("blobs"), {X, rows_of(X, {0, 1, 2}), 1}, 2, fb);
}

Case blobs_case() {
  Draw r(22);
  const Eigen::MatrixXd X = blobs(r.normal(5, 4, 4.0), 60, 1.0, 23).X;
  return fit_case(CaseName("fit").label("blobs"), {X, rows_of(X, {0, 1, 2, 3, 4}), 100}, 3);
}

Case iris_case() {
  const Eigen::MatrixXd& X = data::dataset("iris").X;
  return fit_case(CaseName("fit").label("iris"), {X, rows_of(X, {5, 60, 61}), 100}, 3, {}, false);
}

// Two blobs and three centroids: the middle one takes rows of both at step 1, moves between
// them, and at step 2 loses every row to the other two.
Case empty_case() {
  const Eigen::MatrixXd X = blobs(matrix(2, 2, {0, 0, 10, 0}), 20, 0.5, 24).X;
  Fallbacks fb;
  fb.labels = fb.centroids =
      "cluster 1 loses all its rows at step 2 in this case (the earlier cases pass): an empty cluster "
      "keeps its centroid where it was — no NaN, no reset, no re-seeding, no dropping it";
  return fit_case(CaseName("fit").label("empty cluster"), {X, matrix(3, 2, {-4, 0, 5, 0, 14, 0}), 20}, 2, fb);
}

// Small integers, so every distance formula is exact and ties are real ties: centroids 1 and 2
// start at the same point, so rows near it tie and go to 1, and 2 stays empty.
Case ties_case() {
  const Eigen::MatrixXd X = matrix(15, 2, {0, 0,  10, 0, 5, 8,  1, 0, 11, 0, 6, 8, 0, 1, 10, 1,
                                           5, 9, -1, 0, 9, 0, 4, 8, 0, -1, 10, -1, 1, 1});
  Fallbacks fb;
  fb.labels = fb.centroids =
      "centroids 1 and 2 start at the same point here: the rows near it tie, go to the lowest index (1), "
      "and cluster 2 stays empty, keeping its centroid";
  return fit_case(CaseName("fit").label("duplicate initial centroids").label("integer grid"),
                  {X, matrix(4, 2, {0, 0, 10, 0, 10, 0, 5, 8}), 20}, 2, fb, false);
}

Case invalid_case() {
  return {CaseName("fit").label("invalid").param("max_iter", 0).param("k", 0), 2, [](CaseContext& ctx) {
            const Eigen::MatrixXd X = matrix(3, 2, {0, 0, 1, 1, 2, 2});
            const std::pair<std::string, wire::Values> calls[] = {
                {"max_iter = 0", {tensor(X), tensor(matrix(1, 2, {0, 0})), int64_t(0)}},
                {"init_centroids with 0 rows (k = 0)", {tensor(X), tensor(Eigen::MatrixXd(0, 2)), int64_t(10)}},
            };
            for (const auto& [what, args] : calls)
              ctx.expect_throws(fn::fit, args, "std::invalid_argument", "fit with " + what,
                                "it must throw std::invalid_argument when max_iter < 1 or init_centroids has no rows");
          }};
}

// ---- k-means++ ----

int row_index(const Eigen::MatrixXd& X, const Eigen::RowVectorXd& r) {
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    if (X.row(i) == r) return int(i);
  return -1;
}

// The rows of X the candidate chose with this seed, in its order; stops the case unless they
// are k distinct rows of X.
std::vector<int> chosen_rows(CaseContext& ctx, const Eigen::MatrixXd& X, int k, uint64_t seed) {
  auto out = ctx.call(fn::init_plus_plus, {tensor(X), int64_t(k), int64_t(seed)}, 1);
  const Eigen::MatrixXd C = matrix_of(ctx.expect_shape("centres", out[0], {k, X.cols()}));
  std::vector<int> idx;
  for (int j = 0; j < k; ++j) {
    const int i = row_index(X, C.row(j));
    if (i < 0)
      ctx.fail(Verdict::WrongAnswer,
               fmt::format("k={}, seed {}: centre {} = [{}] is not a row of X: k-means++ returns k of X's own rows",
                           k, seed, j, fmt::join(C.row(j).data(), C.row(j).data() + C.cols(), ", ")));
    for (size_t q = 0; q < idx.size(); ++q)
      if (X.row(idx[q]) == X.row(i))
        ctx.fail(Verdict::WrongAnswer,
                 fmt::format("k={}, seed {}: centres {} and {} are the same point (row {} of X). A chosen point has "
                             "D = 0, so its weight D² is 0 and it can never be drawn again: weight every row by D² "
                             "(a uniform draw, even without replacement, can take a duplicate point)",
                             k, seed, q, j, i));
    idx.push_back(i);
  }
  return idx;
}

Case plus_plus_rows_case() {
  const std::vector<int> ks = {3, 8};
  const Range seeds{1, 20};
  return {CaseName("init_plus_plus").label("distinct rows").label("iris").param("k", ks).param("seeds", seeds), 3,
          [=](CaseContext& ctx) {
            const Eigen::MatrixXd& X = data::dataset("iris").X;  // has duplicate rows: D = 0 must never win
            for (int k : ks)
              for (int64_t seed = seeds.first; seed <= seeds.last; ++seed) chosen_rows(ctx, X, k, uint64_t(seed));
          }};
}

// How a seeding rule weighs the rows not chosen yet, given each row's distance to the nearest
// chosen centre.
enum class Rule { PlusPlus, Uniform, LinearD };

struct Odds {
  double far = 0;   // P(at least one of the two far rows is chosen)
  double both = 0;  // P(both far rows are chosen)
};

// Exact probabilities of the events under a rule, by enumerating every ordered choice.
void enumerate(const Eigen::MatrixXd& X, int k, Rule rule, std::vector<int>& chosen, double p, int far1, int far2,
               Odds& odds) {
  const Eigen::Index n = X.rows();
  if (int(chosen.size()) == k) {
    const bool a = std::count(chosen.begin(), chosen.end(), far1), b = std::count(chosen.begin(), chosen.end(), far2);
    odds.far += (a || b) ? p : 0;
    odds.both += (a && b) ? p : 0;
    return;
  }
  Eigen::VectorXd w = Eigen::VectorXd::Ones(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    double d2 = std::numeric_limits<double>::infinity();
    for (int c : chosen) d2 = std::min(d2, (X.row(i) - X.row(c)).squaredNorm());
    if (chosen.empty()) continue;
    w[i] = rule == Rule::PlusPlus ? d2 : rule == Rule::LinearD ? std::sqrt(d2) : (d2 > 0 ? 1.0 : 0.0);
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    if (w[i] == 0) continue;
    chosen.push_back(int(i));
    enumerate(X, k, rule, chosen, p * w[i] / w.sum(), far1, far2, odds);
    chosen.pop_back();
  }
}

Odds odds(const Eigen::MatrixXd& X, int k, Rule rule, int far1, int far2) {
  Odds o;
  std::vector<int> chosen;
  enumerate(X, k, rule, chosen, 1.0, far1, far2, o);
  return o;
}

// 16 rows in the square [−1, 1]², and two far rows 1 apart, 4 away from it. k-means++ takes a
// far row in about 92% of runs, weights ∝ D in about 66%, a uniform choice in 31%. Frequencies
// over S seeds are held to the exact probabilities ± t; by Hoeffding a correct implementation
// falls outside with probability ≤ 2·exp(−2·S·t²) = 1.5e-11 per event (S = 2000, t = 0.08).
// The first centre must be uniform: no row may come first in more than 200 of the 2000 seeds
// (mean 111; Chernoff: ≤ 18 · 9.3e-12). In all, a correct implementation is rejected with
// probability below 1e-9, whatever way it draws from the generator.
constexpr int kLawSeeds = 2000;

Case plus_plus_law_case() {
  constexpr int far1 = 5, far2 = 11;
  Draw r(31);
  Eigen::MatrixXd X(18, 2);
  for (Eigen::Index i = 0; i < X.rows(); ++i) X.row(i) << r.uniform(-1, 1), r.uniform(-1, 1);
  X.row(far1) << 4, 0;
  X.row(far2) << 4, 1;
  const int k = 3;
  return {CaseName("init_plus_plus").label("D^2 law").param("n", X.rows()).param("k", k)
              .param("seeds", Range{1, kLawSeeds}),
          8, [=](CaseContext& ctx) {
            constexpr int kSeeds = kLawSeeds, kMaxFirst = 200;
            constexpr double kBand = 0.08;
            std::vector<int> first(size_t(X.rows()), 0);
            int far = 0, both = 0;
            for (uint64_t seed = 1; seed <= uint64_t(kSeeds); ++seed) {
              const std::vector<int> c = chosen_rows(ctx, X, k, seed);
              ++first[size_t(c[0])];
              const bool a = std::count(c.begin(), c.end(), far1), b = std::count(c.begin(), c.end(), far2);
              far += a || b;
              both += a && b;
            }
            const auto most = std::max_element(first.begin(), first.end());
            if (*most > kMaxFirst)
              ctx.fail(Verdict::WrongAnswer,
                       fmt::format("the first centre is not uniform: row {} of X came first in {} of {} seeds "
                                   "(about {:.0f} expected, at most {} allowed). Draw the first centre uniformly "
                                   "from all n rows",
                                   most - first.begin(), *most, kSeeds, double(kSeeds) / double(X.rows()), kMaxFirst));
            const Odds pp = odds(X, k, Rule::PlusPlus, far1, far2), uni = odds(X, k, Rule::Uniform, far1, far2),
                       lin = odds(X, k, Rule::LinearD, far1, far2);
            const double f_far = double(far) / kSeeds, f_both = double(both) / kSeeds;
            if (std::abs(f_far - pp.far) <= kBand && std::abs(f_both - pp.both) <= kBand) return;
            std::string why;
            if (std::abs(f_far - uni.far) <= kBand && std::abs(f_both - uni.both) <= kBand)
              why = "this is what a uniform choice gives: draw each next centre with probability ∝ D(x)², the "
                    "squared distance to the nearest centre chosen so far";
            else if (std::abs(f_far - lin.far) <= kBand && std::abs(f_both - lin.both) <= kBand)
              why = "this is what weights ∝ D(x) give: k-means++ weighs each row by D(x)², the squared distance";
            else if (f_both > pp.both + kBand)
              why = "both far rows are chosen too often: once one is a centre, the other is 1 away from it. D(x) "
                    "is the distance to the nearest centre chosen so far, not to the first (or last) one";
            else
              why = "draw each next centre with probability ∝ D(x)², D(x) the distance to the nearest centre chosen "
                    "so far";
            ctx.fail(Verdict::WrongAnswer,
                     fmt::format("over {} seeds (k = 3, 16 rows in [−1, 1]² and 2 far rows 1 apart, 4 away): a far "
                                 "row was chosen in {:.1f}% of runs and both in {:.1f}%; k-means++ gives {:.1f}% and "
                                 "{:.1f}% (±{:.0f} points allowed; uniform choice: {:.1f}% and {:.1f}%; weights ∝ D: "
                                 "{:.1f}% and {:.1f}%)\n→ {}",
                                 kSeeds, 100 * f_far, 100 * f_both, 100 * pp.far, 100 * pp.both, 100 * kBand,
                                 100 * uni.far, 100 * uni.both, 100 * lin.far, 100 * lin.both, why));
          }};
}

}  // namespace

std::vector<Case> kmeans_cases() {
  return {first_step_case(), blobs_case(), iris_case(), empty_case(), ties_case(), invalid_case(),
          plus_plus_rows_case(), plus_plus_law_case()};
}

}  // namespace mldrill::cases
