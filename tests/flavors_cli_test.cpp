// Every drill in every flavor it offers, through the command a user types: `start --flavor`
// gives the flavor's stub, whose check fails (not_implemented, exit 1); the flavor's
// reference solution in the workspace passes (exit 0) and closes the attempt; history and
// stats keep the attempts apart per flavor. Oracle: the flavors come from `list --json`
// (what the user is offered), the solutions from reference/ (accepted by the corpus rules),
// the expected verdicts and exit codes from the README.
#include <catch2/catch.hpp>

#include <set>

#include "cli_run.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The flavor's reference as one self-contained file, as a user would paste it: the eigen
// one includes its contract header ("knn.hpp"), which is put in its place.
std::string reference_solution(const std::string& exercise, const std::string& flavor) {
  const fs::path root = fs::path(MLDRILL_SOURCE_DIR) / "reference";
  if (flavor != "eigen") return cli_run::read_text(root / flavor / (exercise + ".cpp"));
  std::string text = cli_run::read_text(root / (exercise + ".cpp"));
  const std::string include = "#include \"" + exercise + ".hpp\"";
  const size_t at = text.find(include);
  REQUIRE(at != std::string::npos);
  return text.replace(at, include.size(), cli_run::read_text(root / (exercise + ".hpp")));
}

void start_fail_pass_in_every_flavor(const std::string& exercise) {
  const cli_run::Home home("flavors-" + exercise);
  const auto env = home.env();

  const auto list = cli_run::run({"list", "--json"}, env);
  REQUIRE(list.exit_code == 0);
  std::vector<std::string> flavors;
  const json listed = list.doc();
  for (const auto& e : listed["exercises"])
    if (e["id"] == exercise) flavors = e["flavors"].get<std::vector<std::string>>();
  // Every drill is offered in all three flavors (README, "Flavors").
  REQUIRE(std::set<std::string>(flavors.begin(), flavors.end()) == std::set<std::string>{"eigen", "xtensor", "torch"});

  for (const auto& flavor : flavors) {
    INFO(exercise << " in the " << flavor << " flavor");
    const auto started = cli_run::run({"start", exercise, "--flavor", flavor, "--json"}, env);
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    const std::string file = started.doc()["file"];
    CHECK(started.doc()["flavor"] == flavor);

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

}  // namespace

TEST_CASE("logreg starts, fails and passes in every flavor", "[cli][flavors]") {
  start_fail_pass_in_every_flavor("logreg");
}
TEST_CASE("knn starts, fails and passes in every flavor", "[cli][flavors]") { start_fail_pass_in_every_flavor("knn"); }
TEST_CASE("kmeans starts, fails and passes in every flavor", "[cli][flavors]") {
  start_fail_pass_in_every_flavor("kmeans");
}
TEST_CASE("mlp starts, fails and passes in every flavor", "[cli][flavors]") { start_fail_pass_in_every_flavor("mlp"); }
TEST_CASE("attention starts, fails and passes in every flavor", "[cli][flavors]") {
  start_fail_pass_in_every_flavor("attention");
}
