// Grading and recording one check: the code path `check` and `watch` share, so a pass
// closes an attempt in exactly one way.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/app.hpp"
#include "grading/grader.hpp"

namespace mldrill::cli {

// What a check grades: an open attempt's workspace file, or any file (recording nothing).
struct CheckSubject {
  std::optional<history::Attempt> attempt;
  std::string exercise, flavor, file;
};

// Resolves the options to a subject, builds its grader if needed; throws UsageError or
// EnvironmentError with what to do instead.
CheckSubject check_subject(Session& s, const CheckOptions& o);

struct CheckRun {
  grading::Report report;
  nlohmann::json json;                   // the check --json document
  std::optional<history::Attempt> after;  // the attempt once the check is recorded
  bool closed_now = false;               // this check was the attempt's first pass
  std::optional<double> previous_best;
  std::optional<std::string> not_recorded;  // why the history could not take this check
};

// Grades the subject's file as it is now and records the check with the attempt, if any;
// a failure to record is kept in not_recorded, never thrown, so the verdict is not lost.
CheckRun grade_and_record(Session& s, const CheckSubject& subject);

struct PrintOptions {
  bool verbose = false;
  int max_errors = 5;  // compiler errors shown before "(N more errors...)"
};
// The human-readable report, the attempt's line, and on a first pass its time and follow-ups.
void print_check(const CheckRun& run, const PrintOptions& p);

int check_exit_code(grading::Verdict v);

// The largest candidate file mldrill compiles (and keeps a copy of with each check).
constexpr uintmax_t kMaxCandidateBytes = 1u << 20;
// Throws EnvironmentError (exit 4) for a file over kMaxCandidateBytes, or one that cannot be read.
void require_gradable_size(const std::string& file);

}  // namespace mldrill::cli
