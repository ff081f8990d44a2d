// Where mldrill keeps things, the lazily opened history, and build-on-first-use.
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "catalog/catalog.hpp"
#include "cli/app.hpp"
#include "compile/toolchain.hpp"

namespace fs = std::filesystem;

namespace mldrill::cli {

Paths paths() {
  Paths p;
  const auto& tc = compile::toolchain();
  const char* home = std::getenv("MLDRILL_HOME");
  if (home && *home) {
    p.data_dir = fs::absolute(home).string();
    p.workspace = p.data_dir + "/workspace";
  } else {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* user_home = std::getenv("HOME");
    const std::string base = xdg && *xdg ? xdg : std::string(user_home ? user_home : "/tmp") + "/.local/share";
    p.data_dir = base + "/mldrill";
    p.workspace = tc.source_dir + "/workspace";
  }
  p.database = p.data_dir + "/history.sqlite3";
  p.work_dir = tc.build_dir + "/work";
  return p;
}

history::Store& Session::store() {
  if (!store_) {
    db_ = std::make_unique<history::Database>(paths_.database);
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
    return it != tc.flavors.end() && fs::exists(tc.runner_library(exercise, flavor)) && fs::exists(it->second.pch);
  };
  if (ready()) return;
  if (!tc.flavors.count(flavor))
    throw EnvironmentError(fmt::format("this build has no {} flavor (its libraries were not found when it was "
                                       "configured): run scripts/setup.sh, then rebuild",
                                       flavor));
  fmt::print(stderr, "mldrill: first use of the {} flavor: building its grader (once)...\n", flavor);
  const std::string cmd = grader_build_command(tc.build_dir, flavor, std::thread::hardware_concurrency());
  if (std::system(cmd.c_str()) != 0 || !ready())
    throw EnvironmentError(fmt::format("building the {} grader for {} failed (see the output above)", flavor, exercise));
}

}  // namespace mldrill::cli
