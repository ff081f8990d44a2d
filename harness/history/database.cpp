// Opening (read-only where the file or its directory cannot be written), locking, migrations.
#include "history/database.hpp"

#include <fmt/format.h>

#include <sqlite3.h>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

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
    // 2: each distinct source is stored once (a 50 MB file checked ten times took 500 MB).
    //    checks becomes a view over check_rows + sources with the same columns, and an
    //    INSTEAD OF trigger files an inserted check's source by content, so every reader
    //    and writer of `checks` keeps working unchanged. A source is found by its hash and
    //    then compared byte for byte, so a hash collision can never swap two sources.
    R"sql(
    ALTER TABLE checks RENAME TO checks_v1;
    DROP INDEX checks_by_attempt;
    CREATE TABLE sources (
      id    INTEGER PRIMARY KEY,
      hash  INTEGER NOT NULL,                       -- mldrill_source_hash(bytes)
      bytes BLOB NOT NULL                           -- the file as read, byte for byte
    );
    CREATE INDEX sources_by_hash ON sources(hash);
    CREATE TABLE check_rows (
      id              INTEGER PRIMARY KEY,
      attempt_id      INTEGER NOT NULL REFERENCES attempts(id),
      checked_at      REAL NOT NULL,
      verdict         TEXT NOT NULL,
      failing_case    TEXT,
      compile_seconds REAL,
      run_seconds     REAL,
      source_id       INTEGER NOT NULL REFERENCES sources(id),
      report          TEXT NOT NULL                 -- the check's --json report
    );
    CREATE INDEX check_rows_by_attempt ON check_rows(attempt_id);
    CREATE VIEW checks AS
      SELECT c.id, c.attempt_id, c.checked_at, c.verdict, c.failing_case, c.compile_seconds, c.run_seconds,
             CAST(s.bytes AS TEXT) AS source, c.report
      FROM check_rows c JOIN sources s ON s.id = c.source_id;
    CREATE TRIGGER checks_insert INSTEAD OF INSERT ON checks BEGIN
      INSERT INTO sources (hash, bytes)
        SELECT mldrill_source_hash(NEW.source), CAST(NEW.source AS BLOB)
        WHERE NOT EXISTS (SELECT 1 FROM sources
                          WHERE hash = mldrill_source_hash(NEW.source) AND bytes = CAST(NEW.source AS BLOB));
      INSERT INTO check_rows (id, attempt_id, checked_at, verdict, failing_case, compile_seconds, run_seconds,
                              source_id, report)
        VALUES (NEW.id, NEW.attempt_id, NEW.checked_at, NEW.verdict, NEW.failing_case, NEW.compile_seconds,
                NEW.run_seconds,
                (SELECT id FROM sources
                 WHERE hash = mldrill_source_hash(NEW.source) AND bytes = CAST(NEW.source AS BLOB)),
                NEW.report);
    END;
    INSERT INTO checks (id, attempt_id, checked_at, verdict, failing_case, compile_seconds, run_seconds, source, report)
      SELECT id, attempt_id, checked_at, verdict, failing_case, compile_seconds, run_seconds, source, report
      FROM checks_v1 ORDER BY id;
    DROP TABLE checks_v1;
    )sql",
};

int default_timeout_ms(int requested) {
  if (requested >= 0) return requested;
  if (const char* env = std::getenv("MLDRILL_LOCK_TIMEOUT_MS")) return std::atoi(env);
  return 10000;
}

bool writable(const fs::path& p) { return ::access(p.c_str(), W_OK) == 0; }

// Why the database cannot be written, or "" when it can: SQLite writes the file and creates
// its -wal and -shm files beside it, so both the file and its directory must be writable.
std::string read_only_cause(const fs::path& file) {
  const fs::path dir = file.parent_path();
  if (!writable(dir))
    return fmt::format("its directory {} is read-only (SQLite must create its journal files there)", dir.string());
  std::error_code ec;
  if (fs::exists(file, ec) && !writable(file)) return fmt::format("the file {} is read-only", file.string());
  return "";
}

std::string uri_path(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20 || c >= 0x7F) out += fmt::format("%{:02X}", c);
    else out += char(c);
  }
  return out;
}

SQLite::Database open_db(const std::string& path, std::string& read_only) {
  const fs::path file(path), dir = file.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (fs::exists(dir, ec))
      throw HistoryError(fmt::format("cannot open the history database {}: {} is not a directory", path, dir.string()));
    fs::create_directories(dir, ec);
    if (ec)
      throw HistoryError(fmt::format("cannot create the directory {} for the history database: {}", dir.string(),
                                     ec.message()));
  }
  read_only = read_only_cause(file);
  try {
    if (read_only.empty()) return SQLite::Database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    if (!fs::exists(file, ec))
      throw HistoryError(fmt::format("cannot create the history database {}: {}", path, read_only));
    // Reading a WAL database needs its -shm file. While another mldrill has it open (its -shm
    // exists) the file is read through it; otherwise nobody is writing, and the file is read
    // as immutable: a plain read-only open would create -shm and -wal files with the
    // database's read-only mode, which would then block every writer once it is writable.
    if (fs::exists(path + "-shm", ec)) return SQLite::Database(path, SQLite::OPEN_READONLY);
    return SQLite::Database("file:" + uri_path(path) + "?immutable=1", SQLite::OPEN_READONLY | SQLite::OPEN_URI);
  } catch (const SQLite::Exception& e) {
    throw HistoryError(fmt::format("cannot open the history database {}: {}", path, e.what()));
  }
}

bool is_busy(const SQLite::Exception& e) {
  return e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
}

// mldrill_source_hash(x): FNV-1a 64 of x's bytes, the key of the sources table.
void source_hash(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* p = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
  const int n = sqlite3_value_bytes(argv[0]);
  uint64_t h = 1469598103934665603ull;
  for (int i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  sqlite3_result_int64(ctx, static_cast<sqlite3_int64>(h));
}

}  // namespace

int Database::latest_schema_version() { return static_cast<int>(kMigrations.size()); }

Database::Database(const std::string& path, int lock_timeout_ms)
    : path_(path), timeout_ms_(default_timeout_ms(lock_timeout_ms)), db_(open_db(path, read_only_)) {
  if (sqlite3_create_function_v2(db_.getHandle(), "mldrill_source_hash", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                 nullptr, source_hash, nullptr, nullptr, nullptr) != SQLITE_OK)
    throw HistoryError(fmt::format("the history database {} cannot be used: {}", path_, db_.getErrorMsg()));
  try {
    db_.setBusyTimeout(timeout_ms_);
    if (read_only_.empty()) db_.exec("PRAGMA journal_mode = WAL");
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
  if (!read_only_.empty())
    throw HistoryError(fmt::format("the history database {} cannot be written: {}", path_, read_only_));
  try {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    fn(db_);
    tx.commit();
  } catch (const SQLite::Exception& e) {
    if (is_busy(e)) throw locked();
    // Permissions may have changed since the open: name the file or directory if so;
    // otherwise SQLite's reason, in words for a failed disk write (a full disk or a file-size
    // limit reads only "disk I/O error").
    std::string cause = read_only_cause(path_);
    if (cause.empty()) {
      cause = e.what();
      if ((e.getExtendedErrorCode() & 0xFF) == SQLITE_IOERR)
        cause += " (a write to the disk failed: is it full, or a file-size limit reached?)";
    }
    throw HistoryError(fmt::format("writing the history database {} failed: {}", path_, cause));
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
  // Read-only: every schema so far reads the same (`checks` has the same columns), so an
  // older one is read as it is; writing says why it cannot.
  if (!read_only_.empty()) return;
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
