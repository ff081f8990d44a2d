// The notebooks run headless (jupyter nbconvert --execute) on the sample history and on
// traces made by `mldrill trace`; a cell that raises fails the test. Every trace has
// its notebook. Jupyter comes from scripts/setup.sh (Debian's packages, /usr/bin/python3);
// without it these tests fail, never skip.
#include <catch2/catch.hpp>

#include "sample_history.hpp"
#include "trace/trace.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kNotebooks = fs::path(MLDRILL_SOURCE_DIR) / "notebooks";

// Makes every trace with the real command into `dir`.
void make_traces(const fs::path& dir) {
  fs::create_directories(dir);  // trace --out never creates a directory
  for (const auto& k : mldrill::trace::kinds()) {
    const auto r = sample::shell(sample::mldrill_binary() + " trace " + k.name + " --out " +
                                 sample::quote((dir / (k.name + ".json")).string()));
    INFO(r.text);
    REQUIRE(r.status == 0);
  }
}

// Executes one notebook; returns the executed copy, parsed.
nlohmann::json execute(const std::string& name, const fs::path& home, const fs::path& traces) {
  const fs::path out = home / "executed";
  fs::create_directories(out);
  const auto r = sample::shell(
      "cd " + sample::quote(kNotebooks.string()) + " && MLDRILL_HOME=" + sample::quote(home.string()) +
      " MLDRILL_TRACES=" + sample::quote(traces.string()) + " MLDRILL_BIN=/nonexistent MPLBACKEND=Agg HOME=" +
      sample::quote(home.string()) + " JUPYTER_PLATFORM_DIRS=1 timeout 300 /usr/bin/python3 -m nbconvert --to notebook "
      "--execute --ExecutePreprocessor.timeout=240 --output-dir " + sample::quote(out.string()) + " " + name + ".ipynb");
  INFO("jupyter nbconvert on notebooks/" << name << ".ipynb (scripts/setup.sh installs jupyter):\n" << r.text);
  REQUIRE(r.status == 0);
  std::ifstream in(out / (name + ".ipynb"));
  return nlohmann::json::parse(in);
}

int count_images(const nlohmann::json& notebook) {
  int n = 0;
  for (const auto& cell : notebook["cells"])
    if (cell.contains("outputs"))
      for (const auto& o : cell["outputs"]) n += o.contains("data") && o["data"].contains("image/png");
  return n;
}

}  // namespace

TEST_CASE("Every trace has a notebook that plots it", "[notebooks]") {
  for (const auto& k : mldrill::trace::kinds()) {
    INFO(k.name);
    CHECK(fs::exists(kNotebooks / (k.name + ".ipynb")));
  }
  CHECK(fs::exists(kNotebooks / "progress.ipynb"));
}

// Oracle: the executed notebook holds a plot for each chart cell (nbconvert already
// failed the run if any cell raised).
TEST_CASE("The progress notebook runs on the sample history and draws its charts", "[notebooks]") {
  const auto home = sample::home_with_sample_history("notebooks-progress");
  const auto executed = execute("progress", home, home / "no-traces");
  CHECK(count_images(executed) == 3);  // time per attempt, checks to pass, recurring failures
}

TEST_CASE("Each algorithm notebook runs on traces from mldrill trace and draws its plots", "[notebooks]") {
  const auto home = sample::home_with_sample_history("notebooks-traces");
  const fs::path traces = home / "traces";
  make_traces(traces);
  for (const auto& k : mldrill::trace::kinds()) {
    INFO(k.name);
    CHECK(count_images(execute(k.name, home, traces)) >= 1);
  }
}
