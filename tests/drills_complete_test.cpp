// Every registered drill is complete in every layer, and nothing outside the registry
// looks like a drill. Oracle: the registry (harness/catalog/drills.def) and the README's layout —
// exercises/<id>/{README.md, exercise.json, hints.md, followup.md, stubs/<flavor>.cpp},
// reference/<id>.{hpp,cpp} (in the drill's default flavor: eigen, or its only one) and
// reference/<flavor>/<id>.cpp for its other flavors, harness/cases/<id>.cpp,
// harness/runner/drills/<id>.def, tests/corpus/<id>/<flavor>/,
// and a "- `<id>` N min" line in README.md's drill list.
// A drill offers a flavor when any of those per-flavor files exists; then all must exist.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "cases/registry.hpp"
#include "catalog/catalog.hpp"

namespace fs = std::filesystem;
using namespace mldrill;

namespace {

const fs::path kRoot = MLDRILL_SOURCE_DIR;

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The files that make a drill gradable in one flavor, each named by what it is. The drill's
// default flavor (eigen, or its only one) has its reference at reference/<id>.cpp.
std::vector<std::pair<std::string, fs::path>> flavor_layers(const std::string& id, const std::string& flavor) {
  const bool by_default = flavor == catalog::default_flavor(catalog::exercise(id));
  const fs::path reference = by_default ? kRoot / "reference" / (id + ".cpp")
                                        : kRoot / "reference" / flavor / (id + ".cpp");
  return {{"stub", kRoot / "exercises" / id / "stubs" / (flavor + ".cpp")},
          {"reference", reference},
          {"corpus folder", kRoot / "tests" / "corpus" / id / flavor}};
}

// The project's flavors: every stub's name in any drill, and every folder of reference/.
std::vector<std::string> project_flavors() {
  std::set<std::string> out;
  for (const auto& ex : fs::directory_iterator(kRoot / "exercises"))
    if (fs::is_directory(ex.path() / "stubs"))
      for (const auto& stub : fs::directory_iterator(ex.path() / "stubs")) out.insert(stub.path().stem().string());
  for (const auto& e : fs::directory_iterator(kRoot / "reference"))
    if (e.is_directory()) out.insert(e.path().filename().string());
  return {out.begin(), out.end()};
}

std::set<std::string> subfolders(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory()) out.insert(e.path().filename().string());
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool has_cpp_file(const fs::path& dir) {
  if (!fs::is_directory(dir)) return false;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".cpp") return true;
  return false;
}

}  // namespace

TEST_CASE("Every registered drill has its statement, metadata, hints, follow-ups and cases", "[drills]") {
  REQUIRE(!catalog::drill_ids().empty());
  for (const auto& id : catalog::drill_ids()) {
    INFO("drill " << id << " (registered in harness/catalog/drills.def)");
    const fs::path dir = kRoot / "exercises" / id;
    for (const char* f : {"README.md", "exercise.json", "hints.md", "followup.md"}) {
      INFO("missing exercises/" << id << "/" << f);
      CHECK(fs::is_regular_file(dir / f));
    }
    const auto meta = nlohmann::json::parse(read_text(dir / "exercise.json"), nullptr, false);
    REQUIRE(!meta.is_discarded());
    CHECK(meta.value("id", id) == id);
    CHECK(!cases::cases_for(id).empty());
  }
  // The catalog loads every drill's metadata (it throws on a missing or malformed field).
  const auto& exercises = catalog::exercises();
  REQUIRE(exercises.size() == catalog::drill_ids().size());
  for (const auto& e : exercises) {
    INFO("drill " << e.id);
    CHECK(!e.title.empty());
    CHECK(e.target_minutes > 0);
    CHECK(!e.implement.empty());
    CHECK(!e.hints().empty());
    CHECK(!e.followup().empty());
  }
}

TEST_CASE("Every registered drill has its reference contract, its default flavor's stub and every layer of each "
          "flavor it offers",
          "[drills]") {
  const auto flavors = project_flavors();
  REQUIRE(std::count(flavors.begin(), flavors.end(), "eigen") == 1);
  for (const auto& id : catalog::drill_ids()) {
    INFO("drill " << id);
    CHECK(fs::is_regular_file(kRoot / "reference" / (id + ".hpp")));
    CHECK(fs::is_regular_file(kRoot / "harness" / "cases" / (id + ".cpp")));
    CHECK(fs::is_regular_file(kRoot / "harness" / "runner" / "drills" / (id + ".def")));
    // eigen when the drill has it; a drill without eigen (cpp only) has exactly one flavor.
    const auto& e = catalog::exercise(id);
    REQUIRE(!e.stub_flavors.empty());
    const std::string default_flavor = catalog::default_flavor(e);
    CHECK(fs::is_regular_file(kRoot / "exercises" / id / "stubs" / (default_flavor + ".cpp")));
    if (default_flavor != "eigen") CHECK(e.stub_flavors == std::vector<std::string>{default_flavor});
    for (const auto& flavor : flavors) {
      const auto layers = flavor_layers(id, flavor);
      std::vector<std::string> present, missing;
      for (const auto& [what, path] : layers) {
        const bool there = what == "corpus folder" ? has_cpp_file(path) : fs::is_regular_file(path);
        (there ? present : missing).push_back(what + " " + fs::relative(path, kRoot).string());
      }
      INFO("the " << flavor << " flavor has " << present.size() << " of its " << layers.size()
                  << " layers; missing: " << joined(missing));
      CHECK((present.empty() || missing.empty()));
    }
  }
}

TEST_CASE("Nothing outside the registry looks like a drill", "[drills]") {
  const auto& ids = catalog::drill_ids();
  const std::set<std::string> registered(ids.begin(), ids.end());
  for (const auto& dir : {kRoot / "exercises", kRoot / "tests" / "corpus"})
    for (const auto& name : subfolders(dir)) {
      INFO(fs::relative(dir / name, kRoot).string() << " is not a registered drill (harness/catalog/drills.def)");
      CHECK(registered.count(name) == 1);
    }
  // Per-drill files: <dir>/<id><extension>. Shared files of those folders are named here.
  const std::set<std::string> shared = {"registry", "inputs"};
  std::vector<std::pair<fs::path, std::string>> per_drill = {{kRoot / "harness" / "runner" / "drills", ".def"},
                                                              {kRoot / "harness" / "cases", ".cpp"}};
  for (const auto& flavor : project_flavors()) per_drill.push_back({kRoot / "reference" / flavor, ".cpp"});
  for (const auto& [dir, extension] : per_drill) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != extension || shared.count(e.path().stem().string())) continue;
      INFO(fs::relative(e.path(), kRoot).string() << " belongs to a drill that is not registered");
      CHECK(registered.count(e.path().stem().string()) == 1);
    }
  }
}

// README.md lists each drill as "- `<id>` <target> min — ..." with exercise.json's target.
TEST_CASE("README.md's drill list names every registered drill with its target", "[drills]") {
  std::map<std::string, std::string> listed;  // id -> minutes as written
  const std::regex entry(R"(^- `([a-z0-9_]+)` ([0-9.]+) min\b)");
  std::istringstream lines(read_text(kRoot / "README.md"));
  std::smatch m;
  for (std::string line; std::getline(lines, line);)
    if (std::regex_search(line, m, entry)) listed[m[1]] = m[2];
  for (const auto& e : catalog::exercises()) {
    INFO("README.md has no line \"- `" << e.id << "` " << e.target_minutes << " min — ...\" in its drill list");
    REQUIRE(listed.count(e.id) == 1);
    CHECK(std::stod(listed[e.id]) == e.target_minutes);
  }
}

// exercise.json's "implement" (what `mldrill start` lists, in grading order) names exactly the
// functions of the drill's description, the file its adapters and cases are built from.
TEST_CASE("Each drill's exercise.json lists the functions of its description, in order", "[drills]") {
  const std::regex function_line(R"(^MLDRILL_FUNCTION\(([a-z_0-9]+))");
  for (const auto& e : catalog::exercises()) {
    std::vector<std::string> described;
    std::istringstream lines(read_text(kRoot / "harness" / "runner" / "drills" / (e.id + ".def")));
    std::smatch m;
    for (std::string line; std::getline(lines, line);)
      if (std::regex_search(line, m, function_line)) described.push_back(m[1]);
    INFO("drill " << e.id << ": exercise.json implements " << joined(e.implement) << "; harness/runner/drills/"
                  << e.id << ".def binds " << joined(described));
    CHECK(e.implement == described);
  }
}
