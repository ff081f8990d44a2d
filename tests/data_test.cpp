// The shipped datasets and their loader: each file loads with the documented shape and
// class counts (datasets/README.md), malformed files are refused with file:line, and
// splits are deterministic and stratified.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "data/dataset.hpp"

using namespace mldrill::data;
namespace fs = std::filesystem;

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / ("mldrill-data-test-" + name);
  std::ofstream(p) << text;
  return p.string();
}
std::string error_of(const std::string& path) {
  try {
    load_csv(path);
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("The shipped datasets load with their documented shapes and classes", "[data]") {
  const Dataset& bc = dataset("breast_cancer");
  CHECK(bc.X.rows() == 569);
  CHECK(bc.X.cols() == 30);
  CHECK((bc.y.array() == 0).count() == 212);
  const Dataset& iris = dataset("iris");
  CHECK(iris.X.rows() == 150);
  CHECK(iris.X.cols() == 4);
  const Dataset& digits = dataset("digits");
  CHECK(digits.X.rows() == 1797);
  CHECK(digits.X.cols() == 64);
  CHECK(digits.X.maxCoeff() == 16);
  CHECK(digits.y.maxCoeff() == 9);
}

TEST_CASE("A malformed dataset is refused with the file and line of the defect", "[data]") {
  const std::string header = "a,b,target\n";
  auto p = write_temp("fields.csv", header + "1,2,0\n1,2\n");
  CHECK(error_of(p) == p + ":3: expected 3 fields, got 2");
  p = write_temp("number.csv", header + "1,2,0\n1,x2,1\n");
  CHECK(error_of(p).find(p + ":3: field 2 (b) is not a finite number: 'x2'") == 0);
  p = write_temp("label.csv", header + "1,2,0.5\n");
  CHECK(error_of(p).find(p + ":2: the label must be a non-negative integer") == 0);
  p = write_temp("noheader.csv", "1,2,0\n");
  CHECK(error_of(p).find(p + ":1: the first row must be a header") == 0);
  p = write_temp("blank.csv", header + "1,2,0\n\n1,2,1\n");
  CHECK(error_of(p).find(p + ":4: a blank line in the middle") == 0);
  p = write_temp("empty.csv", header);
  CHECK(error_of(p).find("no data rows") != std::string::npos);
  CHECK(error_of("/nonexistent/x.csv").find("cannot open") != std::string::npos);
}

TEST_CASE("A stratified split is deterministic per seed and keeps class proportions", "[data]") {
  const Dataset& iris = dataset("iris");
  const Split a = stratified_split(iris, 0.2, 7), b = stratified_split(iris, 0.2, 7), c = stratified_split(iris, 0.2, 8);
  CHECK(a.X_test == b.X_test);
  CHECK_FALSE(a.X_test == c.X_test);
  CHECK(a.y_test.size() == 30);
  for (int k = 0; k < 3; ++k) CHECK((a.y_test.array() == k).count() == 10);
}

TEST_CASE("Standardization uses the training rows' statistics only", "[data]") {
  Split s = stratified_split(dataset("breast_cancer"), 0.2, 7);
  standardize(s);
  CHECK(s.X_train.colwise().mean().cwiseAbs().maxCoeff() < 1e-12);
  const Eigen::RowVectorXd sd = (s.X_train.array().square().colwise().mean()).sqrt();
  CHECK((sd.array() - 1).abs().maxCoeff() < 1e-12);
  CHECK(s.X_test.colwise().mean().cwiseAbs().maxCoeff() > 1e-6);  // the test part is not re-centred
}
