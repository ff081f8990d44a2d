// The project's paths, from the directories CMake configured this build with.
#include "project/paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <utility>

#if !defined(MLDRILL_SOURCE_DIR) || !defined(MLDRILL_BUILD_DIR)
#error "MLDRILL_SOURCE_DIR and MLDRILL_BUILD_DIR must be defined by the build"
#endif

namespace fs = std::filesystem;

namespace mldrill::project {

Paths::Paths(std::string source_dir, std::string build_dir, std::optional<std::string> datasets_override)
    : source_dir_(std::move(source_dir)), build_dir_(std::move(build_dir)), datasets_override_(std::move(datasets_override)) {}

// `dir` when it is a directory; otherwise an error that says which setting points where.
std::string Paths::require_dir(const std::string& dir, const std::string& what) const {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return dir;
  if (datasets_override_ && dir == *datasets_override_)
    throw DataTreeMissing("MLDRILL_DATASETS=" + dir + " is not a directory: point it at a directory of " + what +
                          " files, or unset it to use " + source_dir_ + "/datasets");
  throw DataTreeMissing("mldrill's " + what + " directory " + dir + " is missing: this build was configured from " +
                        source_dir_ + " (was the checkout moved or deleted?); configure and build again from the checkout");
}

std::string Paths::exercise_dir(const std::string& exercise) const {
  return require_dir(source_dir_ + "/exercises", "exercises") + "/" + exercise;
}

std::string Paths::reference_header(const std::string& exercise) const {
  return require_dir(source_dir_ + "/reference", "reference") + "/" + exercise + ".hpp";
}

std::string Paths::dataset_file(const std::string& name, const std::string& extension) const {
  const std::string dir = datasets_override_ ? *datasets_override_ : source_dir_ + "/datasets";
  return require_dir(dir, "dataset") + "/" + name + extension;
}

std::string Paths::toolchain_file() const { return build_dir_ + "/toolchain.json"; }

std::string Paths::runner_library(const std::string& exercise, const std::string& flavor) const {
  return build_dir_ + "/runners/lib" + exercise + "_" + flavor + ".a";
}

std::string Paths::work_dir() const { return build_dir_ + "/work"; }
std::string Paths::test_work_dir() const { return build_dir_ + "/test-work"; }
std::string Paths::mldrill_binary() const { return build_dir_ + "/harness/mldrill"; }
std::string Paths::default_workspace() const { return source_dir_ + "/workspace"; }

const Paths& paths() {
  static const Paths p = [] {
    const char* datasets = std::getenv("MLDRILL_DATASETS");
    return Paths(MLDRILL_SOURCE_DIR, MLDRILL_BUILD_DIR,
                 datasets && *datasets ? std::optional<std::string>(datasets) : std::nullopt);
  }();
  return p;
}

}  // namespace mldrill::project
