// The history database: SQLite in WAL mode, schema versioned by PRAGMA user_version and
// brought up to date by migrations on open. Every write is one IMMEDIATE transaction, so a
// process killed at any moment leaves every earlier attempt intact.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <stdexcept>
#include <string>

namespace mldrill::history {

// The database cannot be used: locked past the timeout, corrupt, or from a newer mldrill.
class HistoryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Database {
 public:
  // Opens (creating if needed) and migrates. lock_timeout_ms: how long to wait for another
  // mldrill holding the database (MLDRILL_LOCK_TIMEOUT_MS overrides the default). Where the
  // file or its directory is read-only it opens for reading, and write() says why not.
  explicit Database(const std::string& path, int lock_timeout_ms = -1);

  // Runs fn inside BEGIN IMMEDIATE … COMMIT; rolls back if fn throws.
  void write(const std::function<void(SQLite::Database&)>& fn);
  SQLite::Database& sql() { return db_; }
  const std::string& path() const { return path_; }
  int schema_version();
  static int latest_schema_version();
  // Why this database cannot be written (a read-only file or directory), or "".
  const std::string& read_only() const { return read_only_; }

 private:
  void migrate();
  HistoryError locked() const;
  std::string path_;
  int timeout_ms_;
  std::string read_only_;  // set by the open, before db_ is used
  SQLite::Database db_;
};

}  // namespace mldrill::history
