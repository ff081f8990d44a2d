// The history's timing rules and durability, driven with explicit clock values so every
// number is exact: active time = wall time − paused time, one open attempt per exercise,
// abandoned code kept, migrations versioned, a newer schema refused.
#include <catch2/catch.hpp>
#include <filesystem>

#include "history/store.hpp"

using namespace mldrill::history;
namespace fs = std::filesystem;

namespace {
std::string fresh_db(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("mldrill-history-test-" + name);
  fs::remove_all(dir);
  return (dir / "history.sqlite3").string();
}
NewCheck check(const std::string& verdict) { return {verdict, verdict == "accepted" ? "" : "loss(n=40,d=6)", 1.2, 0.1, "src", "{}"}; }
}  // namespace

TEST_CASE("A new database is created at the latest schema version; reopening changes nothing", "[history]") {
  const auto path = fresh_db("schema");
  {
    Database db(path);
    CHECK(db.schema_version() == Database::latest_schema_version());
  }
  Database again(path);
  CHECK(again.schema_version() == Database::latest_schema_version());
}

TEST_CASE("A database from a newer mldrill is refused, not modified", "[history]") {
  const auto path = fresh_db("newer");
  { Database db(path); db.sql().exec("PRAGMA user_version = 999"); }
  CHECK_THROWS_WITH(Database(path), Catch::Contains("newer mldrill"));
}

TEST_CASE("Active time is wall time minus paused time, and the attempt closes at its first pass", "[history]") {
  Database db(fresh_db("timing"));
  Store s(db);
  auto [a, abandoned] = s.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 1000);
  CHECK_FALSE(abandoned);
  CHECK(s.pause(a.id, 1100));
  CHECK_FALSE(s.pause(a.id, 1150));  // already paused: nothing changes
  CHECK(s.attempt(a.id, 1200)->active_seconds == Approx(100));
  CHECK(s.attempt(a.id, 1200)->paused);
  CHECK(s.resume(a.id, 1400));
  CHECK_FALSE(s.resume(a.id, 1450));
  auto after = s.record_check(a.id, check("wrong_answer"), 1500);
  CHECK(after.status == "open");
  after = s.record_check(a.id, check("accepted"), 1700);
  CHECK(after.status == "passed");
  CHECK(after.active_seconds == Approx(1700 - 1000 - 300));
  CHECK(after.checks == 2);
  CHECK(after.target_met());
  // A later check (e.g. from an old terminal) does not reopen or re-time it.
  after = s.record_check(a.id, check("accepted"), 5000);
  CHECK(after.active_seconds == Approx(400));
  CHECK(*s.best_seconds("logreg", "eigen") == Approx(400));
  CHECK_FALSE(s.best_seconds("logreg", "torch"));
}

TEST_CASE("A pass while paused ends the pause at the pass", "[history]") {
  Database db(fresh_db("paused-pass"));
  Store s(db);
  auto a = s.start("knn", "eigen", "/w/knn.cpp", 30, std::nullopt, 0).first;
  s.pause(a.id, 60);
  auto after = s.record_check(a.id, check("accepted"), 600);
  CHECK(after.active_seconds == Approx(60));
  CHECK_FALSE(after.paused);
}

TEST_CASE("Starting again abandons the open attempt and keeps its code", "[history]") {
  Database db(fresh_db("abandon"));
  Store s(db);
  auto first = s.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 0).first;
  s.record_check(first.id, check("wrong_answer"), 50);
  auto [second, abandoned] = s.start("logreg", "torch", "/w/logreg.cpp", 15, std::string("my half-done code"), 300);
  REQUIRE(abandoned);
  CHECK(*abandoned == first.id);
  const auto old = *s.attempt(first.id, 400);
  CHECK(old.status == "abandoned");
  CHECK(old.active_seconds == Approx(300));
  CHECK(old.checks == 1);
  SQLite::Statement q(db.sql(), "SELECT final_source FROM attempts WHERE id = ?");
  q.bind(1, first.id);
  REQUIRE(q.executeStep());
  CHECK(q.getColumn(0).getString() == "my half-done code");
  CHECK(s.open_attempt("logreg", 400)->id == second.id);
  CHECK(s.latest_open_attempt(400)->flavor == "torch");
}

TEST_CASE("The database itself refuses a second open attempt for one exercise", "[history]") {
  Database db(fresh_db("unique"));
  Store s(db);
  s.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 0);
  CHECK_THROWS(db.write([](SQLite::Database& d) {
    d.exec("INSERT INTO attempts (exercise, flavor, started_at, status, target_minutes, workspace_file) "
           "VALUES ('logreg', 'eigen', 1, 'open', 15, 'x')");
  }));
  CHECK(s.attempts("logreg", 10).size() == 1);
}

TEST_CASE("Hints are numbered per attempt and targets can be overridden", "[history]") {
  Database db(fresh_db("hints"));
  Store s(db);
  auto a = s.start("mlp", "eigen", "/w/mlp.cpp", 60, std::nullopt, 0).first;
  CHECK(s.take_hint(a.id, 10) == 1);
  CHECK(s.take_hint(a.id, 20) == 2);
  CHECK(s.attempt(a.id, 30)->hints == 2);
  CHECK_FALSE(s.target_override("mlp"));
  s.set_target("mlp", 45, 40);
  s.set_target("mlp", 50, 50);
  CHECK(*s.target_override("mlp") == 50);
}

TEST_CASE("A writer held by another connection makes a write wait, then fail with a clear message", "[history]") {
  const auto path = fresh_db("locked");
  Database holder(path);
  Store s(holder);
  auto a = s.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 0).first;
  holder.sql().exec("BEGIN IMMEDIATE");  // holds the write lock
  Database second(path, 200);
  Store s2(second);
  CHECK(s2.attempt(a.id, 10)->status == "open");  // readers are not blocked (WAL)
  CHECK_THROWS_WITH(s2.pause(a.id, 10), Catch::Contains("locked by another mldrill"));
  holder.sql().exec("ROLLBACK");
  CHECK(s2.pause(a.id, 10));
}
