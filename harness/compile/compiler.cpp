// Candidate build: compile with the flavor's flags (assertions on, precompiled prelude),
// link with the runner, cache the executable under a hash of everything that went in.
#include "compile/compiler.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "compile/symbol_rules.hpp"
#include "compile/toolchain.hpp"
#include "sandbox/run_command.hpp"

namespace fs = std::filesystem;

namespace mldrill::compile {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

uint64_t fnv1a(const std::string& s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string stamp(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return "missing";
  return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}


}  // namespace

BuildResult build_candidate(const std::string& source_path, const std::string& exercise,
                            const std::string& flavor, const std::string& cache_root) {
  const Toolchain& tc = toolchain();
  auto ft = tc.flavors.find(flavor);
  if (ft == tc.flavors.end()) throw std::runtime_error("this build has no " + flavor + " flavor");
  const std::string runner = tc.runner_library(exercise, flavor);
  if (!fs::exists(runner))
    throw std::runtime_error("the grader for " + exercise + " (" + flavor + ") is not built: missing " + runner);
  const std::string abs_source = fs::absolute(source_path).string();
  const std::string source = read_file(abs_source);

  const FlavorToolchain& flav = ft->second;
  std::string key_material = flav.compiler + '\n' + abs_source + '\n' + source + '\n' + stamp(runner) + '\n' +
                             stamp(ft->second.pch);
  for (const auto& f : ft->second.compile_flags) key_material += f + ' ';
  for (const auto& f : ft->second.link_flags) key_material += f + ' ';
  char key[17];
  std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(fnv1a(key_material)));

  BuildResult res;
  const fs::path dir = fs::path(cache_root) / (exercise + "-" + flavor + "-" + key);
  res.executable = (dir / "candidate").string();
  if (fs::exists(res.executable)) {
    res.ok = res.cached = true;
    if (const fs::path out = dir / "compiler-output.txt"; fs::exists(out)) {
      res.output = read_file(out.string());  // its warnings, as on the first build
      res.diagnostics = parse_diagnostics(res.output);
    }
    return res;
  }
  fs::create_directories(cache_root);
  std::string tmpl = (fs::path(cache_root) / "build-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a build directory in " + cache_root);
  const fs::path tmp(tmpl);

  std::vector<std::string> cc{flav.compiler};
  cc.insert(cc.end(), ft->second.compile_flags.begin(), ft->second.compile_flags.end());
  cc.insert(cc.end(), {"-c", abs_source, "-o", (tmp / "candidate.o").string()});
  auto c = sandbox::run_command(cc, 300, 6ull << 30);
  res.compile_seconds = c.seconds;
  res.output = c.output;
  if (c.exit_code != 0) {
    res.stage = "compile";
    res.diagnostics = parse_diagnostics(c.output);
    if (c.timed_out) res.explanation = "the compiler ran for more than 300 s on this file";
    else if (c.exit_code < 0 && res.diagnostics.empty())
      res.explanation = "the compiler was killed (out of memory on this file?)";
    fs::remove_all(tmp);
    return res;
  }
  res.diagnostics = parse_diagnostics(c.output);  // warnings
  if (auto called = forbidden_call((tmp / "candidate.o").string(), flav.forbidden_symbols)) {
    res.stage = "check";
    res.explanation = flav.forbidden_message + " (your code calls " + *called + ")";
    res.output += res.explanation + "\n";
    fs::remove_all(tmp);
    return res;
  }

  std::vector<std::string> ld{flav.compiler, (tmp / "candidate.o").string(), runner, "-o",
                              (tmp / "candidate").string()};
  ld.insert(ld.end(), ft->second.link_flags.begin(), ft->second.link_flags.end());
  auto l = sandbox::run_command(ld, 300);
  res.link_seconds = l.seconds;
  if (l.exit_code != 0) {
    res.stage = "link";
    res.output += l.output;
    res.explanation = explain_link_failure(l.output);
    fs::remove_all(tmp);
    return res;
  }
  std::ofstream(tmp / "compiler-output.txt") << c.output;
  std::error_code ec;
  fs::rename(tmp, dir, ec);  // atomic publish; a concurrent identical build may have won
  if (ec) fs::remove_all(tmp);
  res.ok = true;
  return res;
}

}  // namespace mldrill::compile
