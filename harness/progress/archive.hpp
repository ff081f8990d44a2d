// The whole history as one JSON document, to move it between machines: attempts with their
// pauses, hints and checks (source snapshots and reports included), and target overrides.
// Import validates everything first and writes in one transaction: all or nothing.
#pragma once
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "history/database.hpp"

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

struct ImportResult {
  int attempts_added = 0;
  int attempts_skipped = 0;  // already in this history (same exercise, flavor and start time)
  int targets_set = 0;
  int targets_kept = 0;      // this history's override is as recent or more recent
};

// Imports an export. An attempt already present (same exercise, flavor, started_at) is
// skipped, so importing the same file twice adds nothing, and two machines' exports merge.
// Throws ImportError (nothing written) on malformed JSON, a wrong field, or an open attempt
// for an exercise that already has a different open attempt here.
ImportResult import_history(history::Database& db, const std::string& text);

}  // namespace mldrill::progress
