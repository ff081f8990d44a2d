// Grades candidate files and checks each gets the verdict and diagnosis it declares.
// Oracle: the expectations written in each corpus file's header,
//   // expect: gradient_mismatch
//   // case: gradient(n=40,d=6)        (optional: the first failing case)
//   // message: did you forget to average   (optional, repeatable: substrings of its message)
//   // absent: scale factor                 (optional, repeatable: words its message must NOT contain,
//                                             a misleading diagnosis that was once given)
// plus two rules: every stub is not_implemented, every reference (in every flavor) is accepted.
// The file comes from MLDRILL_CORPUS_FILE (CTest registers one test per file). A file that
// cannot be graded here is skipped (exit 77, CTest's SKIP_RETURN_CODE), and fails with CI=true.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cases/registry.hpp"
#include "catalog/catalog.hpp"
#include "compile/toolchain.hpp"
#include "project/paths.hpp"
#include "grading/grader.hpp"
#include "sandbox/confine.hpp"
#include "sandbox/jail.hpp"

namespace fs = std::filesystem;
using namespace mldrill;

namespace {

struct Expectation {
  std::string exercise, flavor, verdict, case_name;
  std::vector<std::string> messages;
  std::vector<std::string> absent;
  bool needs_confinement = false;  // "// requires: confinement": the jail, or the fallback's Landlock and seccomp
  bool needs_sandbox = false;      // "// requires: sandbox": the jail itself (bubblewrap + seccomp allow-list)
};

// A test that cannot run here says why; CTest lists it as skipped (not passed), and in CI
// (CI=true) a skip is a failure: CI must run everything.
void skip(const std::string& reason) {
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") FAIL("CI=true, where a skipped test is an error: " << reason);
  std::cout << "skipped: " << reason << std::endl;
  std::exit(77);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Expectation read_expectation(const fs::path& file) {
  Expectation e;
  const fs::path dir = file.parent_path();
  if (dir.filename() == "reference") {  // reference/<exercise>.cpp, in the drill's default flavor
    const std::string id = file.stem().string();
    e = {id, catalog::default_flavor(catalog::exercise(id)), "accepted", "", {}};
  } else if (dir.parent_path().filename() == "reference") {  // reference/<flavor>/<exercise>.cpp
    e = {file.stem().string(), dir.filename().string(), "accepted", "", {}};
  } else if (dir.filename() == "stubs") {  // exercises/<exercise>/stubs/<flavor>.cpp
    e = {dir.parent_path().filename().string(), file.stem().string(), "not_implemented", "", {}};
  } else {  // tests/corpus/<exercise>/<flavor>/<name>.cpp
    e.exercise = dir.parent_path().filename().string();
    e.flavor = dir.filename().string();
  }
  std::ifstream in(file);
  std::string line;
  auto field = [&](const std::string& key, std::string& out) {
    const std::string tag = "// " + key + ": ";
    if (line.rfind(tag, 0) != 0) return false;
    out = line.substr(tag.size());
    return true;
  };
  while (std::getline(in, line)) {
    std::string v;
    if (field("expect", v)) e.verdict = v;
    else if (field("case", v)) e.case_name = v;
    else if (field("message", v)) e.messages.push_back(v);
    else if (field("absent", v)) e.absent.push_back(v);
    else if (field("requires", v)) {
      e.needs_confinement = v == "confinement";
      e.needs_sandbox = v == "sandbox";
    }
  }
  return e;
}

void check_file(const fs::path& file) {
  const Expectation want = read_expectation(file);
  INFO("corpus file: " << file.string());
  REQUIRE(!want.verdict.empty());
  REQUIRE(grading::verdict_from_string(want.verdict).has_value());
  const bool jailed = sandbox::isolation().sandbox && !sandbox::isolation().unsandboxed;
  if (want.needs_sandbox && !jailed) {
    skip("grading is not sandboxed here (" + sandbox::isolation().problem + "), which " + file.string() + " requires");
  }
  if (want.needs_confinement && !jailed) {
    const auto c = sandbox::available_confinement();
    if (!c.filesystem || !c.syscalls)
      skip("this kernel lacks Landlock or seccomp, which " + file.string() + " requires");
  }
  const auto& tc = compile::toolchain();
  if (!tc.flavors.count(want.flavor))
    skip("the " + want.flavor + " flavor is not built here (its libraries were not found when configuring; "
         "scripts/setup.sh installs them), so " + file.string() + " cannot be graded");
  const grading::Report r = grading::grade(want.exercise, want.flavor, file.string(), cases::cases_for(want.exercise),
                                           project::paths().test_work_dir());
  const grading::CaseResult* first = r.first_failing();
  const std::string message = first ? first->message : r.build.output + r.build.explanation;
  INFO("got verdict " << to_string(r.verdict) << (first ? " in case " + first->name : "") << ":\n" << message);
  CHECK(to_string(r.verdict) == want.verdict);
  if (!want.case_name.empty()) {
    REQUIRE(first != nullptr);
    CHECK(first->name == want.case_name);
  }
  for (const auto& m : want.messages) {
    INFO("expected the message to contain: " << m);
    CHECK(lower(message).find(lower(m)) != std::string::npos);
  }
  for (const auto& m : want.absent) {
    INFO("expected the message NOT to contain: " << m);
    CHECK(lower(message).find(lower(m)) == std::string::npos);
  }
  // Calibration of the gradient threshold (README "Gradient check"): correct code stays
  // 100× below it, a wrong gradient lands 100× above it.
  for (const auto& c : r.cases) {
    for (const auto& g : c.gradients) {
      std::cout << "gradient-error " << file.filename().string() << " " << c.name << " " << g.param
                << " own=" << g.rel_error_own << " reference=" << g.rel_error_reference << "\n";
      if (want.verdict == "accepted") {
        INFO(c.name << " " << g.param);
        CHECK(g.rel_error_own <= grading::kGradientThreshold / 100);
        CHECK(g.rel_error_reference <= grading::kGradientThreshold / 100);
      }
    }
    const bool shape_failure = c.comparison && (c.comparison->problem == "shape" || c.comparison->problem == "undefined");  // no error to calibrate
    if (want.verdict == "gradient_mismatch" && &c == first && !shape_failure) {
      double worst = 0;
      for (const auto& g : c.gradients) worst = std::max({worst, g.rel_error_own, g.rel_error_reference});
      INFO("largest gradient error in the failing case: " << worst);
      CHECK((c.gradients.empty() || worst >= grading::kGradientThreshold * 100));
    }
  }
}

}  // namespace

TEST_CASE("Each corpus file gets the verdict and diagnosis its header declares", "[corpus]") {
  const char* one = std::getenv("MLDRILL_CORPUS_FILE");
  REQUIRE(one != nullptr);
  check_file(one);
}
