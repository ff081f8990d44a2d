// Reads exercise folders; the registry (harness/cases/registry.cpp) says which exist.
#include "catalog/catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compile/toolchain.hpp"
#include "project/paths.hpp"

namespace fs = std::filesystem;

namespace mldrill::catalog {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  if (!in) return "";
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Exercise load(const std::string& id) {
  Exercise e;
  e.id = id;
  e.dir = project::paths().exercise_dir(id);
  const std::string meta = e.dir + "/exercise.json";
  try {
    auto j = nlohmann::json::parse(slurp(meta));
    e.title = j.at("title");
    e.summary = j.value("summary", "");
    e.target_minutes = j.at("target_minutes");
    e.implement = j.at("implement").get<std::vector<std::string>>();
    const nlohmann::json refused = j.value("refused", nlohmann::json::object());
    for (const auto& [flavor, r] : refused.items())
      e.refused[flavor] = {r.at("symbols").get<std::vector<std::string>>(), r.at("message").get<std::string>()};
  } catch (const std::exception& ex) {
    throw std::runtime_error(meta + ": " + ex.what());
  }
  for (const char* f : {"eigen", "xtensor", "torch", "cpp"})
    if (fs::exists(e.stub_path(f))) e.stub_flavors.push_back(f);
  return e;
}

}  // namespace

std::vector<std::string> Exercise::hints() const {
  std::istringstream in(slurp(dir + "/hints.md"));
  std::vector<std::string> out;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      out.emplace_back();
      inside = true;
      continue;
    }
    if (inside) out.back() += line + "\n";
  }
  for (auto& h : out) {
    while (!h.empty() && (h.back() == '\n' || h.back() == ' ')) h.pop_back();
    while (!h.empty() && h.front() == '\n') h.erase(0, 1);
  }
  return out;
}

std::string Exercise::followup() const {
  std::string text = slurp(dir + "/followup.md");
  if (text.rfind("# ", 0) == 0) text = text.substr(text.find('\n') + 1);
  while (!text.empty() && text.front() == '\n') text.erase(0, 1);
  return text;
}

const std::vector<std::string>& drill_ids() {
  static const std::vector<std::string> ids = {
#define MLDRILL_DRILL(id) #id,
#include "catalog/drills.def"
#undef MLDRILL_DRILL
  };
  return ids;
}

const std::vector<Exercise>& exercises() {
  static const std::vector<Exercise> all = [] {
    std::vector<Exercise> v;
    for (const auto& id : drill_ids()) v.push_back(load(id));
    return v;
  }();
  return all;
}

const Exercise& exercise(const std::string& id) {
  for (const auto& e : exercises())
    if (e.id == id) return e;
  std::string known;
  for (const auto& e : exercises()) known += (known.empty() ? "" : ", ") + e.id;
  throw UnknownExercise("unknown exercise '" + id + "' (known: " + known + ")");
}

std::vector<std::string> gradable_flavors(const Exercise& e) {
  std::vector<std::string> out;
  for (const auto& f : e.stub_flavors)
    if (compile::toolchain().flavors.count(f)) out.push_back(f);
  return out;
}

std::string default_flavor(const Exercise& e) {
  if (e.stub_flavors.empty()) throw std::runtime_error(e.dir + "/stubs has no stub: the drill has no flavor");
  const auto& f = e.stub_flavors;
  return std::find(f.begin(), f.end(), "eigen") != f.end() ? "eigen" : f.front();
}

std::string choose_flavor(const Exercise& e, const std::string& asked) {
  const std::string flavor = asked.empty() ? default_flavor(e) : asked;
  const auto gradable = gradable_flavors(e);
  if (std::find(gradable.begin(), gradable.end(), flavor) != gradable.end()) return flavor;
  std::string has;
  for (const auto& f : e.stub_flavors) has += (has.empty() ? "" : ", ") + f;
  const bool stub = std::find(e.stub_flavors.begin(), e.stub_flavors.end(), flavor) != e.stub_flavors.end();
  std::string missing;  // flavors with a stub that this build lacks the libraries of
  for (const auto& f : e.stub_flavors)
    if (std::find(gradable.begin(), gradable.end(), f) == gradable.end()) missing += (missing.empty() ? "" : ", ") + f;
  if (stub)
    throw UnknownFlavor(e.id + " has a " + flavor + " flavor, but this build cannot grade it (its libraries were not "
                        "found when it was configured; scripts/setup.sh installs them)");
  throw UnknownFlavor(e.id + " has no " + flavor + " flavor; its flavors: " + has +
                      (missing.empty() ? "" : " (not in this build: " + missing + ")"));
}

}  // namespace mldrill::catalog
