// Where mldrill keeps things, the lazily opened history, and build-on-first-use.
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "catalog/catalog.hpp"
#include "cli/app.hpp"
#include "compile/toolchain.hpp"
#include "project/paths.hpp"

namespace fs = std::filesystem;

namespace mldrill::cli {

namespace {
// MLDRILL_HOME as an absolute path to a directory (or to where one will be created).
std::string home_dir(const std::string& home) {
  std::error_code ec;
  fs::path dir(home);
  if (dir.is_relative()) {
    const fs::path cwd = fs::current_path(ec);
    if (ec)
      throw EnvironmentError(fmt::format("MLDRILL_HOME={} is a relative path, but the working directory it is "
                                         "relative to cannot be found ({}; was it deleted?): cd into an existing "
                                         "directory or set MLDRILL_HOME to an absolute path",
                                         home, ec.message()));
    dir = cwd / dir;
  }
  dir = dir.lexically_normal();
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw EnvironmentError(fmt::format("MLDRILL_HOME={} is not a directory{}: set MLDRILL_HOME to the directory "
                                       "where mldrill keeps your history and workspace",
                                       home, fs::is_regular_file(dir, ec) ? " (it is a file)" : ""));
  std::string out = dir.string();
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}
}  // namespace

Paths paths() {
  Paths p;
  const char* home = std::getenv("MLDRILL_HOME");
  if (home && *home) {
    p.data_dir = home_dir(home);
    p.workspace = p.data_dir + "/workspace";
  } else {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* user_home = std::getenv("HOME");
    const std::string base = xdg && *xdg ? xdg : std::string(user_home ? user_home : "/tmp") + "/.local/share";
    p.data_dir = base + "/mldrill";
    p.workspace = project::paths().default_workspace();
  }
  p.database = p.data_dir + "/history.sqlite3";
  p.work_dir = project::paths().work_dir();
  return p;
}

const Paths& Session::where() const {
  if (!paths_) paths_ = paths();
  return *paths_;
}

history::Store& Session::store() {
  if (!store_) {
    db_ = std::make_unique<history::Database>(where().database);
    store_ = std::make_unique<history::Store>(*db_);
  }
  return *store_;
}

history::Database& Session::database() {
  store();
  return *db_;
}

double target_minutes(history::Store& store, const std::string& exercise) {
  if (auto t = store.target_override(exercise)) return *t;
  return catalog::exercise(exercise).target_minutes;
}

void ensure_grader_built(const std::string& exercise, const std::string& flavor) {
  const auto& tc = compile::toolchain();
  auto ready = [&] {
    const auto it = tc.flavors.find(flavor);
    return it != tc.flavors.end() && fs::exists(project::paths().runner_library(exercise, flavor)) && fs::exists(it->second.pch);
  };
  if (ready()) return;
  if (!tc.flavors.count(flavor))
    throw EnvironmentError(fmt::format("this build has no {} flavor (its libraries were not found when it was "
                                       "configured): run scripts/setup.sh, then rebuild",
                                       flavor));
  fmt::print(stderr, "mldrill: first use of the {} flavor: building its grader (once)...\n", flavor);
  const std::string cmd = grader_build_command(project::paths().build_dir(), flavor, std::thread::hardware_concurrency());
  if (std::system(cmd.c_str()) != 0 || !ready())
    throw EnvironmentError(fmt::format("building the {} grader for {} failed (see the output above)", flavor, exercise));
}

}  // namespace mldrill::cli
