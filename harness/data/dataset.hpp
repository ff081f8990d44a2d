// The shipped datasets (datasets/*.csv): strict loading, seeded splits, standardization.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace mldrill::data {

// A malformed file: the message starts with "file:line:".
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Dataset {
  std::string name;
  std::vector<std::string> feature_names;
  Eigen::MatrixXd X;  // n × d
  Eigen::VectorXi y;  // n class labels, 0 .. C-1
};

// A header row of names, then rows of numbers with an integer label last.
Dataset load_csv(const std::string& path);

// datasets/<name>.csv of this checkout (or of $MLDRILL_DATASETS), loaded once.
const Dataset& dataset(const std::string& name);

// A portable seeded permutation of 0..n-1 (Fisher–Yates on raw mt19937_64 output, so it is
// the same on every standard library).
std::vector<int> permutation(int n, uint64_t seed);

struct Split {
  Eigen::MatrixXd X_train, X_test;
  Eigen::VectorXi y_train, y_test;
};

// Each class split test_fraction / rest, rows shuffled with the seed.
Split stratified_split(const Dataset& d, double test_fraction, uint64_t seed);

// (x − mean) / std with the training rows' statistics (std 0 → 1), applied to both parts.
void standardize(Split& s);

}  // namespace mldrill::data
