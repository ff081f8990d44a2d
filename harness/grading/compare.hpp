// The one comparison every numeric case goes through (grader and tests alike):
// shape, then NaN/inf, then |got − expected| ≤ atol + rtol·|expected| entry by entry,
// reporting how many entries fail, the worst one with its index, and a diagnosis.
#pragma once
#include <Eigen/Dense>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "wire/wire.hpp"

namespace mldrill::grading {

struct Tolerance {
  double atol = 0;
  double rtol = 0;
};

struct Entry {
  std::vector<int64_t> index;
  double got = 0;
  double expected = 0;
  double abs_error = 0;
  double rel_error = 0;  // |Δ| / |expected| (inf when expected is 0)
};

// A known way of getting it wrong (a slip), computed by the case from the reference with
// that one bug: when the candidate's output matches `value` within the comparison's
// tolerance (NaN matching NaN, inf the same inf), `diagnosis` says in plain words what
// happened. A case lists its slips in order, as data; the first that matches speaks.
struct Fingerprint {
  wire::Tensor value;
  std::string diagnosis;
};

// True when `got` is `slipped` within `tol`, a non-finite entry matching only the same
// non-finite value (NaN with NaN, +inf with +inf): how every fingerprint is matched.
bool matches(const wire::Tensor& got, const wire::Tensor& slipped, Tolerance tol);

// The usual epsilons people add (1e-3 … 1e-12), each a fingerprint: `slipped(eps)` is the
// reference with that epsilon inside it, `where` says where ("inside the log") and `fix`
// what to do instead. Diagnosis: "off by about ε = 1e-07: an epsilon inside the log (fix)".
std::vector<Fingerprint> epsilon_fingerprints(const std::function<wire::Tensor(double)>& slipped,
                                              const std::string& where, const std::string& fix);

// A factor the case knows (n samples, batch size): an output that equals the expected one
// times `value` is explained as `too_large`, times 1/value as `too_small`.
struct Factor {
  double value;
  std::string too_large;
  std::string too_small;
};

// A known slip as data, for a function with several outputs: the reference's outputs with
// that one bug (every output, in order), and what to say when the candidate's are those.
// (A one-output comparison takes its slips as Clues::fingerprints, the same thing.)
struct Slip {
  std::string diagnosis;
  std::vector<wire::Tensor> output;
};

// The diagnosis of the first slip whose EVERY output matches the candidate's, each within
// tol[k] ({0, 0}: exactly; NaN matching NaN), or "" — so a slip is named only when the
// whole result is that slip's. A slip that matches the expected outputs too (indistinguishable
// from a right answer on this case) is skipped: it would be a guess, not a diagnosis.
std::string diagnose_slip(const std::vector<Slip>& slips, const std::vector<wire::Tensor>& got,
                          const std::vector<wire::Tensor>& expected, const std::vector<Tolerance>& tol);

struct Clues {
  std::vector<Factor> factors;
  std::vector<Fingerprint> fingerprints;
  std::string nonfinite = "numerical stability: clip probabilities away from 0 and 1, subtract the max before "
                          "exp(), or use log-sum-exp — or a value used before it was set (new Eigen matrices "
                          "hold NaN here: setZero() them)";
};

struct Comparison {
  std::string what;
  bool ok = true;
  std::string problem;  // "", "undefined", "shape", "dtype", "nonfinite", "values", "partition"
  std::vector<int64_t> expected_shape, got_shape;
  std::string got_dtype;
  size_t bad = 0, total = 0;
  std::optional<Entry> worst;  // exact comparisons: the FIRST differing entry, not the worst
  Tolerance tol;
  std::string diagnosis;
  bool exact = false;          // from check_exact / check_same_partition: no tolerance to show
  size_t skipped = 0;          // entries not compared (a mask), and why
  std::string skipped_why;
  std::string detail;          // a case's context for the entry shown (its neighbours, say), before the diagnosis

  std::string message() const;  // what a person reads: what differs, where, by how much, why
};

Comparison check_close(const std::string& what, const wire::Tensor& got, const wire::Tensor& expected,
                       Tolerance tol, const Clues& clues = {});

// Exact equality, entry by entry — labels, counts, indices, iteration numbers: how many
// entries differ and the first one by position. `compared`, when not empty, says which
// entries are compared (false: either answer is right there, e.g. a near tie). A slip in
// `clues.fingerprints` that the candidate matches exactly (on the compared entries) is the
// diagnosis; no generic reading is guessed for exact values.
Comparison check_exact(const std::string& what, const wire::Tensor& got, const wire::Tensor& expected,
                       const Clues& clues = {}, const std::vector<bool>& compared = {});

// Cluster labels equal up to a renaming of the clusters: the rows that share a cluster in
// `expected` share one in `got`, and no others. The first row that breaks it is named.
Comparison check_same_partition(const std::string& what, const wire::Tensor& got, const wire::Tensor& expected);

// True when `got` equals `slipped` exactly on the compared entries (all when `compared` is empty).
bool matches_exactly(const wire::Tensor& got, const wire::Tensor& slipped, const std::vector<bool>& compared = {});

// Names an entry the way a person would write it: "dw[3]", "W1[2, 5]", "loss".
std::string entry_name(const std::string& what, const std::vector<int64_t>& index);
std::string shape_string(const std::vector<int64_t>& shape);

// Grader-side tensors from Eigen (vectors, row or column, are 1-D) and scalars (0-D).
wire::Tensor tensor(const Eigen::MatrixXd& m);
wire::Tensor tensor(const Eigen::VectorXd& v);
wire::Tensor tensor(const Eigen::RowVectorXd& v);
wire::Tensor scalar(double x);
wire::IntTensor int_tensor(const Eigen::VectorXi& v);
// The generic reading of a wrong value, used when no fingerprint matched: a shared scale
// factor over a vector (never a single number, never one near 1), a flipped sign, a
// transpose, a constant offset, single precision. Empty when no test holds.
std::string generic_diagnosis(const wire::Tensor& got, const wire::Tensor& expected, Tolerance tol,
                              const Clues& clues = {});

// Back to Eigen (the caller has checked the shape).
Eigen::MatrixXd matrix_of(const wire::Tensor& t);
Eigen::VectorXd vector_of(const wire::Tensor& t);
Eigen::VectorXi int_vector_of(const wire::IntTensor& t);

}  // namespace mldrill::grading
