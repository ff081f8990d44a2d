// Flavors through the command a user types. Every drill `list` offers, in every flavor it
// offers: `start --flavor` gives that flavor's stub. For one drill, in every flavor: the
// stub's check fails (not_implemented, exit 1), the flavor's reference in the workspace
// passes (exit 0) and closes the attempt, and history and stats keep the flavors apart.
// That every stub is not_implemented and every reference accepted, in every drill and
// flavor, is graded once, by the corpus tests (tests/CMakeLists.txt), not again here.
// Oracle: the stubs on disk (exercises/<id>/stubs/), the references, and the README's
// verdicts and exit codes.
#include <catch2/catch.hpp>

#include <set>

#include "catalog/catalog.hpp"
#include "cli_run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kRoot = MLDRILL_SOURCE_DIR;

// The flavor's reference as one self-contained file, as a user would paste it: the one in
// the drill's default flavor (eigen, or cpp for a cpp-only drill) includes its contract
// header ("logreg.hpp"), which is put in its place.
std::string reference_solution(const std::string& exercise, const std::string& flavor) {
  const fs::path root = kRoot / "reference";
  if (flavor != mldrill::catalog::default_flavor(mldrill::catalog::exercise(exercise)))
    return cli_run::read_text(root / flavor / (exercise + ".cpp"));
  std::string text = cli_run::read_text(root / (exercise + ".cpp"));
  const std::string include = "#include \"" + exercise + ".hpp\"";
  const size_t at = text.find(include);
  REQUIRE(at != std::string::npos);
  return text.replace(at, include.size(), cli_run::read_text(root / (exercise + ".hpp")));
}

// The flavors a drill has a stub for, eigen first, as the catalog orders them.
std::vector<std::string> stub_flavors(const std::string& exercise) {
  std::vector<std::string> out;
  for (const char* f : {"eigen", "xtensor", "torch", "cpp"})
    if (fs::exists(kRoot / "exercises" / exercise / "stubs" / (std::string(f) + ".cpp"))) out.push_back(f);
  return out;
}

std::vector<std::string> offered_flavors(const cli_run::Home& home, const std::string& exercise) {
  const auto list = cli_run::run({"list", "--json"}, home.env());
  REQUIRE(list.exit_code == 0);
  const json listed = list.doc();
  for (const auto& e : listed["exercises"])
    if (e["id"] == exercise) return e["flavors"].get<std::vector<std::string>>();
  FAIL("mldrill list does not offer " << exercise);
  return {};
}

}  // namespace

// This build has every flavor (CI requires it), so each drill is offered in every flavor it
// has a stub for; start copies that flavor's stub, byte for byte, and nothing is compiled.
TEST_CASE("Every drill is offered in each flavor it has a stub for, and start gives that stub", "[cli][flavors]") {
  const cli_run::Home home("flavors-start");
  const auto env = home.env();
  const auto list = cli_run::run({"list", "--json"}, env);
  REQUIRE(list.exit_code == 0);
  const json listed = list.doc();
  REQUIRE(!listed["exercises"].empty());
  for (const auto& e : listed["exercises"]) {
    const std::string exercise = e["id"];
    const auto flavors = e["flavors"].get<std::vector<std::string>>();
    INFO(exercise);
    CHECK(flavors == stub_flavors(exercise));
    for (const auto& flavor : flavors) {
      INFO(exercise << " in the " << flavor << " flavor");
      const auto started = cli_run::run({"start", exercise, "--flavor", flavor, "--restart", "--json"}, env);
      INFO(started.err);
      REQUIRE(started.exit_code == 0);
      CHECK(started.doc()["flavor"] == flavor);
      CHECK(cli_run::read_text(started.doc()["file"].get<std::string>()) ==
            cli_run::read_text(kRoot / "exercises" / exercise / "stubs" / (flavor + ".cpp")));
    }
  }
}

TEST_CASE("In every flavor a check is graded in the attempt's flavor and recorded apart", "[cli][flavors]") {
  const std::string exercise = "logreg";  // the quickest to grade; the wiring is the same for all
  const cli_run::Home home("flavors-" + exercise);
  const auto env = home.env();
  const auto flavors = offered_flavors(home, exercise);
  // Every drill so far is offered in all three flavors (README, "Flavors").
  REQUIRE(std::set<std::string>(flavors.begin(), flavors.end()) == std::set<std::string>{"eigen", "xtensor", "torch"});

  for (const auto& flavor : flavors) {
    INFO(exercise << " in the " << flavor << " flavor");
    const auto started = cli_run::run({"start", exercise, "--flavor", flavor, "--restart", "--json"}, env);
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    const std::string file = started.doc()["file"];

    const auto stub = cli_run::run({"check", "--json"}, env);
    INFO(stub.err);
    CHECK(stub.exit_code == 1);
    CHECK(stub.doc()["verdict"] == "not_implemented");
    CHECK(stub.doc()["flavor"] == flavor);

    std::ofstream(file) << reference_solution(exercise, flavor);
    const auto solved = cli_run::run({"check", "--json"}, env);
    INFO(solved.err);
    CHECK(solved.exit_code == 0);
    CHECK(solved.doc()["verdict"] == "accepted");
    CHECK(solved.doc()["flavor"] == flavor);
    CHECK(solved.doc()["attempt"]["result"] == "passed");
  }

  // One passed attempt per flavor, each with its own row in stats.
  const auto history = cli_run::run({"history", exercise, "--json"}, env);
  REQUIRE(history.exit_code == 0);
  std::multiset<std::string> passed;
  const json attempts = history.doc()["attempts"];
  for (const auto& a : attempts)
    if (a["result"] == "passed") passed.insert(a["flavor"].get<std::string>());
  CHECK(passed == std::multiset<std::string>(flavors.begin(), flavors.end()));
  const auto stats = cli_run::run({"stats", "--json"}, env);
  REQUIRE(stats.exit_code == 0);
  std::set<std::string> rows;
  const json drills = stats.doc()["drills"];
  for (const auto& d : drills) {
    CHECK(d["exercise"] == exercise);
    CHECK(d["passed"] == 1);
    rows.insert(d["flavor"].get<std::string>());
  }
  CHECK(rows == std::set<std::string>(flavors.begin(), flavors.end()));
}

// A drill with one flavor (bm25_rrf: cpp only) is started and graded in it without --flavor;
// asking for a flavor a drill lacks is a usage error (exit 2) that names the flavors it has.
TEST_CASE("A cpp-only drill needs no --flavor, and a flavor a drill lacks is named with the ones it has",
          "[cli][flavors][cpp]") {
  const std::string exercise = "bm25_rrf";
  const cli_run::Home home("flavors-cpp-only");
  const auto env = home.env();
  CHECK(offered_flavors(home, exercise) == std::vector<std::string>{"cpp"});

  const auto eigen = cli_run::run({"start", exercise, "--flavor", "eigen", "--json"}, env);
  CHECK(eigen.exit_code == 2);
  CHECK_THAT(eigen.err, Catch::Contains("bm25_rrf has no eigen flavor; its flavors: cpp"));
  const auto cpp_for_logreg = cli_run::run({"start", "logreg", "--flavor", "cpp", "--json"}, env);
  CHECK(cpp_for_logreg.exit_code == 2);
  CHECK_THAT(cpp_for_logreg.err, Catch::Contains("logreg has no cpp flavor; its flavors: eigen, xtensor, torch"));
  const auto unknown = cli_run::run({"start", "logreg", "--flavor", "numpy", "--json"}, env);
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("logreg has no numpy flavor; its flavors: eigen, xtensor, torch"));

  // --file without --flavor: the drill's only flavor; with --flavor eigen: refused, named.
  const fs::path solution = home.dir / "bm25_solution.cpp";
  std::ofstream(solution) << reference_solution(exercise, "cpp");
  const auto graded = cli_run::run({"check", exercise, "--file", solution.string(), "--json"}, env);
  INFO(graded.err);
  CHECK(graded.exit_code == 0);
  CHECK(graded.doc()["flavor"] == "cpp");
  CHECK(graded.doc()["verdict"] == "accepted");
  const auto as_eigen = cli_run::run({"check", exercise, "--file", solution.string(), "--flavor", "eigen"}, env);
  CHECK(as_eigen.exit_code == 2);
  CHECK_THAT(as_eigen.err, Catch::Contains("bm25_rrf has no eigen flavor; its flavors: cpp"));

  // Never attempted, `next` proposes it in its own flavor.
  const auto next = cli_run::run({"next", "--json"}, env);
  REQUIRE(next.exit_code == 0);
  bool listed = false;
  const json due = next.doc()["due"];
  for (const auto& d : due)
    if (d["exercise"] == exercise) {
      listed = true;
      CHECK(d["flavor"] == "cpp");
    }
  CHECK(listed);

  const auto started = cli_run::run({"start", exercise, "--json"}, env);
  INFO(started.err);
  REQUIRE(started.exit_code == 0);
  CHECK(started.doc()["flavor"] == "cpp");
  const std::string file = started.doc()["file"];
  CHECK(cli_run::read_text(file) == cli_run::read_text(kRoot / "exercises" / exercise / "stubs" / "cpp.cpp"));
  const auto stub = cli_run::run({"check", "--json"}, env);
  CHECK(stub.exit_code == 1);
  CHECK(stub.doc()["verdict"] == "not_implemented");
  std::ofstream(file) << reference_solution(exercise, "cpp");
  const auto solved = cli_run::run({"check", "--json"}, env);
  INFO(solved.err);
  CHECK(solved.exit_code == 0);
  CHECK(solved.doc()["flavor"] == "cpp");
  CHECK(solved.doc()["attempt"]["result"] == "passed");
}
