// Export and import of the history: a round trip export → import → export is the identity,
// a second import of the same file adds nothing, and every malformed file is refused with
// the record and field named, leaving the database exactly as it was (one transaction).
#include <catch2/catch.hpp>

#include <filesystem>

#include "history/store.hpp"
#include "progress/archive.hpp"

using namespace mldrill;
using namespace mldrill::progress;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr double kNow = 5000;

std::string fresh_db(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("mldrill-archive-test-" + name);
  fs::remove_all(dir);
  return (dir / "history.sqlite3").string();
}

// Two logreg eigen attempts (one passed after a pause, a hint and a failed check; one
// abandoned with its code), an open torch attempt that is paused now, and a target override.
void fill(history::Database& db) {
  history::Store s(db);
  s.set_target("logreg", 12, 900);
  const auto a = s.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 1000).first;
  s.pause(a.id, 1100);
  s.resume(a.id, 1200);
  s.take_hint(a.id, 1300);
  s.record_check(a.id, {"wrong_answer", "loss(n=40,d=6)", 1.5, 0.25, "double loss() {}", R"({"verdict":"wrong_answer"})"}, 1400);
  s.record_check(a.id, {"accepted", "", 1.25, 0.5, "// right", R"({"verdict":"accepted","cases":[]})"}, 1500);
  s.start("logreg", "eigen", "/w/logreg.cpp", 12, std::nullopt, 2000);
  const auto t = s.start("logreg", "torch", "/w/logreg.cpp", 12, std::string("// as left"), 3000).first;
  s.record_check(t.id, {"compile_error", "", 2.0, 0, "oops", "not json at all"}, 3050);
  s.pause(t.id, 3100);
}

json exported(history::Database& db) { return export_history(db, kNow); }

// What `fill`'s export becomes in another history: its open torch attempt (last recorded at
// its pause, 3100) arrives abandoned there, its clock stopped, its last checked code kept.
json as_imported(json e) {
  json& t = e["attempts"][2];
  t["status"] = "abandoned";
  t["ended_at"] = 3100.0;
  t["active_seconds"] = 100.0;
  t["pauses"][0]["resumed_at"] = 3100.0;
  t["final_source"] = "oops";
  return e;
}

}  // namespace

TEST_CASE("Export holds attempts with pauses, hints, checks with source and report, and targets", "[archive]") {
  history::Database db(fresh_db("shape"));
  fill(db);
  const json e = exported(db);
  CHECK(e["format"] == "mldrill-history");
  CHECK(e["version"] == 1);
  CHECK(e["targets"] == json::parse(R"([{"exercise":"logreg","minutes":12.0,"set_at":900.0}])"));
  REQUIRE(e["attempts"].size() == 3);
  const json& a = e["attempts"][0];
  CHECK(a["status"] == "passed");
  CHECK(a["active_seconds"] == 400.0);  // 500 s wall − 100 s paused
  CHECK(a["pauses"] == json::parse(R"([{"paused_at":1100.0,"resumed_at":1200.0}])"));
  CHECK(a["hints"] == json::parse(R"([{"number":1,"taken_at":1300.0}])"));
  CHECK(a["checks"][0]["source"] == "double loss() {}");
  CHECK(a["checks"][0]["report"]["verdict"] == "wrong_answer");  // the report as JSON, not a string
  CHECK(a["checks"][1]["failing_case"].is_null());
  CHECK(e["attempts"][1]["status"] == "abandoned");
  CHECK(e["attempts"][1]["final_source"] == "// as left");  // abandoned by the torch start
  const json& t = e["attempts"][2];
  CHECK(t["status"] == "open");
  CHECK(t["ended_at"].is_null());
  CHECK(t["pauses"][0]["resumed_at"].is_null());
  CHECK(t["checks"][0]["report"] == "not json at all");  // kept verbatim
}

TEST_CASE("Export, import into an empty history, export again: the same document", "[archive]") {
  history::Database from(fresh_db("rt-from"));
  fill(from);
  const json first = exported(from);
  history::Database to(fresh_db("rt-to"));
  const ImportResult r = import_history(to, first.dump());
  CHECK(r.attempts_added == 3);
  CHECK(r.attempts_skipped == 0);
  CHECK(r.targets_set == 1);
  CHECK(exported(to) == as_imported(first));  // the same, but for the open attempt's clock
  // The imported history works as history: times and status; the open attempt's clock is
  // stopped where it was last seen and does not run here.
  history::Store s(to);
  const auto attempts = s.attempts(std::nullopt, 9000);
  REQUIRE(attempts.size() == 3);
  CHECK(attempts[0].active_seconds == 400);
  CHECK(attempts[0].hints == 1);
  CHECK(attempts[0].checks == 2);
  CHECK(attempts[2].status == "abandoned");
  CHECK(attempts[2].active_seconds == 100);  // 3000 → 3100, paused since
  CHECK_FALSE(s.open_attempt("logreg", 9000));
  CHECK(s.target_override("logreg") == 12);
  // Imported again into itself: nothing changes (the same attempts, by exercise, flavor and start).
  CHECK(import_history(to, exported(to).dump()).attempts_added == 0);
  CHECK(exported(to) == as_imported(first));
}

TEST_CASE("Importing the same export twice adds nothing the second time", "[archive]") {
  history::Database from(fresh_db("twice-from"));
  fill(from);
  const std::string text = exported(from).dump();
  history::Database to(fresh_db("twice-to"));
  import_history(to, text);
  const ImportResult again = import_history(to, text);
  CHECK(again.attempts_added == 0);
  CHECK(again.attempts_skipped == 3);
  CHECK(again.targets_set == 0);
  CHECK(again.targets_kept == 1);
  CHECK(exported(to) == as_imported(exported(from)));
  // And into the history it came from (its open attempt is the same attempt: skipped).
  CHECK(import_history(from, text).attempts_added == 0);
}

TEST_CASE("Two machines' histories merge and the more recent target override wins", "[archive]") {
  history::Database a(fresh_db("merge-a")), b(fresh_db("merge-b"));
  fill(a);
  history::Store sb(b);
  sb.set_target("logreg", 10, 950);  // set later than a's 12
  const auto k = sb.start("knn", "eigen", "/w/knn.cpp", 30, std::nullopt, 4000).first;
  sb.record_check(k.id, {"accepted", "", 1, 1, "src", "{}"}, 4600);
  const ImportResult r = import_history(b, exported(a).dump());
  CHECK(r.attempts_added == 3);
  CHECK(r.targets_kept == 1);
  CHECK(sb.target_override("logreg") == 10);
  CHECK(sb.attempts(std::nullopt, kNow).size() == 4);
}

// Each malformed file names where it is wrong, and the database is byte-for-byte the same
// export afterwards. The target history has an open logreg eigen attempt, so the file's
// open logreg torch attempt (its third record) conflicts only after two records would have
// been written: the rollback is what keeps them out.
TEST_CASE("Malformed or conflicting imports are refused whole, naming the record and field", "[archive]") {
  history::Database from(fresh_db("bad-from"));
  fill(from);
  const json good = exported(from);
  history::Database to(fresh_db("bad-to"));
  history::Store(to).start("logreg", "eigen", "/w/mine.cpp", 15, std::nullopt, 100);
  const json before = exported(to);

  auto refused = [&](const std::string& text, const std::string& message) {
    INFO(message);
    CHECK_THROWS_WITH(import_history(to, text), Catch::Contains(message));
    CHECK(exported(to) == before);
  };
  auto mutated = [&](const std::function<void(json&)>& change) {
    json j = good;
    change(j);
    return j.dump();
  };
  const std::string text = good.dump();
  refused(text.substr(0, text.size() / 2), "not valid JSON (truncated or damaged?) at byte");
  refused("", "not valid JSON");
  refused("[]", "the file: expected a JSON object (an mldrill export), got an array");
  refused(mutated([](json& j) { j["format"] = "something-else"; }), "format: expected \"mldrill-history\"");
  refused(mutated([](json& j) { j["version"] = 2; }), "version: 2 was written by a newer mldrill");
  refused(mutated([](json& j) { j["version"] = "1"; }), "version: expected an integer, got a string");
  refused(mutated([](json& j) { j.erase("attempts"); }), "attempts: missing");
  refused(mutated([](json& j) { j["attempts"][0]["checks"][1]["verdict"] = 3; }),
          "attempts[0].checks[1].verdict: expected a string, got a number");
  refused(mutated([](json& j) { j["attempts"][0]["checks"][1]["verdict"] = "great"; }),
          "attempts[0].checks[1].verdict: \"great\" is not a verdict");
  refused(mutated([](json& j) { j["attempts"][1].erase("started_at"); }), "attempts[1].started_at: missing");
  refused(mutated([](json& j) { j["attempts"][1]["started_at"] = "yesterday"; }),
          "attempts[1].started_at: expected a number, got a string");
  refused(mutated([](json& j) { j["attempts"][0]["status"] = "done"; }),
          "attempts[0].status: \"done\" is not open, passed or abandoned");
  refused(mutated([](json& j) { j["attempts"][0]["ended_at"] = nullptr; }),
          "attempts[0].ended_at: missing for a closed attempt");
  refused(mutated([](json& j) { j["attempts"][0]["pauses"][0].erase("paused_at"); }),
          "attempts[0].pauses[0].paused_at: missing");
  refused(mutated([](json& j) { j["attempts"][0]["hints"][0]["number"] = 1.5; }),
          "attempts[0].hints[0].number: expected an integer, got a number");
  refused(mutated([](json& j) { j["attempts"][0]["checks"] = json::object(); }),
          "attempts[0].checks: expected an array, got an object");
  refused(mutated([](json& j) { j["attempts"][2] = 7; }), "attempts[2]: expected an object, got a number");
  refused(mutated([](json& j) { j["targets"][0]["minutes"] = 0; }),
          "targets[0].minutes: 0 is not a target from 1 to 1440 minutes");
  refused(mutated([](json& j) { j["attempts"].push_back(j["attempts"][0]); }),
          "attempts[3]: the same attempt as attempts[0]");
  // Values of the right type that would corrupt the display: names and ranges.
  refused(mutated([](json& j) { j["attempts"][1]["exercise"] = "logistic"; }),
          "attempts[1].exercise: unknown exercise 'logistic'");
  refused(mutated([](json& j) { j["attempts"][1]["flavor"] = "numpy"; }), "attempts[1].flavor: logreg has no numpy flavor");
  refused(mutated([](json& j) { j["attempts"][0]["active_seconds"] = -500; }),
          "attempts[0].active_seconds: -500 is not between 0 and the attempt's 500 s");
  refused(mutated([](json& j) { j["attempts"][0]["active_seconds"] = 1e9; }),
          "is not between 0 and the attempt's 500 s from start to end");
  refused(mutated([](json& j) { j["attempts"][0]["started_at"] = 1e300; }),
          "attempts[0].started_at: 1e+300 is not a time between 1970 and now");
  refused(mutated([](json& j) { j["attempts"][0]["started_at"] = -1; }), "attempts[0].started_at: -1 is not a time");
  refused(mutated([](json& j) { j["attempts"][0]["ended_at"] = 900; }),
          "attempts[0].ended_at: 900 is before started_at (1000)");
  refused(mutated([](json& j) { j["attempts"][0]["checks"][0]["checked_at"] = 999; }),
          "attempts[0].checks[0].checked_at: 999 is before the attempt started (1000)");
  refused(mutated([](json& j) { j["attempts"][0]["checks"][0]["run_seconds"] = -1; }),
          "attempts[0].checks[0].run_seconds: -1 is not a number of seconds");
  refused(mutated([](json& j) { j["attempts"][0]["pauses"][0]["resumed_at"] = 1050; }),
          "attempts[0].pauses[0].resumed_at: 1050 is before paused_at (1100)");
  refused(mutated([](json& j) { j["attempts"][0]["hints"][0]["number"] = 0; }),
          "attempts[0].hints[0].number: 0 is not a hint number");
  refused(mutated([](json& j) { j["attempts"][0]["target_minutes"] = 1e300; }),
          "attempts[0].target_minutes: 1e+300 is not a target from 1 to 1440 minutes");
  refused(mutated([](json& j) { j["targets"][0]["minutes"] = 1e300; }), "targets[0].minutes: 1e+300 is not a target");
  refused(mutated([](json& j) { j["targets"][0]["exercise"] = "nope"; }), "targets[0].exercise: unknown exercise 'nope'");
  refused(mutated([](json& j) { j["targets"][0]["set_at"] = 1e300; }), "targets[0].set_at: 1e+300 is not a time");
}

// An attempt open in the file does not stop the import when this history has its own open
// attempt of the exercise: it arrives abandoned (clock stopped), and the local one stays open.
TEST_CASE("An imported open attempt arrives abandoned and never blocks on a local open attempt", "[archive]") {
  history::Database from(fresh_db("open-from"));
  fill(from);
  history::Database to(fresh_db("open-to"));
  history::Store local(to);
  const auto mine = local.start("logreg", "eigen", "/w/mine.cpp", 15, std::nullopt, 100).first;
  const ImportResult r = import_history(to, exported(from).dump());
  CHECK(r.attempts_added == 3);
  const auto open = local.open_attempt("logreg", 9000);
  REQUIRE(open);
  CHECK(open->id == mine.id);
  CHECK(open->workspace_file == "/w/mine.cpp");  // the other machine's path is never the one graded
  const auto all = local.attempts(std::nullopt, 9000);
  REQUIRE(all.size() == 4);
  CHECK(all.back().flavor == "torch");
  CHECK(all.back().status == "abandoned");
  CHECK(all.back().active_seconds == 100);
}

// One byte that is not UTF-8 in a recorded source (a Latin-1 "é") must not fail the whole
// export; it is written as U+FFFD and the rest is exact.
TEST_CASE("Export writes bytes that are not UTF-8 as U+FFFD instead of failing", "[archive]") {
  history::Database db(fresh_db("latin1"));
  history::Store s(db);
  const auto a = s.start("logreg", "eigen", "/w/logreg.cpp", 15, std::nullopt, 1000).first;
  s.record_check(a.id, {"wrong_answer", "loss", 1, 1, "// caf\xe9 and \xff\nint x;", R"({"verdict":"wrong_answer"})"}, 1100);
  CHECK_THROWS(export_history(db, kNow).dump());  // what `export` did before
  const std::string text = export_text(db, kNow);
  const json j = json::parse(text);
  CHECK(j["attempts"][0]["checks"][0]["source"] == "// caf\xef\xbf\xbd and \xef\xbf\xbd\nint x;");
  history::Database to(fresh_db("latin1-to"));
  CHECK(import_history(to, text).attempts_added == 1);
}
