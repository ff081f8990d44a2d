// Loads tests/fixtures/sample_history.json into a history database through the Store
// API (the same rules as real use), and runs shell commands for the report and
// notebook tests.
#pragma once
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "history/store.hpp"

namespace sample {

inline nlohmann::json fixture() {
  std::ifstream in(std::string(MLDRILL_SOURCE_DIR) + "/tests/fixtures/sample_history.json");
  return nlohmann::json::parse(in);
}

// A fresh data directory (an MLDRILL_HOME) holding the sample history.
inline std::filesystem::path home_with_sample_history(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mldrill-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  mldrill::history::Database db((dir / "history.sqlite3").string());
  mldrill::history::Store store(db);
  const auto f = fixture();
  const double base = f["base_time"];
  for (const auto& a : f["attempts"]) {
    const double t0 = base + a["start"].get<double>();
    const std::string ex = a["exercise"];
    auto [attempt, abandoned] = store.start(ex, a["flavor"], "/sample/" + ex + ".cpp", a["target_minutes"],
                                            std::string("// left as it was"), t0);
    for (const auto& p : a["pauses"]) {
      store.pause(attempt.id, t0 + p[0].get<double>());
      store.resume(attempt.id, t0 + p[1].get<double>());
    }
    for (const auto& c : a["checks"])
      store.record_check(attempt.id, {c[1], c[2], 1.0, 0.2, "// source", "{}"}, t0 + c[0].get<double>());
  }
  return dir;
}

struct Output {
  int status = -1;
  std::string text;  // stdout and stderr together
};

// Runs a shell command line; its output comes back with its exit status.
inline Output shell(const std::string& command) {
  Output o;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return o;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) o.text.append(buf.data(), n);
  const int rc = pclose(p);
  o.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + WTERMSIG(rc);
  return o;
}

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline const std::string& mldrill_binary() {
  static const std::string b = std::string(MLDRILL_BUILD_DIR) + "/harness/mldrill";
  return b;
}

}  // namespace sample
