// The `mldrill` command end to end, as a user and scripts meet it: the real binary, a
// temporary MLDRILL_HOME, real compiles and real grading. Oracle: the documented
// behaviour (README: exit codes, --json shape, rules of an attempt, where data lives).
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli_run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kCorpus = std::string(MLDRILL_SOURCE_DIR) + "/tests/corpus/logreg/eigen/";

using cli_run::Home;
using cli_run::read_text;
using cli_run::Run;
using cli_run::spawn;

Run mldrill(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  return cli_run::run(args, env);
}

void put(const fs::path& workspace_file, const std::string& corpus_file, const std::string& suffix = "") {
  std::ofstream(workspace_file) << read_text(kCorpus + corpus_file) << suffix;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

TEST_CASE("start → failing check → passing check → history shows the passed attempt with its time", "[cli]") {
  Home h("flow");
  const auto t0 = std::chrono::steady_clock::now();
  Run start = mldrill({"start", "logreg", "--json"}, h.env());
  REQUIRE(start.exit_code == 0);
  const json s = start.doc();
  CHECK(s["exercise"] == "logreg");
  CHECK(s["flavor"] == "eigen");
  const fs::path file = s["file"].get<std::string>();
  CHECK(file.parent_path() == h.dir / "workspace");
  CHECK(read_text(file) == read_text(std::string(MLDRILL_SOURCE_DIR) + "/exercises/logreg/stubs/eigen.cpp"));

  put(file, "loss_not_averaged.cpp");
  Run fail = mldrill({"check", "--json"}, h.env());
  CHECK(fail.exit_code == 1);
  const json f = fail.doc();
  CHECK(f["verdict"] == "wrong_answer");
  CHECK(f["cases"][1]["name"] == "loss(n=40,d=6)");
  CHECK(f["cases"][1]["message"].get<std::string>().find("did you forget to average") != std::string::npos);
  CHECK(f["cases"][1]["worst"]["expected"].is_number());
  CHECK(f["attempt"]["result"] == "open");

  put(file, "loops.cpp");
  Run pass = mldrill({"check"}, h.env());  // the human-readable form this time
  CHECK(pass.exit_code == 0);
  CHECK(pass.out.find("verdict: accepted") != std::string::npos);
  CHECK(pass.out.find("passed in") != std::string::npos);
  CHECK(pass.out.find("Interview follow-ups") != std::string::npos);

  Run hist = mldrill({"history", "--json"}, h.env());
  REQUIRE(hist.exit_code == 0);
  const json attempts = hist.doc()["attempts"];
  REQUIRE(attempts.size() == 1);
  const json& a = attempts[0];
  CHECK(a["exercise"] == "logreg");
  CHECK(a["flavor"] == "eigen");
  CHECK(a["result"] == "passed");
  CHECK(a["checks"] == 2);
  CHECK(a["active_seconds"].get<double>() > 0);
  CHECK(a["active_seconds"].get<double>() <= seconds_since(t0));
  CHECK(a["target_met"] == true);
  CHECK(a["started"].get<std::string>().size() == 20);  // ISO 8601, UTC

  Run per_check = mldrill({"history", "--attempt", std::to_string(a["id"].get<int>()), "--json"}, h.env());
  CHECK(per_check.doc()["check_list"].size() == 2);
  CHECK(per_check.doc()["check_list"][0]["verdict"] == "wrong_answer");
  CHECK(fs::is_empty(h.fake_home));  // with MLDRILL_HOME set, nothing is written elsewhere
}

TEST_CASE("Paused time is not active time", "[cli]") {
  Home h("pause");
  const auto t0 = std::chrono::steady_clock::now();
  const fs::path file = mldrill({"start", "logreg", "--json"}, h.env()).doc()["file"].get<std::string>();
  REQUIRE(mldrill({"pause"}, h.env()).exit_code == 0);
  CHECK(mldrill({"status", "--json"}, h.env()).doc()["open_attempts"][0]["paused"] == true);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  REQUIRE(mldrill({"resume"}, h.env()).exit_code == 0);
  put(file, "vectorised_clip.cpp");
  const json c = mldrill({"check", "--json"}, h.env()).doc();
  const double wall = seconds_since(t0);
  REQUIRE(c["verdict"] == "accepted");
  const double active = c["attempt"]["active_seconds"].get<double>();
  CHECK(active > 0);
  CHECK(active <= wall - 2.4);  // at least the 2.5 s pause is not counted
}

TEST_CASE("Restarting an exercise abandons the open attempt and keeps its code", "[cli]") {
  Home h("abandon");
  const fs::path file = mldrill({"start", "logreg", "--json"}, h.env()).doc()["file"].get<std::string>();
  std::ofstream(file) << "// my half-finished attempt\n";
  const json again = mldrill({"start", "logreg", "--restart", "--json"}, h.env()).doc();
  REQUIRE(again.contains("abandoned"));
  CHECK(read_text(again["abandoned"]["kept_as"].get<std::string>()) == "// my half-finished attempt\n");
  const json attempts = mldrill({"history", "--json"}, h.env()).doc()["attempts"];
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[0]["result"] == "abandoned");
  CHECK(attempts[1]["result"] == "open");
}

TEST_CASE("Killing mldrill during a check leaves the database whole and every earlier attempt intact", "[cli]") {
  Home h("kill");
  const fs::path file = mldrill({"start", "logreg", "--json"}, h.env()).doc()["file"].get<std::string>();
  put(file, "loss_not_averaged.cpp");
  REQUIRE(mldrill({"check", "--json"}, h.env()).exit_code == 1);
  // Kill at spread-out moments: while compiling, grading, and recording.
  for (int i = 0; i < 8; ++i) {
    put(file, "loops.cpp", "\n// edit " + std::to_string(i) + "\n");  // a new source: a real compile each time
    int devnull = open("/dev/null", O_WRONLY);
    const pid_t pid = spawn({"check", "--json"}, h.env(), devnull, devnull);
    close(devnull);
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + 220 * i));
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    Run hist = mldrill({"history", "--json"}, h.env());
    REQUIRE(hist.exit_code == 0);
    const json attempts = hist.doc()["attempts"];
    REQUIRE(attempts.size() == 1);
    CHECK(attempts[0]["checks"].get<int>() >= 1);
    SQLite::Database db((h.dir / "history.sqlite3").string());
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
  // And it still works afterwards (a late kill may have found the check already passed).
  if (mldrill({"history", "--json"}, h.env()).doc()["attempts"][0]["result"] == "open") {
    Run pass = mldrill({"check", "--json"}, h.env());
    CHECK(pass.exit_code == 0);
  }
  const json a = mldrill({"history", "--json"}, h.env()).doc()["attempts"][0];
  CHECK(a["result"] == "passed");
  CHECK(a["active_seconds"].get<double>() > 0);
}

TEST_CASE("A second mldrill that cannot get the database says so and exits 4", "[cli]") {
  Home h("locked");
  REQUIRE(mldrill({"start", "logreg"}, h.env()).exit_code == 0);
  SQLite::Database holder((h.dir / "history.sqlite3").string(), SQLite::OPEN_READWRITE);
  holder.exec("BEGIN IMMEDIATE");  // holds the write lock
  Run blocked = mldrill({"pause"}, h.env({{"MLDRILL_LOCK_TIMEOUT_MS", "300"}}));
  CHECK(blocked.exit_code == 4);
  CHECK(blocked.err.find("locked by another mldrill") != std::string::npos);
  CHECK(mldrill({"status", "--json"}, h.env()).exit_code == 0);  // reading still works meanwhile
  holder.exec("ROLLBACK");
  CHECK(mldrill({"pause"}, h.env()).exit_code == 0);
}

TEST_CASE("Exit codes: usage 2, compile error 3, graded failure 1, environment 4", "[cli]") {
  Home h("exit");
  CHECK(mldrill({"--help"}, h.env()).exit_code == 0);
  CHECK(mldrill({"check", "--help"}, h.env()).exit_code == 0);
  CHECK(mldrill({"frobnicate"}, h.env()).exit_code == 2);
  CHECK(mldrill({"start", "no-such-drill"}, h.env()).exit_code == 2);
  CHECK(mldrill({"start", "logreg", "--flavor", "fortran"}, h.env()).exit_code == 2);
  Run none = mldrill({"check"}, h.env());
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("no open attempt") != std::string::npos);
  Run ce = mldrill({"check", "logreg", "--file", kCorpus + "compile_error.cpp", "--json"}, h.env());
  CHECK(ce.exit_code == 3);
  CHECK(ce.doc()["verdict"] == "compile_error");
  CHECK(ce.doc()["compile"]["diagnostics"][0]["line"].get<int>() > 0);
  CHECK(mldrill({"check", "--file", kCorpus + "sigmoid_overflow.cpp"}, h.env()).exit_code == 1);
  CHECK(mldrill({"check", "--file", kCorpus + "loops.cpp"}, h.env()).exit_code == 0);  // exercise read from the file
  CHECK(mldrill({"history", "--json"}, h.env()).doc()["attempts"].empty());  // --file records nothing
}

TEST_CASE("A malformed dataset is an environment error that names the file and line", "[cli]") {
  Home h("dataset");
  const fs::path data = h.dir / "datasets";
  fs::create_directories(data);
  fs::copy(std::string(MLDRILL_SOURCE_DIR) + "/datasets/", data, fs::copy_options::recursive);
  std::string text = read_text(data / "breast_cancer.csv");
  size_t line5 = 0;
  for (int i = 0; i < 4; ++i) line5 = text.find('\n', line5) + 1;
  text.insert(text.find(',', line5), ",oops");
  std::ofstream(data / "breast_cancer.csv") << text;
  Run r = mldrill({"check", "logreg", "--file", kCorpus + "loops.cpp"}, h.env({{"MLDRILL_DATASETS", data.string()}}));
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("breast_cancer.csv:5: expected 31 fields, got 32") != std::string::npos);
}

TEST_CASE("Every command that shows data prints exactly one JSON document with --json", "[cli]") {
  Home h("json");
  for (auto args : std::vector<std::vector<std::string>>{{"list", "--json"},
                                                         {"start", "logreg", "--json"},
                                                         {"status", "--json"},
                                                         {"hint", "--json"},
                                                         {"pause", "--json"},
                                                         {"resume", "--json"},
                                                         {"target", "logreg", "20", "--json"},
                                                         {"history", "--json"},
                                                         {"check", "--json"}}) {
    Run r = mldrill(args, h.env());
    INFO(args[0] << ": " << r.out << r.err);
    CHECK((r.exit_code == 0 || r.exit_code == 1));
    CHECK_NOTHROW(r.doc());
  }
  const json list = mldrill({"list", "--json"}, h.env()).doc();
  CHECK(list["exercises"][0]["id"] == "logreg");
  CHECK(list["exercises"][0]["target_minutes"] == 20);
}

// Oracle: g++ -Wall warns about an unused variable; a wrong answer shows that warning (the
// bug is often in plain sight there), and so does a re-check served from the build cache.
TEST_CASE("A failed check shows the compiler's warnings about the file, also from the build cache", "[cli]") {
  Home h("warnings");
  const fs::path file = h.dir / "leftover.cpp";
  fs::create_directories(h.dir);
  put(file, "loss_not_averaged.cpp", "\nnamespace drill::logreg { int leftover() { int unused_total = 0; return 1; } }\n");
  for (const char* round : {"fresh build", "cached build"}) {
    INFO(round);
    const Run r = mldrill({"check", "logreg", "--file", file.string()}, h.env());
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("the compiler warned about your file") != std::string::npos);
    CHECK(r.out.find("unused_total") != std::string::npos);
    const Run j = mldrill({"check", "logreg", "--file", file.string(), "--json"}, h.env());
    const json doc = j.doc();
    bool warned = false;
    for (const auto& d : doc["compile"]["diagnostics"]) warned = warned || d["severity"] == "warning";
    CHECK(warned);
  }
  // An accepted solution is not lectured about style.
  const Run ok = mldrill({"check", "logreg", "--file", kCorpus + "loops.cpp"}, h.env());
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("the compiler warned") == std::string::npos);
}
