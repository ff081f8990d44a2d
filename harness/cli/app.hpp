// Shared pieces of the `mldrill` command: where data lives, errors that map to exit
// codes, and one function per subcommand.
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "history/store.hpp"

namespace mldrill::cli {

// Exit 2: the command line asks for something that cannot be done as asked.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// Exit 4: the environment is wrong (missing file, build failure, locked database...).
class EnvironmentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Paths {
  std::string data_dir;   // MLDRILL_HOME, or ${XDG_DATA_HOME:-~/.local/share}/mldrill
  std::string database;   // <data_dir>/history.sqlite3
  std::string workspace;  // <MLDRILL_HOME>/workspace, or workspace/ in the clone
  std::string work_dir;   // <build>/work: compiled candidates and run directories
};
// Throws EnvironmentError naming MLDRILL_HOME when it cannot be used.
Paths paths();

// Where things live and the history, both worked out on first use (so that an unusable
// MLDRILL_HOME is an error with a message, never an abort before main's handlers).
class Session {
 public:
  history::Store& store();
  history::Database& database();
  const Paths& where() const;

 private:
  mutable std::optional<Paths> paths_;
  std::unique_ptr<history::Database> db_;
  std::unique_ptr<history::Store> store_;
};

// Builds the (exercise, flavor) grader on first use, with progress on stderr.
void ensure_grader_built(const std::string& exercise, const std::string& flavor);

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
// The shell command that builds a flavor's grader, with `jobs` parallel jobs (all cores:
// the first check in a flavor waits for it). Its output goes to stderr.
inline std::string grader_build_command(const std::string& build_dir, const std::string& flavor, unsigned jobs) {
  const std::string build = "cmake --build " + shell_quote(build_dir) + " -j " + std::to_string(jobs < 1 ? 1 : jobs);
  return build + " --target runners_" + flavor + " 1>&2 || " + build + " --target runners 1>&2";
}

// The target in force: the user's override, else the exercise's default.
double target_minutes(history::Store& store, const std::string& exercise);

struct CommonOptions {
  bool json = false;
};

struct StartOptions : CommonOptions {
  std::string exercise;
  std::string flavor;  // empty: the drill's default (catalog::default_flavor)
  bool restart = false;  // abandon an open attempt of the exercise without asking
};
struct CheckOptions : CommonOptions {
  std::optional<std::string> exercise, file, flavor;
  bool verbose = false;
};
struct AttemptOptions : CommonOptions {
  std::optional<std::string> exercise;
};
struct HistoryOptions : CommonOptions {
  std::optional<std::string> exercise;
  std::optional<int64_t> attempt;
};
using history::kMaxTargetMinutes;
using history::kMinTargetMinutes;
struct TargetOptions : CommonOptions {
  std::string exercise;
  std::optional<double> minutes;
  bool reset = false;  // back to the exercise's default
};
struct ScheduleOptions : CommonOptions {
  std::optional<std::string> today;  // YYYY-MM-DD; else MLDRILL_TODAY; else the local date
  int days = 14;
};
struct ExportOptions : CommonOptions {
  std::optional<std::string> out;
};
struct ImportOptions : CommonOptions {
  std::string file;
};

struct ReportOptions : CommonOptions {
  std::optional<std::string> out;
};
struct TraceOptions : CommonOptions {
  std::string name;
  std::optional<std::string> out;
};

int cmd_list(Session& s, const CommonOptions& o);
int cmd_start(Session& s, const StartOptions& o);
int cmd_reset(Session& s, const AttemptOptions& o);
int cmd_check(Session& s, const CheckOptions& o);
int cmd_pause(Session& s, const AttemptOptions& o);
int cmd_resume(Session& s, const AttemptOptions& o);
int cmd_status(Session& s, const AttemptOptions& o);
int cmd_hint(Session& s, const AttemptOptions& o);
int cmd_history(Session& s, const HistoryOptions& o);
int cmd_target(Session& s, const TargetOptions& o);
int cmd_watch(Session& s, const AttemptOptions& o);
int cmd_stats(Session& s, const CommonOptions& o);
int cmd_next(Session& s, const ScheduleOptions& o);
int cmd_plan(Session& s, const ScheduleOptions& o);
int cmd_export(Session& s, const ExportOptions& o);
int cmd_import(Session& s, const ImportOptions& o);
int cmd_report(Session& s, const ReportOptions& o);
int cmd_trace(const TraceOptions& o);
std::string trace_help();  // the traces `mldrill trace` knows, one per line

}  // namespace mldrill::cli
