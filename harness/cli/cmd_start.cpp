// `mldrill start`: stub → workspace, an unfinished attempt → abandoned (code kept), clock on.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/catalog.hpp"
#include "cli/app.hpp"
#include "cli/format.hpp"

namespace fs = std::filesystem;

namespace mldrill::cli {
namespace {

std::optional<std::string> read_if_exists(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Write to a temporary file and rename it over the target, so a kill never leaves half a file.
void write_atomically(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out) throw EnvironmentError("cannot write " + tmp);
  }
  fs::rename(tmp, path);
}

}  // namespace

int cmd_start(Session& s, const StartOptions& o) {
  const catalog::Exercise& ex = catalog::exercise(o.exercise);
  const auto flavors = catalog::gradable_flavors(ex);
  if (std::find(flavors.begin(), flavors.end(), o.flavor) == flavors.end()) {
    std::string offered;
    for (const auto& f : flavors) offered += (offered.empty() ? "" : ", ") + f;
    throw UsageError(fmt::format("{} has no {} flavor in this build (offered: {})", ex.id, o.flavor, offered));
  }
  ensure_grader_built(ex.id, o.flavor);
  const auto stub = read_if_exists(ex.stub_path(o.flavor));
  if (!stub) throw EnvironmentError("missing stub " + ex.stub_path(o.flavor));

  history::Store& store = s.store();
  const double now = history::now_seconds();
  const std::string file = s.where().workspace + "/" + ex.id + ".cpp";
  // Keep the code of an unfinished attempt: in the database and as a file beside the workspace.
  std::optional<std::string> left;
  std::string kept_as;
  if (auto open = store.open_attempt(ex.id, now)) {
    left = read_if_exists(open->workspace_file);
    if (left) {
      kept_as = fmt::format("{}/abandoned/{}-{}.cpp", s.where().workspace, ex.id, open->id);
      write_atomically(kept_as, *left);
    }
  }
  const double target = target_minutes(store, ex.id);
  auto [attempt, abandoned] = store.start(ex.id, o.flavor, file, target, left, now);
  write_atomically(file, *stub);
  const auto best = store.best_seconds(ex.id, o.flavor);

  if (o.json) {
    nlohmann::json j = {{"exercise", ex.id},       {"flavor", o.flavor},         {"file", file},
                        {"attempt", attempt.id},   {"target_minutes", target},   {"implement", ex.implement},
                        {"statement", ex.dir + "/README.md"}};
    j["best_seconds"] = best ? nlohmann::json(*best) : nlohmann::json();
    if (abandoned) j["abandoned"] = {{"attempt", *abandoned}, {"kept_as", kept_as}};
    print_json(j);
    return 0;
  }
  if (abandoned)
    fmt::print("Your unfinished {} attempt #{} is marked abandoned{}.\n", ex.id, *abandoned,
               kept_as.empty() ? "" : "; its code is kept in " + display_path(kept_as));
  std::string implement;
  for (const auto& f : ex.implement) implement += (implement.empty() ? "" : ", ") + f;
  fmt::print("Started {} ({}): {}. Target {}{}.\n", ex.id, o.flavor, ex.title, duration(target * 60),
             best ? ", your best " + duration(*best) : "");
  fmt::print("  edit   {}\n", display_path(file));
  fmt::print("  write  {}  (the task: {})\n", implement, display_path(ex.dir + "/README.md"));
  fmt::print("  then   mldrill check     (mldrill pause / resume / hint / status)\n");
  fmt::print("The clock is running.\n");
  return 0;
}

}  // namespace mldrill::cli
