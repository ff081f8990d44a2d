// CSV loading that names the file and line of any defect, and deterministic splits.
#include "data/dataset.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>

#include "project/paths.hpp"

namespace mldrill::data {
namespace {

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(field);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

}  // namespace

Dataset load_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw DataError(path + ": cannot open the dataset file");
  Dataset d;
  d.name = path;
  std::string line;
  int lineno = 0;
  auto error = [&](const std::string& what) { return DataError(fmt::format("{}:{}: {}", path, lineno, what)); };
  if (!std::getline(in, line)) throw DataError(path + ":1: empty file (expected a header row)");
  ++lineno;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  d.feature_names = split_fields(line);
  if (d.feature_names.size() < 2) throw error("the header needs at least one feature column and a label column");
  for (const auto& name : d.feature_names) {
    char* end = nullptr;
    std::strtod(name.c_str(), &end);
    if (!name.empty() && *end == '\0') throw error("the first row must be a header of column names, got a number");
  }
  d.feature_names.pop_back();  // the label column
  const size_t cols = d.feature_names.size() + 1;
  std::vector<double> values;
  std::vector<int> labels;
  bool ended = false;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      ended = true;
      continue;
    }
    if (ended) throw error("a blank line in the middle of the data");
    auto fields = split_fields(line);
    if (fields.size() != cols) throw error(fmt::format("expected {} fields, got {}", cols, fields.size()));
    for (size_t c = 0; c < cols; ++c) {
      const std::string& f = fields[c];
      char* end = nullptr;
      const double v = std::strtod(f.c_str(), &end);
      if (f.empty() || *end != '\0' || !std::isfinite(v))
        throw error(fmt::format("field {} ({}) is not a finite number: '{}'", c + 1,
                                c + 1 < cols ? d.feature_names[c] : "label", f));
      if (c + 1 < cols) {
        values.push_back(v);
      } else {
        if (v != std::floor(v) || v < 0 || v > 1e6)
          throw error(fmt::format("the label must be a non-negative integer, got '{}'", f));
        labels.push_back(static_cast<int>(v));
      }
    }
  }
  if (labels.empty()) throw DataError(path + ": no data rows after the header");
  const auto n = static_cast<Eigen::Index>(labels.size()), dims = static_cast<Eigen::Index>(cols - 1);
  d.X = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(values.data(), n, dims);
  d.y = Eigen::Map<Eigen::VectorXi>(labels.data(), n);
  return d;
}

const Dataset& dataset(const std::string& name) {
  static std::mutex mu;
  static std::map<std::string, Dataset> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it == cache.end()) {
    Dataset d = load_csv(project::paths().dataset_file(name));
    d.name = name;
    it = cache.emplace(name, std::move(d)).first;
  }
  return it->second;
}

std::vector<int> permutation(int n, uint64_t seed) {
  std::vector<int> p(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) p[size_t(i)] = i;
  std::mt19937_64 rng(seed);
  for (int i = n - 1; i > 0; --i) std::swap(p[size_t(i)], p[size_t(rng() % uint64_t(i + 1))]);
  return p;
}

Split stratified_split(const Dataset& d, double test_fraction, uint64_t seed) {
  std::map<int, std::vector<int>> by_class;
  for (int i : permutation(static_cast<int>(d.y.size()), seed)) by_class[d.y[i]].push_back(i);
  std::vector<int> train, test;
  for (auto& [label, rows] : by_class) {
    const auto n_test = static_cast<size_t>(std::lround(test_fraction * double(rows.size())));
    test.insert(test.end(), rows.begin(), rows.begin() + long(n_test));
    train.insert(train.end(), rows.begin() + long(n_test), rows.end());
  }
  std::sort(train.begin(), train.end());
  std::sort(test.begin(), test.end());
  Split s;
  s.X_train = d.X(train, Eigen::all);
  s.y_train = d.y(train);
  s.X_test = d.X(test, Eigen::all);
  s.y_test = d.y(test);
  return s;
}

void standardize(Split& s) {
  const Eigen::RowVectorXd mean = s.X_train.colwise().mean();
  Eigen::RowVectorXd sd = ((s.X_train.rowwise() - mean).array().square().colwise().mean()).sqrt();
  for (Eigen::Index j = 0; j < sd.size(); ++j)
    if (sd[j] == 0) sd[j] = 1;
  s.X_train = (s.X_train.rowwise() - mean).array().rowwise() / sd.array();
  s.X_test = (s.X_test.rowwise() - mean).array().rowwise() / sd.array();
}

}  // namespace mldrill::data
