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

// attempt_records reads every stored field back (pauses, hints, checks with their source
// and report), in the order attempts were started; nulls stay absent.
TEST_CASE("Whole attempt records read back every field, attempts in start order", "[history]") {
  Database db(fresh_db("records-out"));
  Store s(db);
  s.set_target("mlp", 45, 5);
  s.set_target("knn", 20, 6);
  const auto a = s.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 100).first;
  s.pause(a.id, 110);
  s.resume(a.id, 130);
  s.take_hint(a.id, 140);
  s.record_check(a.id, {"wrong_answer", "loss(n=40,d=6)", 1.5, 0.25, "v1", R"({"v":1})"}, 150);
  s.record_check(a.id, {"accepted", "", 1.25, 0.5, "v2", R"({"v":2})"}, 160);
  const auto b = s.start("knn", "torch", "/w/knn.cpp", 20, std::nullopt, 200).first;
  s.pause(b.id, 210);

  const auto targets = s.target_records();
  REQUIRE(targets.size() == 2);
  CHECK(targets[0].exercise == "knn");  // by exercise
  CHECK(targets[0].minutes == 20);
  CHECK(targets[0].set_at == 6);
  CHECK(targets[1].exercise == "mlp");

  const auto records = s.attempt_records();
  REQUIRE(records.size() == 2);
  const AttemptRecord& r = records[0];
  CHECK(r.exercise == "logreg");
  CHECK(r.flavor == "eigen");
  CHECK(r.status == "passed");
  CHECK(r.started_at == 100);
  CHECK(r.ended_at == 160.0);
  CHECK(r.active_seconds == 40.0);
  CHECK(r.target_minutes == 15);
  CHECK(r.workspace_file == "/w/logreg.cpp");
  CHECK_FALSE(r.final_source);
  REQUIRE(r.pauses.size() == 1);
  CHECK(r.pauses[0].paused_at == 110);
  CHECK(r.pauses[0].resumed_at == 130.0);
  REQUIRE(r.hints.size() == 1);
  CHECK(r.hints[0].number == 1);
  CHECK(r.hints[0].taken_at == 140);
  REQUIRE(r.checks.size() == 2);
  CHECK(r.checks[0].verdict == "wrong_answer");
  CHECK(r.checks[0].failing_case == std::string("loss(n=40,d=6)"));
  CHECK(r.checks[0].compile_seconds == 1.5);
  CHECK(r.checks[0].run_seconds == 0.25);
  CHECK(r.checks[0].source == "v1");
  CHECK(r.checks[0].report == R"({"v":1})");
  CHECK_FALSE(r.checks[1].failing_case);  // an accepted check names no case
  const AttemptRecord& open = records[1];
  CHECK(open.status == "open");
  CHECK_FALSE(open.ended_at);
  CHECK_FALSE(open.active_seconds);
  REQUIRE(open.pauses.size() == 1);
  CHECK_FALSE(open.pauses[0].resumed_at);  // still paused
}

// Records written by import_records read back equal; the same records again are skipped,
// and a target replaces the one here only when set more recently.
TEST_CASE("Importing records adds new attempts once and keeps the more recent target", "[history]") {
  Database from_db(fresh_db("records-from"));
  Store from(from_db);
  const auto a = from.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 100).first;
  from.take_hint(a.id, 120);
  from.record_check(a.id, {"accepted", "", 1, 0.5, "src", "{}"}, 200);
  from.start("knn", "eigen", "/w/knn.cpp", 20, std::nullopt, 300);
  from.start("knn", "eigen", "/w/knn.cpp", 20, std::string("left"), 400);  // abandons the one at 300
  const auto b = from.attempt_records();
  REQUIRE(b.size() == 3);
  std::vector<AttemptRecord> closed(b.begin(), b.begin() + 2);  // the caller never imports an open attempt

  Database to_db(fresh_db("records-to"));
  Store to(to_db);
  to.set_target("logreg", 30, 50);
  to.set_target("knn", 25, 500);
  const ImportCounts first = to.import_records(closed, {{"logreg", 12, 60}, {"knn", 10, 400}});
  CHECK(first.attempts_added == 2);
  CHECK(first.attempts_skipped == 0);
  CHECK(first.targets_set == 1);   // logreg: 60 is after 50
  CHECK(first.targets_kept == 1);  // knn: 400 is before 500
  CHECK(to.target_override("logreg") == 12);
  CHECK(to.target_override("knn") == 25);
  const auto back = to.attempt_records();
  REQUIRE(back.size() == 2);
  CHECK(back[0].checks.size() == 1);
  CHECK(back[0].checks[0].source == "src");
  CHECK(back[0].hints.size() == 1);
  CHECK(back[1].final_source == std::string("left"));
  CHECK(back[1].status == "abandoned");

  const ImportCounts again = to.import_records(closed, {{"logreg", 12, 60}});
  CHECK(again.attempts_added == 0);
  CHECK(again.attempts_skipped == 2);
  CHECK(again.targets_kept == 1);  // the same moment is not more recent
  CHECK(to.attempt_records().size() == 2);
}

// One transaction: an attempt that cannot be written rolls back those before it.
TEST_CASE("Importing records is all or nothing", "[history]") {
  Database db(fresh_db("records-atomic"));
  Store s(db);
  s.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 100);  // open here
  AttemptRecord closed{"knn", "eigen", "passed", 10, 20.0, 10.0, 15, "/w/knn.cpp", std::nullopt, {}, {}, {}};
  AttemptRecord open{"logreg", "eigen", "open", 50, std::nullopt, std::nullopt, 15, "/w/l.cpp", std::nullopt, {}, {}, {}};
  CHECK_THROWS(s.import_records({closed, open}, {}));  // a second open logreg attempt
  CHECK(s.attempt_records().size() == 1);
}
