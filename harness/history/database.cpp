// Opening, locking, migrations.
#include "history/database.hpp"

#include <fmt/format.h>

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace mldrill::history {
namespace {

// Each entry moves the schema from version i to i + 1. Never edit a released entry: add one.
const std::vector<const char*> kMigrations = {
    // 1: attempts, their pauses, hints and checks (with a snapshot of the source), and
    //    per-user target overrides.
    R"sql(
    CREATE TABLE attempts (
      id             INTEGER PRIMARY KEY,
      exercise       TEXT NOT NULL,
      flavor         TEXT NOT NULL,
      started_at     REAL NOT NULL,                 -- unix seconds
      ended_at       REAL,                          -- set when passed or abandoned
      status         TEXT NOT NULL CHECK (status IN ('open', 'passed', 'abandoned')),
      active_seconds REAL,                          -- fixed when the attempt closes
      target_minutes REAL NOT NULL,                 -- the target in force at start
      workspace_file TEXT NOT NULL,
      final_source   TEXT                           -- an abandoned attempt's code as left
    );
    CREATE UNIQUE INDEX one_open_attempt_per_exercise ON attempts(exercise) WHERE status = 'open';
    CREATE TABLE pauses (
      id         INTEGER PRIMARY KEY,
      attempt_id INTEGER NOT NULL REFERENCES attempts(id),
      paused_at  REAL NOT NULL,
      resumed_at REAL
    );
    CREATE TABLE hints (
      id          INTEGER PRIMARY KEY,
      attempt_id  INTEGER NOT NULL REFERENCES attempts(id),
      hint_number INTEGER NOT NULL,
      taken_at    REAL NOT NULL
    );
    CREATE TABLE checks (
      id              INTEGER PRIMARY KEY,
      attempt_id      INTEGER NOT NULL REFERENCES attempts(id),
      checked_at      REAL NOT NULL,
      verdict         TEXT NOT NULL,
      failing_case    TEXT,
      compile_seconds REAL,
      run_seconds     REAL,
      source          TEXT NOT NULL,
      report          TEXT NOT NULL                 -- the check's --json report
    );
    CREATE INDEX checks_by_attempt ON checks(attempt_id);
    CREATE TABLE targets (
      exercise TEXT PRIMARY KEY,
      minutes  REAL NOT NULL CHECK (minutes > 0),
      set_at   REAL NOT NULL
    );
    )sql",
};

int default_timeout_ms(int requested) {
  if (requested >= 0) return requested;
  if (const char* env = std::getenv("MLDRILL_LOCK_TIMEOUT_MS")) return std::atoi(env);
  return 10000;
}

SQLite::Database open_db(const std::string& path) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  try {
    return SQLite::Database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  } catch (const SQLite::Exception& e) {
    throw HistoryError(fmt::format("cannot open the history database {}: {}", path, e.what()));
  }
}

bool is_busy(const SQLite::Exception& e) {
  return e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
}

}  // namespace

int Database::latest_schema_version() { return static_cast<int>(kMigrations.size()); }

Database::Database(const std::string& path, int lock_timeout_ms)
    : path_(path), timeout_ms_(default_timeout_ms(lock_timeout_ms)), db_(open_db(path)) {
  try {
    db_.setBusyTimeout(timeout_ms_);
    db_.exec("PRAGMA journal_mode = WAL");
    db_.exec("PRAGMA synchronous = FULL");
    db_.exec("PRAGMA foreign_keys = ON");
  } catch (const SQLite::Exception& e) {
    if (is_busy(e)) throw locked();
    throw HistoryError(fmt::format("the history database {} cannot be used: {}", path_, e.what()));
  }
  migrate();
}

HistoryError Database::locked() const {
  return HistoryError(fmt::format("the history database {} is locked by another mldrill (waited {:.1f} s); "
                                  "nothing was written, try again when it has finished",
                                  path_, timeout_ms_ / 1000.0));
}

int Database::schema_version() { return db_.execAndGet("PRAGMA user_version").getInt(); }

void Database::write(const std::function<void(SQLite::Database&)>& fn) {
  try {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    fn(db_);
    tx.commit();
  } catch (const SQLite::Exception& e) {
    if (is_busy(e)) throw locked();
    throw HistoryError(fmt::format("writing the history database {} failed: {}", path_, e.what()));
  }
}

void Database::migrate() {
  int version = 0;
  try {
    version = schema_version();
  } catch (const SQLite::Exception& e) {
    throw HistoryError(fmt::format("{} is not a readable history database: {}", path_, e.what()));
  }
  if (version > latest_schema_version())
    throw HistoryError(fmt::format("{} was written by a newer mldrill (schema {}; this one knows up to {})", path_,
                                   version, latest_schema_version()));
  for (int v = version; v < latest_schema_version(); ++v) {
    write([&](SQLite::Database& db) {
      // Re-read inside the lock: another mldrill may have migrated meanwhile.
      if (db.execAndGet("PRAGMA user_version").getInt() != v) return;
      db.exec(kMigrations[size_t(v)]);
      db.exec(fmt::format("PRAGMA user_version = {}", v + 1));
    });
  }
}

}  // namespace mldrill::history
