// Attempts, pauses, hints, checks and targets: the timing rules of DESIGN.md "Timing".
// An attempt opens at start and closes at its first accepted check; active time is wall
// time minus paused time. At most one open attempt per exercise.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "history/database.hpp"

namespace mldrill::history {

double now_seconds();  // unix time, the clock of every record

// A target is whole minutes' worth of drill: under a minute cannot be met honestly, over a
// day is not a drill. `mldrill target` and `import` both hold targets to this range.
constexpr double kMinTargetMinutes = 1, kMaxTargetMinutes = 24 * 60;

struct Attempt {
  int64_t id = 0;
  std::string exercise;
  std::string flavor;
  std::string status;  // open, passed, abandoned
  double started_at = 0;
  std::optional<double> ended_at;
  double active_seconds = 0;  // fixed once closed; up to now while open
  double target_minutes = 0;
  std::string workspace_file;
  int checks = 0;
  int hints = 0;
  bool paused = false;
  std::optional<std::string> last_verdict;

  bool target_met() const { return status == "passed" && active_seconds <= target_minutes * 60; }
};

struct CheckRow {
  int64_t id = 0;
  int64_t attempt_id = 0;
  double checked_at = 0;
  std::string verdict;
  std::string failing_case;
  double compile_seconds = 0;
  double run_seconds = 0;
};

struct NewCheck {
  std::string verdict;
  std::string failing_case;
  double compile_seconds = 0;
  double run_seconds = 0;
  std::string source;
  std::string report_json;
};

// Everything recorded about an attempt, as stored: what export writes and import reads.
struct PauseRecord {
  double paused_at = 0;
  std::optional<double> resumed_at;  // none while the pause runs
};
struct HintRecord {
  int number = 0;
  double taken_at = 0;
};
struct CheckRecord {
  double checked_at = 0;
  std::string verdict;
  std::optional<std::string> failing_case;
  std::optional<double> compile_seconds, run_seconds;
  std::string source;  // the bytes checked
  std::string report;  // the check's report as stored (JSON text, normally)
};
struct AttemptRecord {
  std::string exercise, flavor, status;
  double started_at = 0;
  std::optional<double> ended_at, active_seconds;  // set once closed
  double target_minutes = 0;
  std::string workspace_file;
  std::optional<std::string> final_source;
  std::vector<PauseRecord> pauses;
  std::vector<HintRecord> hints;
  std::vector<CheckRecord> checks;
};
struct TargetRecord {
  std::string exercise;
  double minutes = 0, set_at = 0;
};
struct ImportCounts {
  int attempts_added = 0;
  int attempts_skipped = 0;  // already here (same exercise, flavor and started_at)
  int targets_set = 0;
  int targets_kept = 0;  // the override here was set as recently or more recently
};

class Store {
 public:
  explicit Store(Database& db) : db_(db) {}

  // Opens a new attempt; an open attempt of the same exercise becomes abandoned, keeping
  // `abandoned_source` (its code as left). Returns {new attempt, abandoned attempt id}.
  std::pair<Attempt, std::optional<int64_t>> start(const std::string& exercise, const std::string& flavor,
                                                   const std::string& workspace_file, double target_minutes,
                                                   const std::optional<std::string>& abandoned_source, double now);

  std::optional<Attempt> open_attempt(const std::string& exercise, double now);
  std::optional<Attempt> latest_open_attempt(double now);
  std::optional<Attempt> attempt(int64_t id, double now);
  std::vector<Attempt> attempts(const std::optional<std::string>& exercise, double now);

  // Both return false when there is nothing to do (already paused / not paused).
  bool pause(int64_t attempt_id, double now);
  bool resume(int64_t attempt_id, double now);

  // Records a check; if it is accepted and the attempt is open, closes the attempt in the
  // same transaction. Returns the attempt as it stands afterwards.
  Attempt record_check(int64_t attempt_id, const NewCheck& check, double now);
  std::vector<CheckRow> checks(int64_t attempt_id);

  // Records taking the next hint; returns its number (1-based).
  int take_hint(int64_t attempt_id, double now);

  // Fastest passed attempt for (exercise, flavor), in active seconds.
  std::optional<double> best_seconds(const std::string& exercise, const std::string& flavor);

  std::optional<double> target_override(const std::string& exercise);
  void set_target(const std::string& exercise, double minutes, double now);
  // Back to the exercise's default; false if there was no override.
  bool clear_target(const std::string& exercise);

  // Whole records, for export: attempts in the order they were started, targets by exercise.
  std::vector<AttemptRecord> attempt_records();
  std::vector<TargetRecord> target_records();
  // Adds records in one transaction (all or nothing). An attempt already here (same
  // exercise, flavor and started_at) is skipped; a target replaces this history's override
  // only when it was set more recently. The caller closes open attempts first: an imported
  // open attempt would clash with one open here.
  ImportCounts import_records(const std::vector<AttemptRecord>& attempts, const std::vector<TargetRecord>& targets);

 private:
  double active_seconds(int64_t attempt_id, double started_at, double until);
  Attempt load(SQLite::Statement& q, double now);
  Database& db_;
};

}  // namespace mldrill::history
