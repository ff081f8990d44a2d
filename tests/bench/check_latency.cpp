// Check latency: the edit → verdict loop, measured through the real `mldrill check`.
// For each drill and flavor given (default: every gradable pair), a fresh edit of the
// reference solution (so nothing is cached) is checked N times; prints median compile,
// link, run and end-to-end wall time. Refuses to time a file that is not accepted.
//   usage: check_latency [runs=5] [exercise/flavor ...]
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bench.hpp"
#include "catalog/catalog.hpp"
#include "project/paths.hpp"

namespace fs = std::filesystem;
using namespace mldrill;

namespace {

std::string reference_solution(const std::string& exercise, const std::string& flavor) {
  const std::string root = std::string(MLDRILL_SOURCE_DIR) + "/reference/";
  const bool by_default = flavor == catalog::default_flavor(catalog::exercise(exercise));  // reference/<id>.cpp
  return by_default ? root + exercise + ".cpp" : root + flavor + "/" + exercise + ".cpp";
}

std::string run_capture(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    pairs.emplace_back(a.substr(0, a.find('/')), a.substr(a.find('/') + 1));
  }
  if (pairs.empty())
    for (const auto& e : catalog::exercises())
      for (const auto& f : catalog::gradable_flavors(e)) pairs.emplace_back(e.id, f);

  const std::string bin = project::paths().mldrill_binary();
  const fs::path tmp = fs::temp_directory_path() / "mldrill-check-latency";
  fs::create_directories(tmp);
  std::printf("%-22s %8s %8s %8s %8s %8s   (median of %d uncached checks; cached = same file again)\n", "drill",
              "compile", "link", "run", "total", "cached", runs);
  for (const auto& [exercise, flavor] : pairs) {
    const std::string src = reference_solution(exercise, flavor);
    if (!fs::exists(src)) continue;
    std::ifstream in(src);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    // The reference solutions include their contract header by a relative path: edit a
    // copy of the whole reference tree, outside the sources.
    const fs::path copy = tmp / "reference";
    fs::remove_all(copy);
    fs::copy(std::string(MLDRILL_SOURCE_DIR) + "/reference", copy, fs::copy_options::recursive);
    const std::string dir = (copy / fs::relative(fs::path(src).parent_path(), std::string(MLDRILL_SOURCE_DIR) + "/reference")).string();
    std::vector<double> compile, link, run, total, cached;
    for (int r = 0; r < runs; ++r) {
      const fs::path file = fs::path(dir) / fmt::format("latency-{}-{}.cpp", exercise, r);
      std::ofstream(file) << text << "\n// latency run " << std::chrono::steady_clock::now().time_since_epoch().count()
                          << "\n";
      const std::string cmd = fmt::format("MLDRILL_HOME={} {} check {} --file {} --flavor {} --json 2>/dev/null",
                                          tmp.string(), bin, exercise, file.string(), flavor);
      for (int pass = 0; pass < 2; ++pass) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto j = nlohmann::json::parse(run_capture(cmd));
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        bench::require(j["verdict"] == "accepted", exercise + "/" + flavor + " reference is " + j["verdict"].get<std::string>());
        if (pass == 0) {
          compile.push_back(j["compile"]["compile_seconds"]);
          link.push_back(j["compile"]["link_seconds"]);
          run.push_back(j["run_seconds"]);
          total.push_back(wall);
        } else {
          cached.push_back(wall);
        }
      }
      fs::remove(file);
    }
    std::printf("%-22s %7.2fs %7.2fs %7.2fs %7.2fs %7.2fs\n", (exercise + "/" + flavor).c_str(), median(compile),
                median(link), median(run), median(total), median(cached));
  }
  return 0;
}
