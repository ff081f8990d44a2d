// Candidate build: snapshot the file, refuse includes of anything but standard and library
// headers, compile the snapshot and link it with the runner inside the jail, and cache the
// executable under everything that went in (the snapshot's bytes, compiler, flags, PCH, runner).
#include "compile/compiler.hpp"

#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "compile/symbol_rules.hpp"
#include "compile/includes.hpp"
#include "compile/toolchain.hpp"
#include "project/paths.hpp"
#include "sandbox/jail.hpp"
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

namespace {

// Version of the build rules: a change to them (the include rule) invalidates older builds.
constexpr const char* kBuildRules = "rules-2: snapshot, include rule, jail";

// Directories named by -isystem/-I in `flags`: the library headers a candidate may include.
std::vector<std::string> include_dirs(const std::vector<std::string>& flags) {
  std::vector<std::string> dirs;
  for (size_t i = 0; i < flags.size(); ++i) {
    if ((flags[i] == "-isystem" || flags[i] == "-I") && i + 1 < flags.size()) dirs.push_back(flags[++i]);
    else if (flags[i].rfind("-isystem", 0) == 0 && flags[i].size() > 8) dirs.push_back(flags[i].substr(8));
    else if (flags[i].rfind("-I", 0) == 0 && flags[i].size() > 2) dirs.push_back(flags[i].substr(2));
  }
  return dirs;
}

// Library directories named by -L in `flags` (the linker reads them).
std::vector<std::string> library_dirs(const std::vector<std::string>& flags) {
  std::vector<std::string> dirs;
  for (const auto& f : flags)
    if (f.rfind("-L", 0) == 0 && f.size() > 2) dirs.push_back(f.substr(2));
  return dirs;
}

bool under_usr(const std::string& p) { return fs::path(p).lexically_normal().string().rfind("/usr/", 0) == 0; }

// The compiler's and linker's limits: a template bomb, an endless include or a flood of
// errors ends with a message instead of holding the machine.
constexpr double kCompileWallSeconds = 300;
sandbox::CommandLimits compiler_limits() {
  sandbox::CommandLimits l;
  l.wall_seconds = kCompileWallSeconds;
  l.cpu_seconds = 240;
  l.address_space_bytes = 6ull << 30;
  l.file_size_bytes = 1ull << 30;
  l.output_bytes = 4u << 20;
  return l;
}

// Plain words for a compiler that a limit stopped.
std::string limit_explanation(const sandbox::CommandResult& r, const std::string& tool) {
  if (r.timed_out) return "the " + tool + " ran for more than 300 s on this file and was stopped";
  if (r.output_limit) return "the " + tool + " printed more than 4 MiB about this file and was stopped";
  if (r.signal == SIGXCPU) return "the " + tool + " used more than 240 s of CPU time on this file and was stopped";
  if (r.signal == SIGXFSZ) return "the " + tool + " wrote a file larger than 1 GiB and was stopped";
  if (r.exit_code < 0) return "the " + tool + " was killed (out of memory on this file?)";
  return "";
}

}  // namespace

BuildResult build_candidate(const std::string& source_path, const std::string& exercise,
                            const std::string& flavor, const std::string& cache_root) {
  const Toolchain& tc = toolchain();
  auto ft = tc.flavors.find(flavor);
  if (ft == tc.flavors.end()) throw std::runtime_error("this build has no " + flavor + " flavor");
  const std::string runner = project::paths().runner_library(exercise, flavor);
  if (!fs::exists(runner))
    throw std::runtime_error("the grader for " + exercise + " (" + flavor + ") is not built: missing " + runner);
  sandbox::require_isolation();  // refuses (exit 4) or warns, before anything runs
  const std::string abs_source = fs::absolute(source_path).string();
  // The snapshot: these bytes are hashed, compiled and graded, whatever happens to the file next.
  const std::string source = read_file(abs_source);
  const std::string name = fs::path(abs_source).filename().string();
  // The drill's contract header (declarations only, as the stub has them): the one quoted
  // include allowed, copied next to the snapshot.
  const fs::path contract_src = project::paths().reference_header(exercise);
  const std::string contract_name = flavor == "eigen" && fs::exists(contract_src) ? exercise + ".hpp" : "";
  const std::string contract = contract_name.empty() ? "" : read_file(contract_src.string());

  const FlavorToolchain& flav = ft->second;
  std::error_code ec;
  const std::string compiler_real = fs::canonical(flav.compiler, ec).string();
  std::string key_material = std::string(kBuildRules) + '\n' + flav.compiler + " -> " + compiler_real + ' ' +
                             stamp(compiler_real) + '\n' + abs_source + '\n' + stamp(runner) + '\n' + stamp(flav.pch) +
                             '\n';
  for (const auto& f : flav.compile_flags) key_material += f + ' ';
  key_material += '\n';
  for (const auto& f : flav.link_flags) key_material += f + ' ';
  key_material += "\ncontract " + std::to_string(contract.size()) + '\n' + contract + "\nsource " +
                  std::to_string(source.size()) + '\n' + source;
  char key[17];
  std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(fnv1a(key_material)));

  BuildResult res;
  const fs::path dir = fs::path(cache_root) / (exercise + "-" + flavor + "-" + key);
  res.executable = (dir / "candidate").string();
  // A hit only when every input is byte-for-byte the same (a 64-bit hash can be forced to collide).
  if (fs::exists(res.executable) && fs::exists(dir / "inputs") && read_file((dir / "inputs").string()) == key_material) {
    res.ok = res.cached = true;
    if (const fs::path out = dir / "compiler-output.txt"; fs::exists(out)) {
      res.output = read_file(out.string());  // its warnings, as on the first build
      res.diagnostics = parse_diagnostics(res.output);
    }
    return res;
  }
  if (auto refused = refused_include(source, contract_name)) {
    res.stage = "compile";
    res.explanation = *refused;
    res.output = *refused + "\n";
    return res;
  }
  fs::create_directories(cache_root);
  std::string tmpl = (fs::path(cache_root) / "build-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a build directory in " + cache_root);
  const fs::path tmp(tmpl);
  struct RemoveUnlessPublished {
    fs::path dir;
    ~RemoveUnlessPublished() {
      std::error_code ec;
      if (!dir.empty()) fs::remove_all(dir, ec);
    }
  } cleanup{tmp};
  const std::string snapshot = (tmp / name).string();
  std::ofstream(snapshot, std::ios::binary) << source;
  if (!contract_name.empty()) std::ofstream(tmp / contract_name, std::ios::binary) << contract;
  std::ofstream(tmp / "inputs", std::ios::binary) << key_material;
  // The compiler's words name the user's file, not the snapshot.
  auto as_user_path = [&](std::string text) {
    for (size_t at = 0; (at = text.find(snapshot, at)) != std::string::npos; at += abs_source.size())
      text.replace(at, snapshot.size(), abs_source);
    return text;
  };

  // The compiler sees /usr, the flavor's header directories and PCH, and the build directory.
  const std::string pch_dir = flav.pch.empty() ? "" : fs::path(flav.pch).parent_path().string();
  std::vector<std::string> header_dirs{"/usr"};
  for (const auto& d : include_dirs(flav.compile_flags)) header_dirs.push_back(d);
  if (!pch_dir.empty()) header_dirs.push_back(pch_dir);
  sandbox::JailSpec jail;
  for (const auto& d : header_dirs)
    if (!under_usr(d) && fs::exists(d)) jail.read_only.push_back(d);
  jail.writable = {tmp.string()};
  jail.chdir = tmp.string();

  std::vector<std::string> cc{flav.compiler};
  cc.insert(cc.end(), flav.compile_flags.begin(), flav.compile_flags.end());
  cc.insert(cc.end(), {"-MD", "-MF", (tmp / "deps.d").string(), "-c", snapshot, "-o", (tmp / "candidate.o").string()});
  auto c = sandbox::run_confined(jail, cc, compiler_limits());
  res.compile_seconds = c.seconds;
  res.output = as_user_path(c.output);
  if (c.exit_code != 0) {
    res.stage = "compile";
    res.diagnostics = parse_diagnostics(res.output);
    res.explanation = limit_explanation(c, "compiler");
    return res;
  }
  res.diagnostics = parse_diagnostics(res.output);  // warnings
  // Every file the compiler opened: the snapshot, the contract header, library headers.
  std::vector<std::string> own{snapshot};
  if (!contract_name.empty()) own.push_back((tmp / contract_name).string());
  if (auto outside = outside_dependency(dependency_files(read_file((tmp / "deps.d").string())), own, header_dirs)) {
    res.stage = "compile";
    res.explanation = "your file includes " + *outside +
                      ", which is not a standard or library header: a candidate file may include only "
                      "standard and library headers (#include <...>)";
    res.output += res.explanation + "\n";
    return res;
  }
  if (auto called = forbidden_call((tmp / "candidate.o").string(), flav.forbidden_symbols)) {
    res.stage = "check";
    res.explanation = flav.forbidden_message + " (your code calls " + *called + ")";
    res.output += res.explanation + "\n";
    return res;
  }

  std::vector<std::string> ld{flav.compiler, (tmp / "candidate.o").string(), runner, "-o",
                              (tmp / "candidate").string()};
  ld.insert(ld.end(), flav.link_flags.begin(), flav.link_flags.end());
  sandbox::JailSpec link_jail = jail;
  link_jail.read_only.push_back(runner);
  for (const auto& d : library_dirs(flav.link_flags))
    if (!under_usr(d) && fs::exists(d)) link_jail.read_only.push_back(d);
  auto l = sandbox::run_confined(link_jail, ld, compiler_limits());
  res.link_seconds = l.seconds;
  if (l.exit_code != 0) {
    res.stage = "link";
    res.output += as_user_path(l.output);
    res.explanation = explain_link_failure(l.output);
    if (res.explanation.empty()) res.explanation = limit_explanation(l, "linker");
    return res;
  }
  std::ofstream(tmp / "compiler-output.txt") << res.output;
  fs::rename(tmp, dir, ec);  // atomic publish; a concurrent identical build may have won
  const bool same_inputs_there = ec && fs::exists(dir / "inputs") && read_file((dir / "inputs").string()) == key_material;
  if (!ec || !same_inputs_there) cleanup.dir.clear();
  // Not published and the key holds other inputs (a forced hash collision): grade this build
  // from its own directory.
  if (ec && !same_inputs_there) res.executable = (tmp / "candidate").string();
  res.ok = true;
  return res;
}

}  // namespace mldrill::compile
