// Where mldrill's own files are: the checkout's data tree (exercises/, reference/,
// datasets/) and the build's outputs (toolchain.json, runners/, work/). The one place that knows.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>

namespace mldrill::project {

// The data tree (or the directory MLDRILL_DATASETS names) is not where this build expects it.
class DataTreeMissing : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Paths {
 public:
  // `datasets_override`: $MLDRILL_DATASETS when set and non-empty.
  Paths(std::string source_dir, std::string build_dir, std::optional<std::string> datasets_override = {});

  const std::string& source_dir() const { return source_dir_; }
  const std::string& build_dir() const { return build_dir_; }

  // The data tree; each throws DataTreeMissing when its directory is not there.
  std::string exercise_dir(const std::string& exercise) const;      // exercises/<id>
  std::string reference_header(const std::string& exercise) const;  // reference/<id>.hpp
  // datasets/<name><extension>; most are CSV, bpe's word counts a TSV.
  std::string dataset_file(const std::string& name, const std::string& extension = ".csv") const;

  // The build.
  std::string toolchain_file() const;  // toolchain.json, written by CMake
  std::string runner_library(const std::string& exercise, const std::string& flavor) const;
  std::string work_dir() const;       // compiled candidates and run directories of the CLI
  std::string test_work_dir() const;  // the same, for the tests
  std::string mldrill_binary() const;

  // workspace/ in the checkout: the default place of the user's solution files.
  std::string default_workspace() const;

 private:
  std::string require_dir(const std::string& dir, const std::string& what) const;
  std::string source_dir_, build_dir_;
  std::optional<std::string> datasets_override_;
};

// This build's paths (the checkout and build directory CMake configured, plus
// $MLDRILL_DATASETS), worked out once.
const Paths& paths();

}  // namespace mldrill::project
