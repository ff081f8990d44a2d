// Sources are stored once per content: a check's snapshot goes into the sources table
// (hash → bytes, compared byte for byte), and `checks` reads as before. Oracles: the
// bytes that went in, the row counts, and a database written with schema 1 exactly as
// mldrill wrote it before this migration existed.
#include <catch2/catch.hpp>

#include <filesystem>

#include "history/store.hpp"

using namespace mldrill::history;
namespace fs = std::filesystem;

namespace {
std::string fresh_db(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("mldrill-sources-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return (dir / "history.sqlite3").string();
}
NewCheck check(const std::string& verdict, const std::string& source) {
  return {verdict, verdict == "accepted" ? "" : "loss(n=40,d=6)", 1.2, 0.1, source, "{}"};
}
int64_t count(Database& db, const std::string& table) {
  return db.sql().execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
}
std::vector<std::string> sources_of(Database& db, int64_t attempt) {
  SQLite::Statement q(db.sql(), "SELECT source FROM checks WHERE attempt_id = ? ORDER BY id");
  q.bind(1, attempt);
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

// Schema 1 exactly as mldrill created it before sources were shared (migration 1).
const char* kSchema1 = R"sql(
    CREATE TABLE attempts (
      id INTEGER PRIMARY KEY, exercise TEXT NOT NULL, flavor TEXT NOT NULL, started_at REAL NOT NULL,
      ended_at REAL, status TEXT NOT NULL CHECK (status IN ('open', 'passed', 'abandoned')),
      active_seconds REAL, target_minutes REAL NOT NULL, workspace_file TEXT NOT NULL, final_source TEXT);
    CREATE UNIQUE INDEX one_open_attempt_per_exercise ON attempts(exercise) WHERE status = 'open';
    CREATE TABLE pauses (id INTEGER PRIMARY KEY, attempt_id INTEGER NOT NULL REFERENCES attempts(id),
      paused_at REAL NOT NULL, resumed_at REAL);
    CREATE TABLE hints (id INTEGER PRIMARY KEY, attempt_id INTEGER NOT NULL REFERENCES attempts(id),
      hint_number INTEGER NOT NULL, taken_at REAL NOT NULL);
    CREATE TABLE checks (id INTEGER PRIMARY KEY, attempt_id INTEGER NOT NULL REFERENCES attempts(id),
      checked_at REAL NOT NULL, verdict TEXT NOT NULL, failing_case TEXT, compile_seconds REAL, run_seconds REAL,
      source TEXT NOT NULL, report TEXT NOT NULL);
    CREATE INDEX checks_by_attempt ON checks(attempt_id);
    CREATE TABLE targets (exercise TEXT PRIMARY KEY, minutes REAL NOT NULL CHECK (minutes > 0), set_at REAL NOT NULL);
    PRAGMA user_version = 1;
)sql";
}  // namespace

TEST_CASE("The same source checked again is stored once, and each check reads its own bytes back", "[history]") {
  const auto path = fresh_db("dedupe");
  Database db(path);
  Store s(db);
  const auto [a, none] = s.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 1000);
  const std::string big(5 << 20, 'x');  // 5 MB, checked five times
  for (int i = 0; i < 5; ++i) s.record_check(a.id, check("wrong_answer", big), 1010 + i);
  // Bytes, not text: a Latin-1 comment, a 0xFF, a NUL.
  const std::string odd("// caf\xE9 \xFF\0 end\n", 15);
  s.record_check(a.id, check("wrong_answer", odd), 1100);
  s.record_check(a.id, check("accepted", big + "!"), 1200);
  CHECK(count(db, "sources") == 3);
  CHECK(count(db, "checks") == 7);
  const auto got = sources_of(db, a.id);
  REQUIRE(got.size() == 7);
  for (int i = 0; i < 5; ++i) CHECK(got[size_t(i)] == big);
  CHECK(got[5] == odd);
  CHECK(got[6] == big + "!");
  CHECK(s.attempt(a.id, 2000)->status == "passed");
  CHECK(s.attempt(a.id, 2000)->checks == 7);
  db.sql().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  CHECK(fs::file_size(path) < size_t(12 << 20));  // two 5 MB sources, not seven
}

TEST_CASE("Sources that share a hash but differ are both kept", "[history]") {
  Database db(fresh_db("collision"));
  Store s(db);
  const auto [a, none] = s.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 1000);
  s.record_check(a.id, check("wrong_answer", "first"), 1010);
  // Forge a collision: make the stored hash of "first" equal to that of "second".
  db.sql().exec("UPDATE sources SET hash = mldrill_source_hash('second')");
  s.record_check(a.id, check("wrong_answer", "second"), 1020);
  CHECK(sources_of(db, a.id) == std::vector<std::string>{"first", "second"});
  CHECK(count(db, "sources") == 2);  // "second" got its own row despite the equal hash
}

TEST_CASE("A schema-1 database migrates: every attempt and check intact, its sources stored once", "[history]") {
  const auto path = fresh_db("migrate");
  const std::string latin1("int f() { return 1; } // caf\xE9\n");
  {
    SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    old.exec("PRAGMA journal_mode = WAL");
    old.exec(kSchema1);
    old.exec("INSERT INTO attempts VALUES (1, 'logreg', 'eigen', 1000, 1500, 'passed', 400, 15, '/w/logreg.cpp', NULL)");
    old.exec("INSERT INTO attempts VALUES (2, 'knn', 'torch', 2000, 2100, 'abandoned', 100, 30, '/w/knn.cpp', 'left')");
    old.exec("INSERT INTO attempts VALUES (3, 'logreg', 'eigen', 3000, NULL, 'open', NULL, 15, '/w/logreg.cpp', NULL)");
    old.exec("INSERT INTO pauses VALUES (1, 1, 1100, 1200)");
    old.exec("INSERT INTO hints VALUES (1, 1, 1, 1150)");
    SQLite::Statement ins(old, "INSERT INTO checks VALUES (?, ?, ?, ?, ?, 1.5, 0.2, ?, '{\"verdict\":\"x\"}')");
    const std::vector<std::tuple<int, int, double, std::string, std::string>> rows = {
        {1, 1, 1010, "wrong_answer", "v1"}, {2, 1, 1020, "wrong_answer", "v1"}, {3, 1, 1500, "accepted", "v2"},
        {4, 2, 2050, "compile_error", latin1}, {5, 3, 3010, "wrong_answer", "v1"}};
    for (const auto& [id, attempt, at, verdict, source] : rows) {
      ins.bind(1, id);
      ins.bind(2, attempt);
      ins.bind(3, at);
      ins.bind(4, verdict);
      if (verdict == "accepted") ins.bind(5);
      else ins.bind(5, "loss(n=40,d=6)");
      ins.bind(6, source);
      ins.exec();
      ins.reset();
    }
  }
  Database db(path);
  CHECK(db.schema_version() == Database::latest_schema_version());
  CHECK(count(db, "sources") == 3);
  CHECK(count(db, "checks") == 5);
  CHECK(sources_of(db, 1) == std::vector<std::string>{"v1", "v1", "v2"});
  CHECK(sources_of(db, 2) == std::vector<std::string>{latin1});
  Store s(db);
  const auto a1 = s.attempt(1, 5000);
  REQUIRE(a1);
  CHECK(a1->status == "passed");
  CHECK(a1->active_seconds == 400);
  CHECK(a1->checks == 3);
  CHECK(a1->hints == 1);
  CHECK(a1->last_verdict == "accepted");
  const auto checks = s.checks(1);
  REQUIRE(checks.size() == 3);
  CHECK(checks[0].id == 1);
  CHECK(checks[0].failing_case == "loss(n=40,d=6)");
  CHECK(checks[2].verdict == "accepted");
  CHECK(checks[2].checked_at == 1500);
  CHECK(db.sql().execAndGet("SELECT final_source FROM attempts WHERE id = 2").getString() == "left");
  // And it goes on: a new check of the open attempt shares the stored "v1".
  s.record_check(3, check("accepted", "v1"), 3100);
  CHECK(count(db, "sources") == 3);
  CHECK(s.attempt(3, 4000)->status == "passed");
  CHECK(db.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
  SQLite::Statement dangling(db.sql(), "PRAGMA foreign_key_check");
  CHECK(!dangling.executeStep());
}
