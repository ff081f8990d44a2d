// The whole history as one JSON document, to move it between machines: attempts with their
// pauses, hints and checks (source snapshots and reports included), and target overrides.
// Import validates everything first and writes in one transaction: all or nothing.
#pragma once
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "history/store.hpp"

namespace mldrill::progress {

constexpr const char* kExportFormat = "mldrill-history";
constexpr int kExportVersion = 1;

// The file cannot be imported; says which record and which field. Nothing was written.
class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Attempts in the order they were started, times as unix seconds (exactly as stored).
nlohmann::json export_history(history::Database& db, double now);

// Attempts added and skipped (already here), targets set and kept (this history's is as recent).
using ImportResult = history::ImportCounts;

// The export as text (2-space indented JSON and a newline); bytes that are not UTF-8 in
// sources or reports are written as U+FFFD, so one odd byte never fails the export.
std::string export_text(history::Database& db, double now);

// Imports an export. An attempt already present (same exercise, flavor, started_at) is
// skipped, so importing the same file twice adds nothing, and two machines' exports merge.
// An attempt open in the file is imported abandoned at its last recorded moment (its clock
// stopped there, never running here; its path is the other machine's and is never graded),
// so it never clashes with an attempt open here.
// Throws ImportError (nothing written) on malformed JSON, or a field that is missing, of
// the wrong type, or out of range: an unknown exercise or flavor, a time outside 1970..now
// (+1 day of clock skew) or before the attempt's start, an end before the start, an active
// time below 0 or above the attempt's length, a target outside 1..1440 minutes.
ImportResult import_history(history::Database& db, const std::string& text, double now);
ImportResult import_history(history::Database& db, const std::string& text);  // now = the clock

}  // namespace mldrill::progress
