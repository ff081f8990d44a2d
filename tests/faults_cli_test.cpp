// Faults and odd bytes end in a precise message with nothing lost: the real `mldrill`
// against a temporary MLDRILL_HOME. Oracle: the README (exit 4 for environment errors,
// check's report) and issue 12: the verdict is always printed, last, and inert; a check
// that cannot be recorded says so; outputs are whole or absent.
#include <catch2/catch.hpp>
#include <linux/capability.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <filesystem>
#include <fstream>

#include "cli_run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kCorpus = std::string(MLDRILL_SOURCE_DIR) + "/tests/corpus/logreg/eigen/";

using cli_run::Home;
using cli_run::read_text;
using cli_run::Run;

Run mldrill(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  return cli_run::run(args, env);
}

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path start(const Home& h) {
  Run s = mldrill({"start", "logreg", "--json"}, h.env());
  REQUIRE(s.exit_code == 0);
  return s.doc()["file"].get<std::string>();
}

// The first byte a terminal would act on (a C0 control other than newline and tab, DEL,
// or a C1 control in UTF-8), or npos.
size_t first_control(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F)
      return i;
  }
  return std::string::npos;
}

std::string last_line(const std::string& s) {
  const size_t end = s.find_last_not_of('\n');
  if (end == std::string::npos) return "";
  const size_t start = s.rfind('\n', end);
  return s.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

// Root ignores file permissions, so a read-only file means nothing to it. Dropping
// CAP_DAC_OVERRIDE (and CAP_DAC_READ_SEARCH) from the bounding set makes every mldrill this
// test process starts from now on obey permissions as any user would (ctest runs each
// test case in its own process).
bool permissions_apply() {
  if (geteuid() != 0) return true;
  return prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0) == 0 &&
         prctl(PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0) == 0;
}

}  // namespace

TEST_CASE("A correct program printing a 0xFF byte and 80 KB of é is accepted, recorded, in valid JSON", "[cli][faults]") {
  Home h("bytes");
  const fs::path file = start(h);
  const std::string source = bytes_of(kCorpus + "prints_invalid_utf8.cpp");  // with a Latin-1 comment
  std::ofstream(file, std::ios::binary) << source;
  Run r = mldrill({"check", "--json"}, h.env());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const json d = r.doc();
  CHECK(d["verdict"] == "accepted");
  CHECK(d["attempt"]["result"] == "passed");
  CHECK(d["output_truncated"] == true);
  const std::string output = d["output"].get<std::string>();
  CHECK(output.rfind("\xEF\xBF\xBD\nx\xC3\xA9", 0) == 0);  // 0xFF shown as U+FFFD
  CHECK(output.size() >= 65530);
  CHECK(output.substr(output.size() - 2) == "\xC3\xA9");  // the 64 KiB cut is not inside a character
  CHECK(output.find("\xEF\xBF\xBD", 3) == std::string::npos);
  // Recorded: the check, its report, and the source byte for byte.
  Run hist = mldrill({"history", "--attempt", "1", "--json"}, h.env());
  REQUIRE(hist.exit_code == 0);
  CHECK(hist.doc()["check_list"].size() == 1);
  SQLite::Database db((h.dir / "history.sqlite3").string());
  CHECK(db.execAndGet("SELECT source FROM checks").getString() == source);
  CHECK(json::parse(db.execAndGet("SELECT report FROM checks").getString())["verdict"] == "accepted");
  // And the same on the terminal.
  Run text = mldrill({"check", "--file", file.string(), "--verbose"}, h.env());
  CHECK(text.exit_code == 0);
  CHECK(last_line(text.out) == "verdict: accepted");
}

TEST_CASE("Escape sequences in an exception message or an #error are printed inert, the verdict last", "[cli][faults]") {
  Home h("escapes");
  Run ex = mldrill({"check", "--file", kCorpus + "terminal_escapes_in_exception.cpp", "--verbose"}, h.env());
  CHECK(ex.exit_code == 1);
  CHECK(first_control(ex.out) == std::string::npos);
  CHECK(ex.out.find("threw") != std::string::npos);
  CHECK(ex.out.find("verdict: accepted") != std::string::npos);  // the text itself is shown, harmless
  CHECK(last_line(ex.out).rfind("verdict: runtime_error — first failing case: ", 0) == 0);

  Run ce = mldrill({"check", "--file", kCorpus + "terminal_escapes_in_error_directive.cpp", "--verbose"}, h.env());
  CHECK(ce.exit_code == 3);
  CHECK(first_control(ce.out) == std::string::npos);
  CHECK(ce.out.find("#error") != std::string::npos);
  CHECK(last_line(ce.out) == "verdict: compile_error");
  Run ce_short = mldrill({"check", "--file", kCorpus + "terminal_escapes_in_error_directive.cpp"}, h.env());
  CHECK(first_control(ce_short.out) == std::string::npos);
  CHECK(ce_short.out.find("error: #error \"verdict: accepted\"") != std::string::npos);
  CHECK(last_line(ce_short.out) == "verdict: compile_error");
}

TEST_CASE("A 100 KB compiler diagnostic line is parsed, not a crash", "[cli][faults]") {
  Home h("long-diagnostic");
  fs::create_directories(h.dir);
  const fs::path file = h.dir / "long.cpp";
  std::string source = read_text(kCorpus + "loops.cpp");
  const std::string name = "undeclared_" + std::string(100000, 'x');
  source.replace(source.find("  return total / X.rows();"), 26, "  return total / " + name + ";");
  std::ofstream(file) << source;
  Run r = mldrill({"check", "logreg", "--file", file.string(), "--json"}, h.env());
  INFO(r.err.substr(0, 2000));
  CHECK(r.exit_code == 3);
  const json diags = r.doc()["compile"]["diagnostics"];
  REQUIRE(!diags.empty());
  CHECK(diags[0]["message"].get<std::string>().find(name) != std::string::npos);
  CHECK(diags[0]["line"].get<int>() > 0);
}

TEST_CASE("A check the history cannot take (locked) prints its report, then says it was not recorded, exit 4",
          "[cli][faults]") {
  Home h("not-recorded-locked");
  const fs::path file = start(h);
  std::ofstream(file) << read_text(kCorpus + "loops.cpp");
  SQLite::Database holder((h.dir / "history.sqlite3").string(), SQLite::OPEN_READWRITE);
  holder.exec("BEGIN IMMEDIATE");
  const auto env = h.env({{"MLDRILL_LOCK_TIMEOUT_MS", "300"}});
  Run r = mldrill({"check"}, env);
  CHECK(r.exit_code == 4);
  CHECK(r.out.find("verdict: accepted") != std::string::npos);
  CHECK(r.err.find("this check was not recorded: ") != std::string::npos);
  CHECK(r.err.find("locked by another mldrill") != std::string::npos);
  Run j = mldrill({"check", "--json"}, env);
  CHECK(j.exit_code == 4);
  CHECK(j.doc()["verdict"] == "accepted");
  CHECK(j.doc()["not_recorded"].get<std::string>().find("locked") != std::string::npos);
  CHECK(!j.doc().contains("attempt"));
  holder.exec("ROLLBACK");
  const json a = mldrill({"history", "--json"}, h.env()).doc()["attempts"][0];
  CHECK(a["result"] == "open");
  CHECK(a["checks"] == 0);
}

// A full disk, as SQLite meets it: a write that stops short. RLIMIT_FSIZE (inherited by the
// mldrill started meanwhile, with SIGXFSZ ignored) makes every write past 512 KiB stop there.
TEST_CASE("A full disk: check prints its report, says the check was not recorded and why, exits 4", "[cli][faults]") {
  Home h("disk-full");
  const fs::path file = start(h);
  std::ofstream(file) << read_text(kCorpus + "loops.cpp") << "/*" << std::string(900 << 10, '.') << "*/\n";  // under the 1 MiB file limit
  REQUIRE(mldrill({"check", "--file", file.string()}, h.env()).exit_code == 0);  // the build is cached now
  rlimit before{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &before) == 0);
  rlimit small = before;
  small.rlim_cur = 512 << 10;
  auto* old_handler = signal(SIGXFSZ, SIG_IGN);
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  Run r = mldrill({"check"}, h.env());
  setrlimit(RLIMIT_FSIZE, &before);
  signal(SIGXFSZ, old_handler);
  INFO(r.err);
  CHECK(r.exit_code == 4);
  CHECK(r.out.find("verdict: accepted") != std::string::npos);
  CHECK(r.err.find("this check was not recorded: ") != std::string::npos);
  CHECK(r.err.find("writing the history database " + (h.dir / "history.sqlite3").string() + " failed: ") !=
        std::string::npos);
  // ENOSPC reads "database or disk is full"; a file-size limit, "disk I/O error (a write ... failed...)".
  CHECK((r.err.find("database or disk is full") != std::string::npos ||
         r.err.find("a write to the disk failed") != std::string::npos));
  const json a = mldrill({"history", "--json"}, h.env()).doc()["attempts"][0];
  CHECK(a["checks"] == 0);
  CHECK(a["result"] == "open");
}

TEST_CASE("A read-only history file or directory: check reports, names the cause, exits 4; reading works",
          "[cli][faults]") {
  if (!permissions_apply()) {
    WARN("cannot drop CAP_DAC_OVERRIDE here: file permissions cannot be tested as root");
    return;
  }
  Home h("read-only");
  const fs::path file = start(h);
  std::ofstream(file) << read_text(kCorpus + "loops.cpp");
  const fs::path db = h.dir / "history.sqlite3";
  REQUIRE(mldrill({"pause"}, h.env()).exit_code == 0);
  REQUIRE(mldrill({"resume"}, h.env()).exit_code == 0);

  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  Run f = mldrill({"check"}, h.env());
  CHECK(f.exit_code == 4);
  CHECK(f.out.find("verdict: accepted") != std::string::npos);
  CHECK(f.err.find("this check was not recorded") != std::string::npos);
  CHECK(f.err.find("the file " + db.string() + " is read-only") != std::string::npos);
  for (const auto& cmd : {"status", "history", "stats", "list"}) {
    Run r = mldrill({cmd, "--json"}, h.env());
    INFO(cmd << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK_NOTHROW(r.doc());
  }
  Run pause = mldrill({"pause"}, h.env());
  CHECK(pause.exit_code == 4);
  CHECK(pause.err.find("is read-only") != std::string::npos);

  fs::permissions(db, fs::perms::owner_write, fs::perm_options::add);
  fs::permissions(h.dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                             fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  Run d = mldrill({"check"}, h.env());
  CHECK(d.exit_code == 4);
  CHECK(d.out.find("verdict: accepted") != std::string::npos);
  CHECK(d.err.find("this check was not recorded") != std::string::npos);
  CHECK(d.err.find("its directory " + h.dir.string() + " is read-only") != std::string::npos);
  for (const auto& cmd : {"status", "history", "stats", "list"}) {
    Run r = mldrill({cmd, "--json"}, h.env());
    INFO(cmd << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK_NOTHROW(r.doc());
  }
  Run exported = mldrill({"export"}, h.env());
  INFO(exported.err);
  CHECK(exported.exit_code == 0);
  CHECK(json::parse(exported.out)["attempts"].size() == 1);

  fs::permissions(h.dir, fs::perms::owner_all, fs::perm_options::add);
  const json a = mldrill({"history", "--json"}, h.env()).doc()["attempts"][0];
  CHECK(a["checks"] == 0);
  CHECK(a["result"] == "open");
  CHECK(mldrill({"check"}, h.env()).exit_code == 0);  // and once writable, it records
}

TEST_CASE("An unusable MLDRILL_HOME is named: a file, or relative to a deleted directory", "[cli][faults]") {
  Home h("bad-home");
  fs::create_directories(h.dir);
  const fs::path a_file = h.dir / "not-a-dir";
  std::ofstream(a_file) << "x";
  Run file = mldrill({"status"}, h.env({{"MLDRILL_HOME", a_file.string()}}));
  CHECK(file.exit_code == 4);
  CHECK(file.err.find("MLDRILL_HOME=" + a_file.string() + " is not a directory") != std::string::npos);

  const fs::path here = fs::current_path();
  const fs::path gone = h.dir / "gone";
  fs::create_directories(gone);
  REQUIRE(chdir(gone.c_str()) == 0);
  fs::remove(gone);
  Run rel = mldrill({"status"}, h.env({{"MLDRILL_HOME", "rel/home"}}));
  REQUIRE(chdir(here.c_str()) == 0);
  CHECK(rel.exit_code == 4);
  CHECK(rel.err.find("terminate called") == std::string::npos);
  CHECK(rel.err.find("MLDRILL_HOME=rel/home is a relative path") != std::string::npos);
}

TEST_CASE("trace, report and export write whole files or nothing, and never create a directory", "[cli][faults]") {
  Home h("outputs");
  fs::create_directories(h.dir);
  const fs::path missing = h.dir / "no-such-dir";
  for (const auto& args : std::vector<std::vector<std::string>>{{"trace", "logreg", "--out", (missing / "t.json").string()},
                                                                 {"report", "--out", (missing / "r.html").string()},
                                                                 {"export", "--out", (missing / "e.json").string()}}) {
    Run r = mldrill(args, h.env());
    INFO(args[0] << ": " << r.err);
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("the directory " + missing.string() + " does not exist") != std::string::npos);
    CHECK(!fs::exists(missing));
  }
  const fs::path out = h.dir / "out";
  fs::create_directories(out);
  CHECK(mldrill({"trace", "logreg", "--out", (out / "t.json").string()}, h.env()).exit_code == 0);
  CHECK(mldrill({"export", "--out", (out / "e.json").string()}, h.env()).exit_code == 0);
  CHECK(mldrill({"report", "--out", (out / "r.html").string()}, h.env()).exit_code == 0);
  CHECK_NOTHROW(json::parse(read_text(out / "t.json")));
  CHECK_NOTHROW(json::parse(read_text(out / "e.json")));
  CHECK(read_text(out / "r.html").find("</html>") != std::string::npos);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"e.json", "r.html", "t.json"});  // no temporaries left

  if (!permissions_apply()) return;
  const fs::path locked = h.dir / "read-only";
  fs::create_directories(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  Run e = mldrill({"export", "--out", (locked / "e.json").string()}, h.env());
  fs::permissions(locked, fs::perms::owner_all);
  CHECK(e.exit_code == 4);
  CHECK(e.err.find("cannot write " + (locked / "e.json").string()) != std::string::npos);
  CHECK(fs::is_empty(locked));  // no empty e.json.part
}
