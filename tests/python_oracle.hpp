// Independent oracles in Python (Debian's /usr/bin/python3 with NumPy and scikit-learn, which
// scripts/setup.sh --tests installs): one scratch directory per run, where the test writes the
// inputs, the script runs with it as its working directory, and which is removed afterwards.
// Without python3-sklearn the oracle tests fail with the script's own error, never skip.
#pragma once
#include <Eigen/Dense>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "sample_history.hpp"

namespace mldrill::testing {

class PythonRun {
 public:
  // `name` keeps concurrent oracle tests (ctest -j) out of each other's directories.
  explicit PythonRun(const std::string& name)
      : dir_(std::filesystem::temp_directory_path() /
             ("mldrill_" + name + "_oracle_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~PythonRun() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  PythonRun(const PythonRun&) = delete;
  PythonRun& operator=(const PythonRun&) = delete;

  const std::filesystem::path& dir() const { return dir_; }

  void write(const std::string& file, const std::string& text) const { std::ofstream(dir_ / file) << text; }

  // X as CSV, every bit kept (%.17g); with `labels`, each row's label last.
  void write_csv(const std::string& file, const Eigen::MatrixXd& X, const Eigen::VectorXi* labels = nullptr) const {
    std::ofstream out(dir_ / file);
    char buf[40];
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      for (Eigen::Index j = 0; j < X.cols(); ++j) {
        std::snprintf(buf, sizeof buf, "%.17g", X(i, j));
        out << (j ? "," : "") << buf;
      }
      if (labels) out << "," << (*labels)[i];
      out << "\n";
    }
  }

  // Runs `script` (saved as script.py) in the directory, with `args` after it on the command line.
  sample::Output run(const std::string& script, const std::string& args = "") const {
    write("script.py", script);
    return sample::shell("cd " + sample::quote(dir_.string()) + " && /usr/bin/python3 script.py " + args);
  }

  nlohmann::json read_json(const std::string& file) const {
    std::ifstream in(dir_ / file);
    return nlohmann::json::parse(in);
  }

 private:
  std::filesystem::path dir_;
};

// A list of equal-length lists of numbers (an oracle's JSON answer) as a matrix, row by row.
inline Eigen::MatrixXd matrix_of(const nlohmann::json& j) {
  Eigen::MatrixXd m(j.size(), j.at(0).size());
  for (size_t i = 0; i < j.size(); ++i)
    for (size_t k = 0; k < j[i].size(); ++k) m(Eigen::Index(i), Eigen::Index(k)) = j[i][k].get<double>();
  return m;
}

}  // namespace mldrill::testing
