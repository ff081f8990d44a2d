// Grading cases of the CART decision-tree drill (../shared/docs/drills/decision_tree.md), in
// grading order: gini → best_split (pinned ties) → fit on XOR and on 14 hand-made rows (a
// stump, the full tree, min_samples_split) → predict on thresholds → iris and breast cancer
// end to end → invalid arguments. Trees are compared node by node (pre-order numbering).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "cases/inputs.hpp"
#include "cases/registry.hpp"
#include "data/dataset.hpp"
#include "reference/decision_tree.hpp"

#define MLDRILL_DRILL_DESCRIPTION "runner/drills/decision_tree.def"
#include "cases/functions.hpp"  // fn::<name>: the functions this drill binds

namespace mldrill::cases {
namespace {

using namespace grading;
namespace ref = drill::decision_tree;

const char* const kIntegerDivision = "integer division: every p is 0 (count / n in ints): divide as doubles";
const char* const kMidpoint = "threshold: the midpoint between consecutive distinct values, (a + b) / 2";
const char* const kAveraged = "the children's Gini must be weighted by their sizes: (n_L·gini(L) + n_R·gini(R)) / n, "
                              "not averaged";
const char* const kTie = "tie: lowest feature, then lowest threshold (replace the best only on a strictly lower "
                         "impurity)";
const char* const kEqualCut = "never cut between equal values: thresholds lie only between consecutive DISTINCT "
                              "sorted values";
const char* const kZeroGain = "XOR: zero-gain split required (min_impurity_decrease = 0): split even when no split "
                              "lowers the impurity";
const char* const kRootDepth = "one level short: the root is depth 0";
const char* const kMinSamples = "a node is a leaf when its row count < min_samples_split: a node of exactly "
                                "min_samples_split rows is split";
const char* const kLargestLabel = "tie: the smallest label wins a majority tie (np.argmax keeps the first maximum)";
const char* const kPreOrder = "the right tree, numbered otherwise: number nodes in depth-first PRE-ORDER (the root "
                                "0, then its whole left subtree, then its right subtree)";
const char* const kStrictPredict = "rows equal to the threshold go LEFT (x[feature] <= threshold)";

// ---- the reference with one slip switched on, to recognise known bugs ---------------------

struct SplitSlip {
  bool left_value = false;     // threshold = a instead of (a + b) / 2
  bool averaged = false;       // (gini(L) + gini(R)) / 2
  bool last_tie = false;       // '<=' in the score comparison
  bool every_position = false;  // cuts between equal values too (stable order of equal values)
};

double gini_of(const std::vector<int>& counts, int n) {
  double sum = 0;
  for (int c : counts) sum += double(c) / n * (double(c) / n);
  return n == 0 ? 0.0 : 1.0 - sum;
}

ref::Split split_with(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, SplitSlip s) {
  const int n = int(X.rows()), classes = y.maxCoeff() + 1;
  std::vector<int> total(size_t(classes), 0);
  for (Eigen::Index i = 0; i < y.size(); ++i) ++total[size_t(y[i])];
  ref::Split best{-1, 0.0, gini_of(total, n)};
  bool found = false;
  std::vector<int> order(static_cast<size_t>(n));
  for (int j = 0; j < X.cols(); ++j) {
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return X(a, j) < X(b, j); });
    std::vector<int> left(size_t(classes), 0), right = total;
    for (int k = 0; k + 1 < n; ++k) {
      ++left[size_t(y[order[size_t(k)]])];
      --right[size_t(y[order[size_t(k)]])];
      const double a = X(order[size_t(k)], j), b = X(order[size_t(k + 1)], j);
      if (!(a < b) && !s.every_position) continue;
      const int nl = k + 1, nr = n - nl;
      const double impurity = s.averaged ? (gini_of(left, nl) + gini_of(right, nr)) / 2
                                         : (nl * gini_of(left, nl) + nr * gini_of(right, nr)) / n;
      if (!found || impurity < best.impurity || (s.last_tie && impurity == best.impurity)) {
        best = {j, s.left_value ? a : (a + b) / 2, impurity};
        found = true;
      }
    }
  }
  return best;
}

struct FitSlip {
  SplitSlip split;
  bool positive_gain_only = false;  // a leaf unless the split lowers the impurity
  bool root_depth_one = false;
  bool leaf_at_min_samples = false;  // n <= min_samples_split makes a leaf
  bool largest_label = false;        // majority ties to the largest label
};

struct Grower {
  const Eigen::MatrixXd& X;
  const Eigen::VectorXi& y;
  int classes, max_depth, min_samples_split;
  FitSlip s;
  ref::Tree t;
  int nodes = 0;

  void push(int feature, double threshold, int l, int r, int value) {
    const Eigen::Index k = nodes++;
    for (Eigen::VectorXi* v : {&t.feature, &t.left, &t.right, &t.value}) v->conservativeResize(nodes);
    t.threshold.conservativeResize(nodes);
    t.feature[k] = feature, t.threshold[k] = threshold, t.left[k] = l, t.right[k] = r, t.value[k] = value;
  }

  int grow(const std::vector<int>& rows, int depth) {
    Eigen::MatrixXd Xr(Eigen::Index(rows.size()), X.cols());
    Eigen::VectorXi yr(Eigen::Index(rows.size()));
    std::vector<int> counts(size_t(classes), 0);
    for (size_t r = 0; r < rows.size(); ++r) {
      Xr.row(Eigen::Index(r)) = X.row(rows[r]);
      yr[Eigen::Index(r)] = y[rows[r]];
      ++counts[size_t(y[rows[r]])];
    }
    int value = 0;
    for (int c = 0; c < classes; ++c)
      if (counts[size_t(c)] > counts[size_t(value)] || (s.largest_label && counts[size_t(c)] == counts[size_t(value)]))
        value = c;
    const int me = nodes;
    push(-1, 0.0, -1, -1, value);
    const int n = int(rows.size());
    const double impurity = gini_of(counts, n);
    if ((max_depth >= 0 && depth == max_depth) || n < min_samples_split ||
        (s.leaf_at_min_samples && n == min_samples_split) || impurity == 0.0)
      return me;
    const ref::Split best = split_with(Xr, yr, s.split);
    if (best.feature < 0 || (s.positive_gain_only && !(best.impurity < impurity))) return me;
    std::vector<int> l, r;
    for (int i : rows) (X(i, best.feature) <= best.threshold ? l : r).push_back(i);
    if (l.empty() || r.empty()) return me;  // a slipped threshold that separates nothing
    t.feature[me] = best.feature;
    t.threshold[me] = best.threshold;
    const int left = grow(l, depth + 1);
    const int right = grow(r, depth + 1);
    t.left[me] = left;
    t.right[me] = right;
    return me;
  }
};

ref::Tree fit_with(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int max_depth, int min_samples_split,
                   FitSlip s) {
  Grower g{X, y, y.maxCoeff() + 1, max_depth, min_samples_split, s, {}};
  std::vector<int> all(size_t(X.rows()));
  std::iota(all.begin(), all.end(), 0);
  g.grow(all, s.root_depth_one ? 1 : 0);
  return g.t;
}

// ---- comparing trees ----------------------------------------------------------------------

struct TreeSlip {
  ref::Tree tree;
  const char* diagnosis;
};

wire::Values tree_args(const ref::Tree& t) {
  return {int_tensor(t.feature), tensor(t.threshold), int_tensor(t.left), int_tensor(t.right), int_tensor(t.value)};
}

wire::Tensor ints(const Eigen::VectorXi& v) { return tensor(Eigen::VectorXd(v.cast<double>())); }

// Leaf thresholds are not graded: 0 wherever the node is a leaf.
Eigen::VectorXd internal_thresholds(const Eigen::VectorXd& threshold, const Eigen::VectorXi& feature) {
  Eigen::VectorXd out = threshold;
  for (Eigen::Index k = 0; k < out.size(); ++k)
    if (feature[k] < 0) out[k] = 0.0;
  return out;
}

double threshold_atol(const ref::Tree& t, double scale) {
  const Eigen::VectorXd th = internal_thresholds(t.threshold, t.feature);
  return scale * (1 + (th.size() ? th.cwiseAbs().maxCoeff() : 0.0));
}

bool same_tree(const ref::Tree& a, const ref::Tree& b, double atol) {
  if (a.feature.size() != b.feature.size()) return false;
  if (a.feature != b.feature || a.left != b.left || a.right != b.right || a.value != b.value) return false;
  return ((internal_thresholds(a.threshold, a.feature) - internal_thresholds(b.threshold, b.feature)).cwiseAbs().array() <=
          atol)
      .all();
}

// True when `got` from node g is `want` from node w (split, threshold, value and both
// subtrees), whatever the node numbers; `budget` bounds the walk on a malformed tree.
bool same_subtree(const ref::Tree& got, int g, const ref::Tree& want, int w, double atol, int& budget) {
  const int n = int(got.feature.size());
  if (--budget < 0 || g < 0 || g >= n) return false;
  if (got.feature[g] != want.feature[w] || got.value[g] != want.value[w]) return false;
  if (want.feature[w] < 0) return true;
  return std::abs(got.threshold[g] - want.threshold[w]) <= atol &&
         same_subtree(got, got.left[g], want, want.left[w], atol, budget) &&
         same_subtree(got, got.right[g], want, want.right[w], atol, budget);
}

// The candidate's Tree from fit's five outputs; stops the case unless they are five 1-D
// vectors of one length.
ref::Tree tree_from(CaseContext& ctx, const wire::Values& out) {
  const char* names[] = {"feature", "threshold", "left", "right", "value"};
  std::vector<Eigen::VectorXd> v;
  for (size_t k = 0; k < 5; ++k) {
    const wire::Tensor t = as_tensor(out[k]);
    if (t.shape.size() != 1)
      ctx.fail(Verdict::WrongAnswer, fmt::format("tree.{} has {} dimensions; the contract says a 1-D vector with one "
                                                 "entry per node",
                                                 names[k], t.shape.size()));
    v.push_back(vector_of(t));
    if (v[k].size() != v[0].size())
      ctx.fail(Verdict::WrongAnswer, fmt::format("tree.{} has {} entries but tree.feature has {}: every field has one "
                                                 "entry per node",
                                                 names[k], v[k].size(), v[0].size()));
  }
  return {v[0].cast<int>(), v[1], v[2].cast<int>(), v[3].cast<int>(), v[4].cast<int>()};
}

// Node count, then feature, left, right, value exactly, then internal thresholds within
// 1e-12·(1 + max|expected|) (the contract's order); a known slip that the candidate's whole
// tree equals (and the expected does not) is the diagnosis.
void expect_tree(CaseContext& ctx, const wire::Values& out, const ref::Tree& want, const std::vector<TreeSlip>& slips,
                 double scale = 1e-12) {
  const ref::Tree got = tree_from(ctx, out);
  const double atol = threshold_atol(want, scale);
  std::string why;
  for (const TreeSlip& s : slips)
    if (same_tree(got, s.tree, atol) && !same_tree(want, s.tree, atol)) {
      why = s.diagnosis;
      break;
    }
  int budget = int(want.feature.size());
  if (why.empty() && got.feature.size() == want.feature.size() && !same_tree(got, want, atol) &&
      same_subtree(got, 0, want, 0, atol, budget))
    why = kPreOrder;
  auto stop = [&](Comparison c) {
    if (c.ok) return;
    c.diagnosis = why;
    ctx.expect(c);
  };
  stop(check_exact("node count", scalar(double(got.feature.size())), scalar(double(want.feature.size()))));
  stop(check_exact("tree.feature", ints(got.feature), ints(want.feature)));
  stop(check_exact("tree.left", ints(got.left), ints(want.left)));
  stop(check_exact("tree.right", ints(got.right), ints(want.right)));
  stop(check_exact("tree.value", ints(got.value), ints(want.value)));
  stop(check_close("tree.threshold (internal nodes)", tensor(internal_thresholds(got.threshold, got.feature)),
                   tensor(internal_thresholds(want.threshold, want.feature)), {atol, 0}));
}

// Every slip of fit that the contract names, on these data and settings.
std::vector<TreeSlip> fit_slips(const Eigen::MatrixXd& X, const Eigen::VectorXi& y, int max_depth, int mss) {
  auto with = [&](FitSlip s) { return fit_with(X, y, max_depth, mss, s); };
  return {{with({{}, true}), kZeroGain},
          {with({{}, false, true}), kRootDepth},
          {with({{}, false, false, true}), kMinSamples},
          {with({{}, false, false, false, true}), kLargestLabel},
          {with({{true}}), kMidpoint},
          {with({{false, true}}), kAveraged},
          {with({{false, false, true}}), kTie}};
}

// ---- gini ---------------------------------------------------------------------------------

Eigen::VectorXi labels(std::initializer_list<int> v) {
  Eigen::VectorXi out(Eigen::Index(v.size()));
  std::copy(v.begin(), v.end(), out.data());
  return out;
}

Case gini_case() {
  const std::vector<Eigen::VectorXi> ys = {labels({0, 0, 1, 1}), labels({0, 1, 2}),       labels({2, 2, 2}),
                                           labels({}),           labels({0, 0, 0, 1}),    labels({3, 1}),
                                           labels({0, 1, 1, 2, 2, 2, 2})};
  return {CaseName("gini").label(fmt::format("{} label vectors", ys.size())), 2, [=](CaseContext& ctx) {
            for (const Eigen::VectorXi& y : ys) {
              auto out = ctx.call(fn::gini, {int_tensor(y)}, 1);
              const double want = ctx.reference([&] { return ref::gini(y); });
              Clues clues;
              // count / n in ints is 0 for every class short of all rows: p = 0, gini = 1.
              clues.fingerprints = {{scalar(1.0), kIntegerDivision}};
              std::string shown;
              for (Eigen::Index i = 0; i < y.size(); ++i) shown += fmt::format("{}{}", i ? "," : "", y[i]);
              ctx.expect_close(fmt::format("gini([{}])", shown), out[0], scalar(want), {1e-15, 1e-12}, clues);
            }
          }};
}

// ---- best_split ---------------------------------------------------------------------------

struct Problem {
  Eigen::MatrixXd X;
  Eigen::VectorXi y;
};

// The contract's six problems, each chosen so that any split as good as the best has the same
// child class counts (the tie rule alone decides).
std::vector<Problem> split_problems() {
  std::vector<Problem> p(6);
  // (0) a clear best: feature 0 at 2.5, 3/16; averaging the children's Gini picks 3.75.
  p[0].X = matrix(8, 2, {0.5, 2.0, 1.0, 1.0, 1.5, 3.0, 2.0, 0.5, 3.0, 2.75, 3.5, 1.5, 4.0, 3.5, 5.0, 0.25});
  p[0].y = labels({0, 0, 0, 0, 1, 0, 1, 1});
  // (1) thresholds 1.5 and 3.5 tie at 1/3 → 1.5.
  p[1].X = matrix(4, 1, {1, 2, 3, 4});
  p[1].y = labels({0, 1, 1, 0});
  // (2) column 2 = −column 0: the same perfect partition from features 0 and 2 → feature 0.
  p[2].X = matrix(5, 3, {1.0, 0.3, -1.0, 2.0, 0.1, -2.0, 3.0, 0.7, -3.0, 4.0, 0.2, -4.0, 5.0, 0.6, -5.0});
  p[2].y = labels({0, 0, 1, 1, 1});
  // (3) repeated values, 3 classes: feature 0 at 2.5, 31/90.
  p[3].X = matrix(9, 2, {1, 0, 1, 2, 2, 1, 2, 2, 2, 0, 3, 1, 3, 3, 4, 2, 4, 3});
  p[3].y = labels({0, 0, 1, 0, 0, 2, 1, 2, 2});
  // (4) feature 0 at 1.5 scores 17/42; a cut inside column 1's four equal 1s would score 2/7.
  p[4].X = matrix(7, 2, {1, 3, 3, 1, 3, 1, 1, 3, 2, 1, 1, 1, 4, 1});
  p[4].y = labels({1, 2, 2, 0, 2, 1, 0});
  // (5) all rows identical: no split, {−1, 0.0, gini(y) = 0.5}.
  p[5].X = matrix(4, 2, {2, 3, 2, 3, 2, 3, 2, 3});
  p[5].y = labels({0, 1, 0, 1});
  return p;
}

// Split's int feature arrives as an int64 number; compared as a double like the others.
wire::Tensor number(const wire::Value& v) {
  if (auto* i = std::get_if<int64_t>(&v)) return scalar(double(*i));
  return as_tensor(v);
}

std::vector<wire::Tensor> split_outputs(const ref::Split& s) {
  return {scalar(s.feature), scalar(s.threshold), scalar(s.impurity)};
}

Case best_split_case() {
  return {CaseName("best_split").label("6 problems"), 2, [](CaseContext& ctx) {
            const std::vector<Problem> problems = split_problems();
            for (size_t k = 0; k < problems.size(); ++k) {
              const Problem& p = problems[k];
              auto out = ctx.call(fn::best_split, {tensor(p.X), int_tensor(p.y)}, 3);
              const ref::Split want = ctx.reference([&] { return ref::best_split(p.X, p.y); });
              std::vector<Slip> slips;
              const std::pair<SplitSlip, const char*> known[] = {{{true}, kMidpoint},
                                                                 {{false, true}, kAveraged},
                                                                 {{false, false, true}, kTie},
                                                                 {{false, false, false, true}, kEqualCut}};
              for (const auto& [slip, words] : known)
                slips.push_back({words, split_outputs(split_with(p.X, p.y, slip))});
              const std::string at = fmt::format("problem {}: ", k);
              ctx.expect_outputs({number(out[0]), as_tensor(out[1]), as_tensor(out[2])},
                                 {{at + "feature", scalar(want.feature), {0, 0}},
                                  {at + "threshold", scalar(want.threshold), {1e-12 * (1 + std::abs(want.threshold)), 0}},
                                  {at + "impurity", scalar(want.impurity), {1e-15, 1e-12}}},
                                 slips);
            }
          }};
}

// ---- fit on XOR and on 14 hand-made rows ----------------------------------------------------

Problem xor_problem() { return {matrix(4, 2, {0, 0, 0, 1, 1, 0, 1, 1}), labels({0, 1, 1, 0})}; }

// 14 rows, integer coordinates 0–5, 3 classes; the last two rows are identical (labels 2 and
// 1). Checked in exact rational arithmetic (the oracle test): the full tree has 21 nodes and
// depth 6, three internal nodes with majority ties, two nodes where equally good splits
// (with equal child counts) leave the tie rule to decide; min_samples_split = 5 gives 11 nodes.
Problem hand_made() {
  return {matrix(14, 2, {4, 1, 2, 4, 3, 4, 5, 0, 5, 4, 0, 0, 2, 1, 3, 3, 1, 5, 1, 4, 3, 0, 5, 2, 0, 5, 0, 5}),
          labels({2, 0, 1, 1, 0, 1, 2, 0, 1, 0, 2, 1, 2, 1})};
}

Case fit_case(const std::string& label, int max_depth, int min_samples_split) {
  CaseName name("fit");
  name.label(label).param("max_depth", max_depth);
  if (label != "stump") name.param("min_samples_split", min_samples_split);
  return {name, 2, [=](CaseContext& ctx) {
            const Problem p = label == "xor" ? xor_problem() : hand_made();
            auto out = ctx.call(fn::fit, {tensor(p.X), int_tensor(p.y), int64_t(max_depth), int64_t(min_samples_split)},
                                5);
            const ref::Tree want = ctx.reference([&] { return ref::fit(p.X, p.y, max_depth, min_samples_split); });
            expect_tree(ctx, out, want, fit_slips(p.X, p.y, max_depth, min_samples_split));
          }};
}

// ---- predict on the full tree ---------------------------------------------------------------

// The 14 training rows; one row exactly ON each of the 10 internal thresholds (pre-order),
// reaching that node (7 of them change label under '<'); 3 rows outside the data's range.
Eigen::MatrixXd predict_rows() {
  const Eigen::MatrixXd train = hand_made().X;
  const Eigen::MatrixXd on = matrix(10, 2, {4, 1.5, 5, 0.5, 1.5, 0, 4, 0, 2, 4.5, 2, 2.5, 2.5, 3, 4, 3, 3, 3.5, 0.5, 5});
  const Eigen::MatrixXd outside = matrix(3, 2, {-1, -1, 6.5, 2, 3, 7});
  Eigen::MatrixXd Q(27, 2);
  Q << train, on, outside;
  return Q;
}

Eigen::VectorXi predict_strict(const ref::Tree& t, const Eigen::MatrixXd& X) {
  Eigen::VectorXi out(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    int k = 0;
    while (t.feature[k] >= 0) k = X(i, t.feature[k]) < t.threshold[k] ? t.left[k] : t.right[k];
    out[i] = t.value[k];
  }
  return out;
}

Case predict_case() {
  const Eigen::MatrixXd Q = predict_rows();
  return {CaseName("predict").label("reference tree of 5").param("rows", Q.rows()), 2, [=](CaseContext& ctx) {
            const Problem p = hand_made();
            const ref::Tree t = ref::fit(p.X, p.y, -1, 2);
            wire::Values args = tree_args(t);
            args.push_back(tensor(Q));
            auto out = ctx.call(fn::predict, args, 1);
            const Eigen::VectorXi want = ctx.reference([&] { return ref::predict(t, Q); });
            Clues clues;
            clues.fingerprints = {{ints(predict_strict(t, Q)), kStrictPredict}};
            ctx.expect_equal_labels("labels", out[0], want, clues);
          }};
}

// ---- real data end to end -----------------------------------------------------------------

Case dataset_case(const std::string& name, int max_depth, int min_samples_split, double accuracy_bar) {
  CaseName case_name("fit");
  case_name.label(name).param("test", Percent{0.2}).param("max_depth", max_depth);
  if (min_samples_split != 2) case_name.param("min_samples_split", min_samples_split);
  return {case_name, 5, [=](CaseContext& ctx) {
            const data::Split s = data::stratified_split(data::dataset(name), 0.2, 7);
            auto fitted = ctx.call(fn::fit, {tensor(s.X_train), int_tensor(s.y_train), int64_t(max_depth),
                                             int64_t(min_samples_split)},
                                   5);
            const ref::Tree want =
                ctx.reference([&] { return ref::fit(s.X_train, s.y_train, max_depth, min_samples_split); });
            expect_tree(ctx, fitted, want, fit_slips(s.X_train, s.y_train, max_depth, min_samples_split));
            wire::Values args(fitted.begin(), fitted.begin() + 5);
            args.push_back(tensor(s.X_test));
            auto out = ctx.call(fn::predict, args, 1);
            const Eigen::VectorXi labels = ctx.reference([&] { return ref::predict(want, s.X_test); });
            const double reference = (labels.array() == s.y_test.array()).cast<double>().mean();
            Clues clues;
            clues.fingerprints = {{ints(predict_strict(want, s.X_test)), kStrictPredict}};
            const Eigen::VectorXi got = ctx.expect_equal_labels("test labels", out[0], labels, clues);
            const double accuracy = (got.array() == s.y_test.array()).cast<double>().mean();
            if (accuracy_bar > 0 && accuracy < accuracy_bar)
              ctx.fail(Verdict::WrongAnswer, fmt::format("held-out accuracy {:.1f}% is below {:.0f}% (the reference "
                                                         "reaches {:.1f}%)",
                                                         100 * accuracy, 100 * accuracy_bar, 100 * reference));
          }};
}

// ---- invalid arguments --------------------------------------------------------------------

Case invalid_case() {
  const std::vector<int> bad = {1, 0};
  return {CaseName("fit").label("invalid").param("min_samples_split", bad).label("X with no rows"), 2,
          [=](CaseContext& ctx) {
            const Problem p = xor_problem();
            const char* const rule = "it must throw std::invalid_argument if min_samples_split < 2 or X has no rows";
            for (int m : bad)
              ctx.expect_throws(fn::fit, {tensor(p.X), int_tensor(p.y), int64_t(-1), int64_t(m)},
                                "std::invalid_argument", fmt::format("fit(min_samples_split = {})", m), rule);
            ctx.expect_throws(fn::fit,
                              {tensor(Eigen::MatrixXd(0, 2)), int_tensor(Eigen::VectorXi(0)), int64_t(-1), int64_t(2)},
                              "std::invalid_argument", "fit(X with no rows)", rule);
          }};
}

}  // namespace

std::vector<Case> decision_tree_cases() {
  return {gini_case(),
          best_split_case(),
          fit_case("xor", -1, 2),
          fit_case("stump", 1, 2),
          fit_case("full", -1, 2),
          fit_case("full", -1, 5),
          predict_case(),
          dataset_case("iris", 3, 2, 0.0),
          dataset_case("breast_cancer", 3, 10, 0.9),
          invalid_case()};
}

}  // namespace mldrill::cases
