// The command line as a new user meets it: misspelt commands, paths where an exercise goes,
// --version, target ranges, restarting and resetting an attempt, hints, watch, and the
// README's exit-code table row by row. Oracle: README ("The daily loop", "Rules of an
// attempt", "Exit codes", "Where things live"), run against the real binary.
#include <catch2/catch.hpp>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <filesystem>
#include <fstream>
#include <regex>

#include "cli/app.hpp"
#include "cli/suggest.hpp"
#include "cli_run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kSource = MLDRILL_SOURCE_DIR;
const std::string kCorpus = kSource + "/tests/corpus/logreg/eigen/";

using cli_run::Background;
using cli_run::Home;
using cli_run::read_text;
using cli_run::Run;

Run run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  return cli_run::run(args, env);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

fs::path start(const Home& h, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"start", "logreg", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  Run r = run(args, h.env());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.doc()["file"].get<std::string>();
}

// A file just over the documented 1 MiB: valid C++ (one long comment), never compiled.
fs::path big_file(const Home& h) {
  const fs::path p = h.dir / "big.cpp";
  fs::create_directories(h.dir);
  std::ofstream(p) << read_text(kCorpus + "loops.cpp") << "// " << std::string((1 << 20) + 10, 'x') << "\n";
  return p;
}

// Runs mldrill on a terminal (a pseudo-terminal), types `answer` once it asks, and returns
// everything it wrote and its exit code.
std::pair<std::string, int> on_terminal(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                                        const std::string& answer) {
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    unsetenv("XDG_DATA_HOME");
    unsetenv("MLDRILL_TODAY");
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv{const_cast<char*>(cli_run::kBinary.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(cli_run::kBinary.c_str(), argv.data());
    _exit(127);
  }
  std::string out;
  bool answered = false;
  char buf[4096];
  for (ssize_t n; (n = read(master, buf, sizeof buf)) > 0;) {
    out.append(buf, size_t(n));
    if (!answered && has(out, "[y/N]")) {
      const std::string line = answer + "\n";
      REQUIRE(write(master, line.data(), line.size()) == ssize_t(line.size()));
      answered = true;
    }
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

}  // namespace

TEST_CASE("A misspelt command is named with the nearest real one", "[cli][commandline]") {
  Home h("cl-unknown");
  Run r = run({"lst"}, h.env());
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "unknown command 'lst'; did you mean 'list'?"));
  CHECK_FALSE(has(r.err, "A subcommand is required"));
  Run far = run({"frobnicate"}, h.env());
  CHECK(far.exit_code == 2);
  CHECK(has(far.err, "unknown command 'frobnicate'"));
  CHECK_FALSE(has(far.err, "did you mean"));
  Run none = run({}, h.env());
  CHECK(none.exit_code == 2);
  CHECK(has(none.err, "mldrill start logreg"));

  CHECK(mldrill::cli::nearest("chek", {"check", "list", "start"}) == "check");
  CHECK(mldrill::cli::nearest("statu", {"start", "status"}) == "status");
  CHECK_FALSE(mldrill::cli::nearest("xyz", {"list", "start"}));
  CHECK(mldrill::cli::edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("mldrill --version, and Usage shows mldrill rather than the binary's build path", "[cli][commandline]") {
  Home h("cl-version");
  Run v = run({"--version"}, h.env());
  CHECK(v.exit_code == 0);
  CHECK(std::regex_search(v.out, std::regex(R"(^mldrill \d+\.\d+\.\d+\n$)")));
  for (auto args : std::vector<std::vector<std::string>>{{"--help"}, {"check", "--help"}}) {
    Run r = run(args, h.env());
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "Usage: mldrill"));
    CHECK_FALSE(has(r.out, cli_run::kBinary));
  }
}

TEST_CASE("A path where an exercise goes is recognised and --file suggested", "[cli][commandline]") {
  Home h("cl-path");
  for (const std::string path : {"/tmp/x.cpp", "mine.cpp", "./solutions/logreg"}) {
    Run r = run({"check", path}, h.env());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "`mldrill check --file " + path + "`"));
    CHECK_FALSE(has(r.err, "mldrill start " + path));
  }
  CHECK(mldrill::cli::looks_like_path("a/b"));
  CHECK_FALSE(mldrill::cli::looks_like_path("logreg"));
}

TEST_CASE("target takes 1 to 1440 minutes, says so, and --reset goes back to the default", "[cli][commandline]") {
  Home h("cl-target");
  Run day = run({"target", "logreg", "1440", "--json"}, h.env());
  CHECK(day.exit_code == 0);
  CHECK(day.doc()["target_minutes"] == 1440.0);
  for (const std::string bad : {"1441", "0.0001", "0", "-5", "1e300", "nan"}) {
    Run r = run({"target", "logreg", bad}, h.env());
    INFO(bad << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "from 1 to 1440"));
  }
  CHECK(run({"target", "logreg", "--json"}, h.env()).doc()["target_minutes"] == 1440.0);  // unchanged
  Run reset = run({"target", "logreg", "--reset", "--json"}, h.env());
  CHECK(reset.exit_code == 0);
  CHECK(reset.doc()["target_minutes"] == reset.doc()["default_minutes"]);
  CHECK(has(run({"target", "logreg"}, h.env()).out, "(the default)"));
  CHECK(run({"target", "logreg", "5", "--reset"}, h.env()).exit_code == 2);
}

TEST_CASE("A second start asks on a terminal, needs --restart otherwise, and a restart is no failed review",
          "[cli][commandline]") {
  Home h("cl-restart");
  const fs::path file = start(h);
  std::ofstream(file) << "// half done\n";

  Run blocked = run({"start", "logreg"}, h.env());
  CHECK(blocked.exit_code == 2);
  CHECK(has(blocked.err, "attempt #1 is open"));
  CHECK(has(blocked.err, "mldrill start logreg --restart"));
  CHECK(has(blocked.err, "mldrill reset logreg"));
  CHECK(read_text(file) == "// half done\n");  // nothing touched
  CHECK(run({"history", "--json"}, h.env()).doc()["attempts"].size() == 1);

  auto [no_out, no_code] = on_terminal({"start", "logreg"}, h.env(), "n");
  CHECK(has(no_out, "Abandon it and start over?"));
  CHECK(no_code == 2);
  CHECK(read_text(file) == "// half done\n");
  CHECK(run({"history", "--json"}, h.env()).doc()["attempts"].size() == 1);

  auto [yes_out, yes_code] = on_terminal({"start", "logreg"}, h.env(), "y");
  INFO(yes_out);
  CHECK(yes_code == 0);
  CHECK(has(yes_out, "attempt #1 is marked abandoned"));
  const json attempts = run({"history", "--json"}, h.env()).doc()["attempts"];
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[0]["result"] == "abandoned");

  REQUIRE(run({"start", "logreg", "--restart", "--json"}, h.env()).exit_code == 0);
  CHECK(run({"history", "--json"}, h.env()).doc()["attempts"].size() == 3);
  // Two restarts, no review: logreg is still "started, not finished", not a quality-1 failure.
  const json next = run({"next", "--json"}, h.env()).doc();
  bool seen = false;
  for (const auto& d : next["due"])
    if (d["exercise"] == "logreg") {
      seen = true;
      CHECK(d["reviews"] == 0);
      CHECK(d["last_quality"].is_null());
      CHECK(d["reason"] == "started, not finished yet");
    }
  CHECK(seen);
}

TEST_CASE("reset puts the stub back, keeps what was there, and keeps the attempt and its clock", "[cli][commandline]") {
  Home h("cl-reset");
  const fs::path file = start(h);
  const std::string stub = read_text(file);
  std::ofstream(file) << "// went wrong somewhere\n";
  const json before = run({"status", "--json"}, h.env()).doc()["open_attempts"][0];
  Run r = run({"reset", "--json"}, h.env());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(read_text(file) == stub);
  CHECK(read_text(r.doc()["kept_as"].get<std::string>()) == "// went wrong somewhere\n");
  const json after = run({"status", "--json"}, h.env()).doc()["open_attempts"];
  REQUIRE(after.size() == 1);
  CHECK(after[0]["id"] == before["id"]);
  CHECK(after[0]["started"] == before["started"]);
  CHECK(after[0]["active_seconds"].get<double>() >= before["active_seconds"].get<double>());
  CHECK(run({"history", "--json"}, h.env()).doc()["attempts"].size() == 1);
  Run text = run({"reset", "logreg"}, h.env());
  CHECK(text.exit_code == 0);
  CHECK(has(text.out, "the clock is running"));
  CHECK(run({"reset", "knn"}, h.env()).exit_code == 2);  // no open knn attempt
}

TEST_CASE("hint without an open attempt says so and shows no hint", "[cli][commandline]") {
  Home h("cl-hint");
  Run named = run({"hint", "logreg"}, h.env());
  CHECK(named.exit_code == 2);
  CHECK(has(named.err, "no open logreg attempt"));
  CHECK(has(named.err, "hints.md"));
  CHECK_FALSE(has(named.out, "Hint 1 of"));
  Run bare = run({"hint"}, h.env());
  CHECK(bare.exit_code == 2);
  CHECK(has(bare.err, "no open attempt"));
  start(h);
  Run one = run({"hint"}, h.env());
  CHECK(one.exit_code == 0);
  CHECK(has(one.out, "Hint 1 of"));
  CHECK_FALSE(has(one.out, "Hint 2 of"));
}

TEST_CASE("watch checks once at the start and keeps watching after a check that cannot run", "[cli][commandline][watch]") {
  Home h("cl-watch");
  const fs::path file = start(h);
  Background watch({"watch"}, h.env());
  REQUIRE(watch.wait_for("verdict: not_implemented"));  // no save needed
  std::ofstream(file) << read_text(big_file(h));
  REQUIRE(watch.wait_for("mldrill grades files of up to 1 MiB"));
  REQUIRE(watch.wait_for("Still watching"));
  std::ofstream(file) << read_text(kCorpus + "loops.cpp");
  REQUIRE(watch.wait_for("verdict: accepted"));
  CHECK(watch.wait_exit() == 0);
  const json a = run({"history", "--json"}, h.env()).doc()["attempts"][0];
  CHECK(a["result"] == "passed");
  CHECK(a["checks"] == 2);  // the oversized file was neither graded nor recorded
}

TEST_CASE("A grader is built on every core", "[cli][commandline]") {
  const std::string cmd = mldrill::cli::grader_build_command("/b d", "torch", 16);
  CHECK(cmd == "cmake --build '/b d' -j 16 --target runners_torch 1>&2 || cmake --build '/b d' -j 16 --target runners 1>&2");
  CHECK(has(mldrill::cli::grader_build_command("/b", "eigen", 0), "-j 1 "));
}

// README "Exit codes": every row, with each cause it names that a test can bring about.
TEST_CASE("Exit codes, row by row as the README's table gives them", "[cli][commandline][exit]") {
  const std::string readme = read_text(kSource + "/README.md");
  std::map<int, std::string> rows;
  const std::regex row(R"(\n\| (\d) \| ([^|\n]+) \|)");
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), row); it != std::sregex_iterator(); ++it)
    rows[std::stoi((*it)[1])] = (*it)[2];
  REQUIRE(rows.size() == 5);
  CHECK(has(rows[2], "unknown command, exercise or option"));
  CHECK(has(rows[4], "missing file"));
  CHECK(has(rows[4], "over 1 MiB"));

  Home h("cl-exit");
  const auto env = h.env();
  SECTION("0: accepted, or success") {
    CHECK(run({"list"}, env).exit_code == 0);
    CHECK(run({"--version"}, env).exit_code == 0);
    CHECK(run({"check", "--file", kCorpus + "loops.cpp"}, env).exit_code == 0);
  }
  SECTION("1: a graded failure") {
    CHECK(run({"check", "--file", kCorpus + "sigmoid_overflow.cpp"}, env).exit_code == 1);
    CHECK(run({"check", "logreg", "--file", kSource + "/exercises/logreg/stubs/eigen.cpp"}, env).exit_code == 1);
  }
  SECTION("2: usage") {
    CHECK(run({"lst"}, env).exit_code == 2);                           // unknown command
    CHECK(run({"list", "--frobnicate"}, env).exit_code == 2);          // unknown option
    CHECK(run({"start", "no-such-drill"}, env).exit_code == 2);        // unknown exercise
    CHECK(run({"pause"}, env).exit_code == 2);                         // no open attempt
    CHECK(run({"target", "logreg", "0"}, env).exit_code == 2);         // bad argument
    CHECK(run({"plan", "--days", "many"}, env).exit_code == 2);        // bad argument
  }
  SECTION("3: compile_error") {
    CHECK(run({"check", "logreg", "--file", kCorpus + "compile_error.cpp"}, env).exit_code == 3);
  }
  SECTION("4: environment") {
    Run check_missing = run({"check", "logreg", "--file", (h.dir / "missing.cpp").string()}, env);
    CHECK(check_missing.exit_code == 4);
    CHECK(has(check_missing.err, "no such file"));
    Run import_missing = run({"import", (h.dir / "missing.json").string()}, env);
    CHECK(import_missing.exit_code == 4);
    CHECK(has(import_missing.err, "missing.json"));
    Run big = run({"check", "--file", big_file(h).string()}, env);
    CHECK(big.exit_code == 4);
    CHECK(has(big.err, "mldrill grades files of up to 1 MiB"));
    const fs::path damaged = h.dir / "damaged.json";
    std::ofstream(damaged) << "{\"format\": \"mldrill-hist";
    CHECK(run({"import", damaged.string()}, env).exit_code == 4);
    Run cache = run({"check", "--file", kCorpus + "loops.cpp"}, h.env({{"MLDRILL_CACHE_MB", "lots"}}));
    CHECK(cache.exit_code == 4);
    CHECK(has(cache.err, "MLDRILL_CACHE_MB"));
    // The database locked past the timeout.
    REQUIRE(run({"start", "logreg"}, env).exit_code == 0);
    SQLite::Database holder((h.dir / "history.sqlite3").string(), SQLite::OPEN_READWRITE);
    holder.exec("BEGIN IMMEDIATE");
    CHECK(run({"pause"}, h.env({{"MLDRILL_LOCK_TIMEOUT_MS", "200"}})).exit_code == 4);
    holder.exec("ROLLBACK");
    // A malformed dataset.
    const fs::path data = h.dir / "datasets";
    fs::copy(kSource + "/datasets/", data, fs::copy_options::recursive);
    std::ofstream(data / "breast_cancer.csv", std::ios::app) << "1,2,oops\n";
    CHECK(run({"check", "logreg", "--file", kCorpus + "loops.cpp"}, h.env({{"MLDRILL_DATASETS", data.string()}}))
              .exit_code == 4);
  }
}

TEST_CASE("import refuses out-of-range values naming the field, with exit 4 and nothing written", "[cli][commandline]") {
  Home a("cl-import-a"), b("cl-import-b");
  const fs::path file = start(a);
  std::ofstream(file) << read_text(kCorpus + "loops.cpp");
  REQUIRE(run({"check"}, a.env()).exit_code == 0);
  const json good = run({"export"}, a.env()).doc();
  auto refused = [&](const std::function<void(json&)>& change, const std::string& message) {
    json j = good;
    change(j);
    const fs::path p = a.dir / "bad.json";
    std::ofstream(p) << j.dump();
    Run r = run({"import", p.string()}, b.env());
    INFO(r.err);
    CHECK(r.exit_code == 4);
    CHECK(has(r.err, message));
    CHECK(has(r.err, "nothing was imported"));
    CHECK(run({"history", "--json"}, b.env()).doc()["attempts"].empty());
  };
  refused([](json& j) { j["attempts"][0]["exercise"] = "logistic"; }, "attempts[0].exercise: unknown exercise");
  refused([](json& j) { j["attempts"][0]["flavor"] = "jax"; }, "attempts[0].flavor: logreg has no jax flavor");
  refused([](json& j) { j["attempts"][0]["active_seconds"] = -500; }, "attempts[0].active_seconds: -500");
  refused([](json& j) { j["attempts"][0]["started_at"] = 1e300; }, "attempts[0].started_at: 1e+300 is not a time");
  refused([](json& j) { j["attempts"][0]["target_minutes"] = 1e300; }, "attempts[0].target_minutes");
}

TEST_CASE("An imported open attempt arrives abandoned, its clock stopped, next to a local open one", "[cli][commandline]") {
  Home a("cl-open-a"), b("cl-open-b");
  start(a);  // open on machine a
  const fs::path out = a.dir / "export.json";
  REQUIRE(run({"export", "--out", out.string()}, a.env()).exit_code == 0);
  const fs::path mine = start(b);  // and a different one open here
  Run imp = run({"import", out.string(), "--json"}, b.env());
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  CHECK(imp.doc()["attempts_added"] == 1);
  const json attempts = run({"history", "--json"}, b.env()).doc()["attempts"];
  REQUIRE(attempts.size() == 2);
  int open = 0, abandoned = 0;
  for (const auto& x : attempts) (x["result"] == "open" ? open : abandoned)++;
  CHECK(open == 1);
  CHECK(abandoned == 1);
  const json status = run({"status", "--json"}, b.env()).doc()["open_attempts"];
  REQUIRE(status.size() == 1);
  CHECK(status[0]["file"] == mine.string());
}
