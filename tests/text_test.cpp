// What mldrill does with bytes it did not write: UTF-8 made valid and cut on character
// boundaries, control characters kept off the terminal, compiler diagnostics parsed at
// any length, and user-visible files written whole or not at all. Oracles: the Unicode
// well-formed UTF-8 table (U+FFFD per maximal subpart, as Python's decode(errors="replace")),
// the documented `file:line:col: severity: message` format, and the file system itself.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compile/diagnostics.hpp"
#include "files/atomic_write.hpp"
#include "text/utf8.hpp"

using namespace mldrill;
namespace fs = std::filesystem;

namespace {
const std::string kFffd = "\xEF\xBF\xBD";
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("mldrill-text-test-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
}  // namespace

// Expected strings are what Python 3 gives for bytes.decode("utf-8", errors="replace").
TEST_CASE("Invalid UTF-8 becomes U+FFFD per maximal subpart; valid text is kept byte for byte", "[text]") {
  CHECK(text::valid_utf8("plain ascii\n") == "plain ascii\n");
  CHECK(text::valid_utf8("caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x98\x80");
  CHECK(text::valid_utf8("a\xFF" "b") == "a" + kFffd + "b");
  CHECK(text::valid_utf8("Latin-1 caf\xE9!") == "Latin-1 caf" + kFffd + "!");
  CHECK(text::valid_utf8("\xC0\xAF") == kFffd + kFffd);                 // overlong '/'
  CHECK(text::valid_utf8("\xED\xA0\x80") == kFffd + kFffd + kFffd);     // a surrogate
  CHECK(text::valid_utf8("\xF4\x90\x80\x80") == kFffd + kFffd + kFffd + kFffd);  // above U+10FFFF
  CHECK(text::valid_utf8("\xE2\x86") == kFffd);                         // cut short: one subpart
  CHECK(text::valid_utf8("\xE2\x86z") == kFffd + "z");
  CHECK(text::valid_utf8(std::string("nul\0byte", 8)) == std::string("nul\0byte", 8));
}

TEST_CASE("A cut never splits a multi-byte character", "[text]") {
  const std::string e = "x\xC3\xA9\xC3\xA9";  // x é é: 5 bytes
  CHECK(text::utf8_cut(e, 5) == 5);
  CHECK(text::utf8_cut(e, 4) == 3);   // inside the second é
  CHECK(text::utf8_cut(e, 3) == 3);
  CHECK(text::utf8_cut(e, 2) == 1);
  CHECK(text::utf8_cut(e, 100) == 5);
  CHECK(text::utf8_cut("x\xC3", 2) == 1);  // already cut earlier: the partial tail goes
  CHECK(text::utf8_cut("\xF0\x9F\x98\x80\xF0\x9F\x98", 7) == 4);
  CHECK(text::utf8_cut("ab\xFF", 3) == 3);  // not a partial character: invalid, kept for U+FFFD
  // 80 KB of "é" after one ASCII byte, cut at 64 KiB: the cut lands mid-character.
  std::string big = "x";
  while (big.size() < 80000) big += "\xC3\xA9";
  const std::string cut = big.substr(0, text::utf8_cut(big, 65536));
  CHECK(cut.size() == 65535);
  CHECK(text::valid_utf8(cut) == cut);
}

TEST_CASE("Terminal text keeps newlines, tabs and Unicode, and drops escape sequences and control characters",
          "[text]") {
  CHECK(text::for_terminal("line 1\n\tline 2 caf\xC3\xA9\n") == "line 1\n\tline 2 caf\xC3\xA9\n");
  CHECK(text::for_terminal("\x1B[2J\x1B[Hverdict: accepted") == "verdict: accepted");
  CHECK(text::for_terminal("a\x1B[1;31mred\x1B[0m b") == "ared b");
  CHECK(text::for_terminal("title\x1B]0;pwned\x07 after") == "title after");
  CHECK(text::for_terminal("osc\x1B]8;;http://x\x1B\\link") == "osclink");
  CHECK(text::for_terminal("progress 10%\rverdict: accepted") == "progress 10%verdict: accepted");
  CHECK(text::for_terminal(std::string("ab\b\bXY\x7F\x01\x00z", 10)) == "abXYz");
  CHECK(text::for_terminal("c1 \xC2\x9B" "2J csi") == "c1 2J csi");  // U+009B is an 8-bit CSI
  CHECK(text::for_terminal("bad \xFF byte") == "bad " + kFffd + " byte");
  CHECK(text::for_terminal("\x1B]unterminated\nnext line") == "\nnext line");  // hides one line at most
  CHECK(text::for_terminal("\x1B(Bcharset \x1B" "7saved") == "charset saved");
}

TEST_CASE("JSON with invalid UTF-8 is written with U+FFFD instead of failing", "[text]") {
  const nlohmann::json j = {{"output", "caf\xE9 \xFF"}, {"cut", "x\xC3"}};
  CHECK_THROWS(j.dump());  // what failed before: json type_error.316
  const auto back = nlohmann::json::parse(text::dump_json(j));
  CHECK(back["output"] == "caf" + kFffd + " " + kFffd);
  CHECK(back["cut"] == "x" + kFffd);
}

TEST_CASE("Diagnostics are parsed as GCC and Clang write them", "[text][diagnostics]") {
  const std::string out =
      "In file included from /w/logreg.cpp:3:\n"
      "/w/logreg.cpp:12:5: error: 'foo' was not declared in this scope\n"
      "   12 |     foo();\n"
      "      |     ^~~\n"
      "/w/logreg.cpp:14:9: warning: unused variable 'n' [-Wunused-variable]\r\n"
      "/w/dir:with:colons/x.cpp:7:1: fatal error: Eigen/Dense: No such file or directory\n"
      "/w/logreg.cpp:20:3: note: candidate is\n"
      "ld: undefined reference\n";
  const auto d = compile::parse_diagnostics(out);
  REQUIRE(d.size() == 3);
  CHECK(d[0].file == "/w/logreg.cpp");
  CHECK(d[0].line == 12);
  CHECK(d[0].column == 5);
  CHECK(d[0].severity == "error");
  CHECK(d[0].message == "'foo' was not declared in this scope");
  CHECK(d[1].severity == "warning");
  CHECK(d[1].message == "unused variable 'n' [-Wunused-variable]");
  CHECK(d[2].file == "/w/dir:with:colons/x.cpp");
  CHECK(d[2].severity == "fatal error");
  CHECK(d[2].line == 7);
}

// The line lengths that overflowed std::regex's recursion (a ~48 KB diagnostic segfaulted).
TEST_CASE("A 100 KB diagnostic line and a 250-deep expression type are parsed without crashing", "[text][diagnostics]") {
  const std::string long_message(100000, 'x');
  std::string nested = "double";
  for (int i = 0; i < 250; ++i)
    nested = "const Eigen::CwiseBinaryOp<Eigen::internal::scalar_sum_op<double, double>, " + nested +
             ", const Eigen::Matrix<double, -1, 1> >";
  const std::string out = "/w/logreg.cpp:3:7: error: " + long_message + "\n/w/logreg.cpp:9:1: error: cannot convert '" +
                          nested + "' to 'int' in initialization\n" + std::string(200000, ':') + "\n" +
                          std::string(100000, '1') + ":2:3: warning: w\n";
  const auto d = compile::parse_diagnostics(out);
  REQUIRE(d.size() == 3);
  CHECK(d[0].message == long_message);
  CHECK(d[1].line == 9);
  CHECK(d[1].message.size() > 28000);  // as long as GCC 12 writes it for this expression
  CHECK(d[2].file == std::string(100000, '1'));
}

TEST_CASE("Link failures are read in plain words, at any length", "[text][diagnostics]") {
  CHECK(compile::explain_link_failure("x.o: in function `main':\nundefined reference to `drill::logreg::loss(int)'\n")
            .find("does not define drill::logreg::loss(int)") != std::string::npos);
  CHECK(compile::explain_link_failure("multiple definition of `main'; first defined here").find("remove your main()") == 0);
  CHECK(compile::explain_link_failure("multiple definition of `drill::f()'") == "drill::f() is defined twice");
  CHECK(compile::explain_link_failure("collect2: error: ld returned 1 exit status") == "");
  const std::string huge = "undefined reference to `" + std::string(200000, 'T') + "'";
  CHECK(compile::explain_link_failure(huge).size() > 200000);
}

TEST_CASE("A file is written whole, replacing the old one, with nothing left beside it", "[files]") {
  const fs::path dir = fresh_dir("atomic");
  const fs::path f = dir / "report.html";
  files::write_atomically(f.string(), "first");
  files::write_atomically(f.string(), std::string(1 << 20, 'z'));
  CHECK(slurp(f) == std::string(1 << 20, 'z'));
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  struct stat st {};
  REQUIRE(stat(f.c_str(), &st) == 0);
  CHECK((st.st_mode & 0044) != 0);  // readable as a file made by open(0666) under a usual umask
}

TEST_CASE("Writing into a missing directory fails, names it, and creates nothing", "[files]") {
  const fs::path dir = fresh_dir("missing");
  const fs::path f = dir / "no" / "such" / "trace.json";
  CHECK_THROWS_WITH(files::write_atomically(f.string(), "{}"),
                    Catch::Contains("the directory " + (dir / "no" / "such").string() + " does not exist"));
  CHECK(!fs::exists(dir / "no"));
  CHECK(fs::is_empty(dir));
  CHECK_THROWS_WITH(files::write_atomically(dir.string(), "{}"), Catch::Contains("is a directory"));
  CHECK(fs::is_empty(dir));
}
