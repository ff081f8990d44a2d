// The sandbox, attacked: the include rule (by text, and in every flavor with the answer key's
// own path), a stale build, a TCP connection to a listener of the test, the history
// database's attributes, typing into a real terminal (a pseudo-terminal the test owns), and
// the refusal to grade without the sandbox (and its documented override). `doctor` reports it.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pty.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cases/registry.hpp"
#include "cli_run.hpp"
#include "compile/includes.hpp"
#include "compile/toolchain.hpp"
#include "project/paths.hpp"
#include "grading/grader.hpp"
#include "sandbox/jail.hpp"

namespace fs = std::filesystem;
using namespace mldrill;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kSource = MLDRILL_SOURCE_DIR;
const std::string kCorpus = kSource + "/tests/corpus/logreg/eigen/";

bool jailed() { return sandbox::isolation().sandbox && !sandbox::isolation().unsandboxed; }

grading::Report grade(const std::string& flavor, const fs::path& file, const std::string& drill = "logreg") {
  return grading::grade(drill, flavor, file.string(), cases::cases_for(drill), project::paths().test_work_dir());
}

// A scratch directory for generated candidate files.
fs::path scratch(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("mldrill-sandbox-test-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// A hostile corpus file with its attack's target replaced (a path or a port only the test knows).
std::string hostile_with(const std::string& corpus_file, const std::string& from, const std::string& to) {
  std::string text = slurp(kCorpus + corpus_file);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("The include rule refuses every spelling of a non-library include", "[sandbox][include]") {
  using compile::refused_include;
  CHECK_FALSE(refused_include("#include <Eigen/Dense>\n#include <cmath>\n", "logreg.hpp"));
  CHECK_FALSE(refused_include("#include \"logreg.hpp\"\n", "logreg.hpp"));           // the contract header
  CHECK_FALSE(refused_include("// #include \"/etc/shadow\"\nint x;\n", ""));        // a comment
  CHECK_FALSE(refused_include("const char* s = \"#include \\\"/etc/x\\\"\";\n", ""));  // a string
  for (const char* bad : {"#include \"/etc/shadow\"\n", "#include \"helper.hpp\"\n", "#include \"logreg.hpp\"\n",
                          "  #  include   \"/proc/self/fd/1\"\n", "#include </proc/self/fd/1>\n",
                          "#include <../../etc/passwd>\n", "#include_next \"x.h\"\n", "#import \"x.h\"\n",
                          "#define F \"/etc/shadow\"\n#include F\n", "#inc\\\nlude \"/etc/shadow\"\n",
                          "# /* c */ include \"/etc/shadow\"\n", "?\?=include \"/etc/shadow\"\n",
                          "%:include \"/etc/shadow\"\n", "/* a */ #include \"/etc/shadow\"\n"}) {
    INFO(bad);
    const auto why = refused_include(bad, std::string(bad).find("logreg.hpp") != std::string::npos ? "" : "logreg.hpp");
    REQUIRE(why);
    CHECK(why->find("is refused") != std::string::npos);
  }
}

TEST_CASE("The compiler's own list of opened files is checked against the library directories", "[sandbox][include]") {
  const std::string deps =
      "/b/candidate.o: /b/build-1/x.cpp /usr/include/c++/12/vector \\\n"
      " /usr/lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/cmath \\\n /b/pch/eigen/prelude.hpp\n";
  const auto files = compile::dependency_files(deps);
  REQUIRE(files.size() == 4);
  CHECK(files[0] == "/b/build-1/x.cpp");
  CHECK_FALSE(compile::outside_dependency(files, {"/b/build-1/x.cpp"}, {"/usr", "/b/pch/eigen"}));
  CHECK(compile::outside_dependency(files, {"/b/build-1/x.cpp"}, {"/usr"}) == std::optional<std::string>("/b/pch/eigen/prelude.hpp"));
  CHECK(compile::outside_dependency({"/usr/include/../../work/reference/logreg.cpp"}, {}, {"/usr"}) ==
        std::optional<std::string>("/work/reference/logreg.cpp"));
  CHECK(compile::outside_dependency({"/usrx/a.h"}, {}, {"/usr"}));
}

TEST_CASE("Including the answer key by its absolute path is a compile_error in every flavor", "[sandbox][include]") {
  for (const auto& [flavor, _] : compile::toolchain().flavors) {
    // logreg has the tensor flavors; the cpp flavor's drills have only it (its answer key is
    // reference/<id>.cpp, the default flavor's).
    const std::string drill = flavor == "cpp" ? "bm25_rrf" : "logreg";
    const std::string key = kSource + (flavor == "eigen" || flavor == "cpp" ? "/reference/" + drill + ".cpp"
                                                                             : "/reference/" + flavor + "/" + drill + ".cpp");
    const fs::path file = scratch("answer-key-" + flavor) / (drill + ".cpp");
    std::ofstream(file) << "// The whole answer key, by path.\n#include \"" << key << "\"\n";
    const auto r = grade(flavor, file, drill);
    INFO(flavor << ": " << r.build.output);
    CHECK(r.verdict == grading::Verdict::CompileError);
    CHECK(r.build.explanation.find("is refused") != std::string::npos);
    CHECK(r.build.explanation.find(key) != std::string::npos);
  }
}

TEST_CASE("A changed file is never graded as the old one, even with the same size and time", "[sandbox][cache]") {
  const fs::path file = scratch("stale") / "logreg.cpp";
  // hostile_lingering_child's maths is correct; "/ n}" → "* n}" keeps the size and breaks db.
  const std::string correct = slurp(kSource + "/tests/corpus/logreg/eigen/hostile_lingering_child.cpp");
  const std::string wrong = std::regex_replace(correct, std::regex(R"(err\.sum\(\) / n\})"), "err.sum() * n}");
  REQUIRE(wrong != correct);
  REQUIRE(wrong.size() == correct.size());
  std::ofstream(file, std::ios::binary) << correct;
  struct stat before {};
  REQUIRE(stat(file.c_str(), &before) == 0);
  CHECK(grade("eigen", file).verdict == grading::Verdict::Accepted);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << wrong;
  const timespec times[2] = {before.st_atim, before.st_mtim};
  REQUIRE(utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
  const auto r = grade("eigen", file);  // (cached from an earlier run of this test: its own bytes)
  CHECK(r.verdict != grading::Verdict::Accepted);
  REQUIRE(r.first_failing() != nullptr);
  CHECK(r.first_failing()->name.rfind("gradient", 0) == 0);
}

TEST_CASE("A candidate cannot connect to a TCP listener on 127.0.0.1", "[sandbox][network]") {
  if (!jailed()) WARN("not sandboxed: " << sandbox::isolation().problem);
  const int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  REQUIRE(listener >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(listen(listener, 8) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  const int port = ntohs(addr.sin_port);
  const fs::path file = scratch("network") / "logreg.cpp";
  std::ofstream(file) << hostile_with("hostile_network.cpp", "{22, 80, 443, 8080}",
                                      "{22, 80, 443, 8080, " + std::to_string(port) + "}");
  const auto r = grade("eigen", file);
  const int accepted = accept(listener, nullptr, nullptr);
  CHECK(accepted < 0);  // nothing ever connected
  close(listener);
  if (accepted >= 0) close(accepted);
  CHECK(r.verdict == grading::Verdict::Accepted);
}

TEST_CASE("A candidate cannot change the history database's mode, owner, times, attributes or flags",
          "[sandbox][files]") {
  cli_run::Home home("sandbox-history");
  REQUIRE(cli_run::run({"list"}, home.env()).exit_code == 0);
  const fs::path db = home.dir / "history.sqlite3";
  REQUIRE(fs::exists(db));
  struct stat before {};
  REQUIRE(stat(db.c_str(), &before) == 0);
  const fs::path file = scratch("history") / "logreg.cpp";
  std::ofstream(file) << hostile_with("hostile_file_attributes.cpp", "\"/root/.local/share/mldrill/history.sqlite3\"",
                                      "\"" + db.string() + "\", \"" + home.dir.string() + "\"");
  const auto run = cli_run::run({"check", "logreg", "--file", file.string(), "--json"}, home.env());
  INFO(run.err);
  CHECK(run.exit_code == 0);
  struct stat after {};
  REQUIRE(stat(db.c_str(), &after) == 0);
  CHECK(after.st_mode == before.st_mode);
  CHECK(after.st_uid == before.st_uid);
  CHECK(after.st_gid == before.st_gid);
  CHECK(after.st_mtim.tv_sec == before.st_mtim.tv_sec);
  CHECK(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
  CHECK(getxattr(db.c_str(), "user.mldrill", nullptr, 0) < 0);
}

TEST_CASE("A candidate cannot type into the terminal mldrill runs in (TIOCSTI)", "[sandbox][terminal]") {
  cli_run::Home home("sandbox-tty");
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {  // mldrill with the pseudo-terminal as its controlling terminal
    for (const auto& [k, v] : home.env()) setenv(k.c_str(), v.c_str(), 1);
    const std::string file = kCorpus + "hostile_terminal_tiocsti.cpp";
    execl(cli_run::kBinary.c_str(), "mldrill", "check", "logreg", "--file", file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::string seen;  // everything the terminal showed, echo of typed input included
  char buf[4096];
  for (;;) {
    const ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, size_t(n));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  // Whatever was typed and not yet echoed is still in the terminal's input queue.
  fcntl(master, F_SETFL, O_NONBLOCK);
  for (ssize_t n; (n = read(master, buf, sizeof buf)) > 0;) seen.append(buf, size_t(n));
  close(master);
  INFO(seen);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(seen.find("verdict: accepted") != std::string::npos);
  CHECK(seen.find("mldrill-pwned") == std::string::npos);
}

TEST_CASE("Without the sandbox mldrill refuses to grade, unless MLDRILL_UNSANDBOXED=1", "[sandbox][cli]") {
  cli_run::Home home("sandbox-refuse");
  const std::string file = kCorpus + "hostile_lingering_child.cpp";
  const auto refused =
      cli_run::run({"check", "logreg", "--file", file}, home.env({{"MLDRILL_BWRAP", "/nonexistent/bwrap"}}));
  CHECK(refused.exit_code == 4);
  CHECK(refused.err.find("bubblewrap") != std::string::npos);
  CHECK(refused.err.find("MLDRILL_UNSANDBOXED=1") != std::string::npos);
  CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);  // one line
  CHECK(refused.out.find("verdict") == std::string::npos);

  const auto overridden = cli_run::run({"check", "logreg", "--file", file},
                                       home.env({{"MLDRILL_BWRAP", "/nonexistent/bwrap"}, {"MLDRILL_UNSANDBOXED", "1"}}));
  INFO(overridden.err);
  CHECK(overridden.exit_code == 0);
  CHECK(overridden.err.find("WITHOUT the sandbox") != std::string::npos);
}

TEST_CASE("`mldrill doctor` reports the isolation it probed, the toolchain and the database", "[sandbox][cli]") {
  cli_run::Home home("sandbox-doctor");
  const auto ok = cli_run::run({"doctor", "--json"}, home.env());
  const auto doc = ok.doc();
  CHECK(doc["database"] == (home.dir / "history.sqlite3").string());
  CHECK(doc["flavors"].contains("eigen"));
  CHECK(!doc["flavors"]["eigen"]["version"].get<std::string>().empty());
  if (jailed()) {
    CHECK(ok.exit_code == 0);
    CHECK(doc["isolation"]["mode"] == "sandbox");
  }
  const auto missing = cli_run::run({"doctor", "--json"}, home.env({{"MLDRILL_BWRAP", "/nonexistent/bwrap"}}));
  CHECK(missing.exit_code == 4);
  CHECK(missing.doc()["isolation"]["mode"] == "unavailable");
  CHECK(missing.doc()["isolation"]["problem"].get<std::string>().find("bubblewrap") != std::string::npos);
  const auto text = cli_run::run({"doctor"}, home.env({{"MLDRILL_BWRAP", "/nonexistent/bwrap"}, {"MLDRILL_UNSANDBOXED", "1"}}));
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("isolation: unsandboxed") != std::string::npos);
}
