// `mldrill watch | stats | next | plan | export | import` end to end: the real binary, a
// temporary MLDRILL_HOME, real grading. Oracle: the behaviour the README documents.
#include <filesystem>

#include "cli_run.hpp"
#include "history/store.hpp"
#include "progress/schedule.hpp"

using namespace cli_run;
using nlohmann::json;

namespace {

const std::string kCorpus = std::string(MLDRILL_SOURCE_DIR) + "/tests/corpus/logreg/eigen/";

void put(const fs::path& file, const std::string& corpus_file, const std::string& suffix = "") {
  std::ofstream(file) << read_text(kCorpus + corpus_file) << suffix;
}

// The way many editors save: write a temporary file, rename it over the original.
void put_by_rename(const fs::path& file, const std::string& corpus_file) {
  const fs::path tmp = file.string() + ".swp";
  std::ofstream(tmp) << read_text(kCorpus + corpus_file);
  fs::rename(tmp, file);
}

std::string today_utc() {
  setenv("TZ", "UTC", 1);
  tzset();
  return mldrill::progress::day_string(mldrill::progress::local_day(mldrill::history::now_seconds()));
}

std::string day_after(const std::string& day, int n) {
  return mldrill::progress::day_string(*mldrill::progress::parse_day(day) + n);
}

fs::path start(const Home& h) {
  Run r = run({"start", "logreg", "--json"}, h.env());
  REQUIRE(r.exit_code == 0);
  return r.doc()["file"].get<std::string>();
}

json exported(const Home& h) {
  Run r = run({"export"}, h.env());
  REQUIRE(r.exit_code == 0);
  json j = r.doc();
  j.erase("exported_at");
  return j;
}

// Five errors: more than watch shows.
const std::string kFiveErrors =
    "\nint e1() { return nope1; }\nint e2() { return nope2; }\nint e3() { return nope3; }\n"
    "int e4() { return nope4; }\nint e5() { return nope5; }\n";

}  // namespace

TEST_CASE("watch checks at once and on each save, redraws, and Ctrl-C leaves the attempt open", "[cli][watch]") {
  Home h("watch");
  const fs::path file = start(h);
  {
    Background watch({"watch"}, h.env());
    REQUIRE(watch.wait_for("save to check"));
    REQUIRE(watch.wait_for("attempt #1 logreg (eigen)"));
    REQUIRE(watch.wait_for("verdict: not_implemented"));  // the file as it is, checked at the start
    put(file, "loss_not_averaged.cpp");
    REQUIRE(watch.wait_for("verdict: wrong_answer — first failing case: loss(n=40,d=6)"));
    CHECK(watch.count("did you forget to average") == 1);  // the first failing case in full

    for (int i = 0; i < 3; ++i) put(file, "loops.cpp", kFiveErrors);  // a burst of saves: one check
    REQUIRE(watch.wait_for("verdict: compile_error"));
    REQUIRE(watch.wait_for("(2 more errors"));
    CHECK(watch.count("nope3") >= 1);
    CHECK(watch.count("error: ‘nope4’") + watch.count("error: 'nope4'") == 0);  // only the first three
    CHECK(watch.count("save to check") == 4);                                 // redrawn for each check

    watch.signal(SIGINT);
    CHECK(watch.wait_exit() == 0);
    CHECK(watch.count("Stopped watching; attempt #1 stays open") == 1);
  }
  Run hist = run({"history", "--json"}, h.env());
  const json a = hist.doc()["attempts"][0];
  CHECK(a["result"] == "open");
  CHECK(a["checks"] == 3);  // one at the start, one per save, and one for the burst

  // Watching again; an editor's rename-save of a correct file closes the attempt as check does.
  Background watch({"watch", "logreg"}, h.env());
  REQUIRE(watch.wait_for("save to check"));
  REQUIRE(watch.wait_for("verdict: compile_error"));
  put_by_rename(file, "loops.cpp");
  REQUIRE(watch.wait_for("verdict: accepted"));
  CHECK(watch.wait_exit() == 0);
  CHECK(watch.count("Attempt #1 passed in") == 1);
  CHECK(watch.count("Interview follow-ups") == 1);
  const json after = run({"history", "--json"}, h.env()).doc()["attempts"][0];
  CHECK(after["result"] == "passed");
  CHECK(after["checks"] == 5);
}

TEST_CASE("watch without an open attempt is a usage error", "[cli][watch]") {
  Home h("watch-none");
  Run r = run({"watch"}, h.env());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no open attempt") != std::string::npos);
}

TEST_CASE("stats, next and plan follow a real attempt", "[cli][progress]") {
  Home h("progress");
  const std::string today = today_utc();
  json next = run({"next", "--json", "--today", today}, h.env()).doc();
  CHECK(next["next"]["exercise"] == "logreg");
  CHECK(next["next"]["reason"] == "never attempted");

  const fs::path file = start(h);
  put(file, "gradient_not_averaged.cpp");
  CHECK(run({"check"}, h.env()).exit_code == 1);
  put(file, "loops.cpp");
  CHECK(run({"check"}, h.env()).exit_code == 0);

  const json stats = run({"stats", "--json"}, h.env()).doc();
  REQUIRE(stats["drills"].size() == 1);
  const json& d = stats["drills"][0];
  CHECK(d["exercise"] == "logreg");
  CHECK(d["flavor"] == "eigen");
  CHECK(d["attempts"] == 1);
  CHECK(d["pass_rate"] == 1.0);
  CHECK(d["target_minutes"] == 15.0);
  CHECK(d["last5_met"] == 1);
  CHECK(d["trend"] == "not enough data");
  CHECK(stats["mistakes"].empty());  // one attempt is not a pattern
  Run text = run({"stats"}, h.env());
  CHECK(text.out.find("logreg     eigen") != std::string::npos);

  // A fast first pass: quality 5, interval 1, due tomorrow. The drills never attempted
  // come first, so today's suggestion is one of them, never logreg.
  next = run({"next", "--json", "--today", today}, h.env()).doc();
  REQUIRE(next["next"].is_object());
  CHECK(next["next"]["exercise"] != "logreg");
  CHECK(next["next"]["reason"].get<std::string>().find("never") != std::string::npos);

  const json plan = run({"plan", "--json", "--today", today, "--days", "3"}, h.env()).doc();
  REQUIRE(plan["days"].size() == 3);
  auto has_logreg = [](const json& day) {
    for (const json& d : day["drills"])
      if (d["exercise"] == "logreg") return true;
    return false;
  };
  CHECK_FALSE(has_logreg(plan["days"][0]));
  CHECK(has_logreg(plan["days"][1]));
  CHECK(plan["days"][1]["day"] == day_after(today, 1));

  CHECK(run({"next", "--today", "2026-02-30"}, h.env()).exit_code == 2);
  CHECK(run({"plan", "--days", "0"}, h.env()).exit_code == 2);
}

TEST_CASE("export then import on another machine gives the same history, and again adds nothing", "[cli][archive]") {
  Home a("export-a"), b("export-b");
  const fs::path file = start(a);
  put(file, "loss_not_averaged.cpp");
  run({"check"}, a.env());
  put(file, "loops.cpp");
  REQUIRE(run({"check"}, a.env()).exit_code == 0);
  run({"target", "logreg", "12"}, a.env());
  const fs::path out = a.dir / "history-export.json";
  REQUIRE(run({"export", "--out", out.string()}, a.env()).exit_code == 0);

  Run imp = run({"import", out.string(), "--json"}, b.env());
  REQUIRE(imp.exit_code == 0);
  CHECK(imp.doc()["attempts_added"] == 1);
  CHECK(exported(b) == exported(a));
  CHECK(run({"target", "logreg", "--json"}, b.env()).doc()["target_minutes"] == 12.0);

  Run again = run({"import", out.string()}, b.env());
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("0 attempts added, 1 already here") != std::string::npos);
  CHECK(exported(b) == exported(a));

  // A damaged file: refused with a message, exit 4, history unchanged.
  const fs::path bad = a.dir / "damaged.json";
  const std::string text = read_text(out);
  std::ofstream(bad) << text.substr(0, text.size() / 3);
  const json before = exported(b);
  Run refused = run({"import", bad.string()}, b.env());
  CHECK(refused.exit_code == 4);
  CHECK(refused.err.find("not valid JSON") != std::string::npos);
  CHECK(refused.err.find("nothing was imported") != std::string::npos);
  CHECK(exported(b) == before);
  CHECK(run({"import", (a.dir / "no-such.json").string()}, b.env()).exit_code == 4);  // a missing file
}

TEST_CASE("The new commands have --help", "[cli]") {
  Home h("help");
  for (const char* cmd : {"watch", "stats", "next", "plan", "export", "import"}) {
    Run r = run({cmd, "--help"}, h.env());
    INFO(cmd);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Usage") != std::string::npos);
  }
}
