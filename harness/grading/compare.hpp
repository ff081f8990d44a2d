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
  std::string problem;  // "", "shape", "dtype", "nonfinite", "values"
  std::vector<int64_t> expected_shape, got_shape;
  std::string got_dtype;
  size_t bad = 0, total = 0;
  std::optional<Entry> worst;
  Tolerance tol;
  std::string diagnosis;

  std::string message() const;  // what a person reads: what differs, where, by how much, why
};

Comparison check_close(const std::string& what, const wire::Tensor& got, const wire::Tensor& expected,
                       Tolerance tol, const Clues& clues = {});

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
