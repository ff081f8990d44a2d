// `mldrill start`: stub → workspace, clock on. An unfinished attempt of the exercise is
// abandoned (code kept) only when the user says so: a y on a terminal, or --restart.
// `mldrill reset`: the stub back into the open attempt's file, the clock untouched.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

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

// A restart throws away the clock of a drill in progress: it is asked for, never assumed.
void confirm_restart(const StartOptions& o, const history::Attempt& open) {
  if (o.restart) return;
  const std::string what = fmt::format("your {} attempt #{} is open ({} active, {} check{})", open.exercise, open.id,
                                       duration(open.active_seconds), open.checks, open.checks == 1 ? "" : "s");
  const std::string ways = fmt::format("`mldrill start {0} --restart` abandons it and starts over (its code is kept); "
                                       "`mldrill reset {0}` puts the stub back and keeps the clock; `mldrill check` "
                                       "carries on",
                                       open.exercise);
  if (o.json || !isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) throw UsageError(what + ": " + ways);
  fmt::print(stderr, "{}.\nAbandon it and start over? Its code is kept. [y/N] ", what);
  std::fflush(stderr);
  std::string answer;
  std::getline(std::cin, answer);
  if (answer != "y" && answer != "Y" && answer != "yes")
    throw UsageError(fmt::format("nothing changed: attempt #{} stays open ({})", open.id, ways));
}

}  // namespace

int cmd_start(Session& s, const StartOptions& o) {
  const catalog::Exercise& ex = catalog::exercise(o.exercise);
  const std::string flavor = catalog::choose_flavor(ex, o.flavor);
  ensure_grader_built(ex.id, flavor);
  const auto stub = read_if_exists(ex.stub_path(flavor));
  if (!stub) throw EnvironmentError("missing stub " + ex.stub_path(flavor));

  history::Store& store = s.store();
  const double now = history::now_seconds();
  const std::string file = s.where().workspace + "/" + ex.id + ".cpp";
  // Keep the code of an unfinished attempt: in the database and as a file beside the workspace.
  std::optional<std::string> left;
  std::string kept_as;
  if (auto open = store.open_attempt(ex.id, now)) {
    confirm_restart(o, *open);
    left = read_if_exists(open->workspace_file);
    if (left) {
      kept_as = fmt::format("{}/abandoned/{}-{}.cpp", s.where().workspace, ex.id, open->id);
      write_atomically(kept_as, *left);
    }
  }
  const double target = target_minutes(store, ex.id);
  auto [attempt, abandoned] = store.start(ex.id, flavor, file, target, left, now);
  write_atomically(file, *stub);
  const auto best = store.best_seconds(ex.id, flavor);

  if (o.json) {
    nlohmann::json j = {{"exercise", ex.id},       {"flavor", flavor},         {"file", file},
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
  fmt::print("Started {} ({}): {}. Target {}{}.\n", ex.id, flavor, ex.title, duration(target * 60),
             best ? ", your best " + duration(*best) : "");
  fmt::print("  edit   {}\n", display_path(file));
  fmt::print("  write  {}  (the task: {})\n", implement, display_path(ex.dir + "/README.md"));
  fmt::print("  then   mldrill check     (mldrill pause / resume / hint / status)\n");
  fmt::print("The clock is running.\n");
  return 0;
}

int cmd_reset(Session& s, const AttemptOptions& o) {
  const double now = history::now_seconds();
  auto a = o.exercise ? s.store().open_attempt(*o.exercise, now) : s.store().latest_open_attempt(now);
  if (!a)
    throw UsageError(o.exercise ? fmt::format("no open {0} attempt to reset (`mldrill start {0}` begins one)", *o.exercise)
                                : "no open attempt to reset (`mldrill start <exercise>` begins one)");
  const catalog::Exercise& ex = catalog::exercise(a->exercise);
  const auto stub = read_if_exists(ex.stub_path(a->flavor));
  if (!stub) throw EnvironmentError("missing stub " + ex.stub_path(a->flavor));
  // The code being replaced is kept, as an abandoned attempt's is.
  std::string kept_as;
  if (auto left = read_if_exists(a->workspace_file); left && *left != *stub) {
    kept_as = fmt::format("{}/reset/{}-{}.cpp", s.where().workspace, ex.id, a->id);
    write_atomically(kept_as, *left);
  }
  write_atomically(a->workspace_file, *stub);
  if (o.json) {
    nlohmann::json j = attempt_json(*s.store().attempt(a->id, now));
    j["file"] = a->workspace_file;
    j["kept_as"] = kept_as.empty() ? nlohmann::json() : nlohmann::json(kept_as);
    print_json(j);
    return 0;
  }
  fmt::print("{} is the fresh {} stub again{}.\nAttempt #{} goes on: {} active so far; the clock is {}.\n",
             display_path(a->workspace_file), a->flavor,
             kept_as.empty() ? "" : "; what you had is kept in " + display_path(kept_as), a->id,
             duration(a->active_seconds), a->paused ? "paused" : "running");
  return 0;
}

}  // namespace mldrill::cli
