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

#include "catalog/catalog.hpp"
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

namespace {

// What goes into one build, read once: the snapshot of the file and the contract header.
struct BuildInputs {
  std::string exercise, flavor;
  const FlavorToolchain* flav = nullptr;
  std::string runner;       // the (exercise, flavor) runner library
  std::string abs_source;   // the user's file
  std::string source;       // its bytes: hashed, compiled and graded, whatever happens to the file next
  std::string name;         // its file name, which the snapshot keeps
  std::string contract_name, contract;  // reference/<exercise>.hpp as "<exercise>.hpp", or none
  const catalog::Refusal* refused = nullptr;  // what this drill refuses in this flavor (exercise.json), or none
};

// The flavor's toolchain and runner, the file's snapshot and the drill's contract header
// (declarations only, as the stub has them: the one quoted include allowed, copied next to
// the snapshot). Throws for a flavor or runner this build lacks.
BuildInputs gather_inputs(const std::string& source_path, const std::string& exercise, const std::string& flavor) {
  const Toolchain& tc = toolchain();
  auto ft = tc.flavors.find(flavor);
  if (ft == tc.flavors.end()) throw std::runtime_error("this build has no " + flavor + " flavor");
  BuildInputs in;
  in.exercise = exercise;
  in.flavor = flavor;
  in.flav = &ft->second;
  in.runner = project::paths().runner_library(exercise, flavor);
  if (!fs::exists(in.runner))
    throw std::runtime_error("the grader for " + exercise + " (" + flavor + ") is not built: missing " + in.runner);
  sandbox::require_isolation();  // refuses (exit 4) or warns, before anything runs
  in.abs_source = fs::absolute(source_path).string();
  in.source = read_file(in.abs_source);
  in.name = fs::path(in.abs_source).filename().string();
  const fs::path contract_src = project::paths().reference_header(exercise);
  // The contract header declares the types of the drill's default flavor (eigen, or cpp for a cpp-only drill).
  const catalog::Exercise& ex = catalog::exercise(exercise);
  const bool contract_flavor = flavor == catalog::default_flavor(ex);
  in.contract_name = contract_flavor && fs::exists(contract_src) ? exercise + ".hpp" : "";
  in.contract = in.contract_name.empty() ? "" : read_file(contract_src.string());
  if (auto r = ex.refused.find(flavor); r != ex.refused.end()) in.refused = &r->second;
  return in;
}

// Everything a build depends on, as text: the cache holds a build under its hash and keeps
// the text to compare, byte for byte.
std::string key_material(const BuildInputs& in) {
  const FlavorToolchain& flav = *in.flav;
  std::error_code ec;
  const std::string compiler_real = fs::canonical(flav.compiler, ec).string();
  std::string m = std::string(kBuildRules) + '\n' + flav.compiler + " -> " + compiler_real + ' ' +
                  stamp(compiler_real) + '\n' + in.abs_source + '\n' + stamp(in.runner) + '\n' + stamp(flav.pch) +
                  '\n';
  for (const auto& f : flav.compile_flags) m += f + ' ';
  m += '\n';
  for (const auto& f : flav.link_flags) m += f + ' ';
  m += "\nrefused";  // a drill's rules changed: its cached builds are checked again
  if (in.refused)
    for (const auto& r : in.refused->symbols) m += ' ' + r;
  m += "\ncontract " + std::to_string(in.contract.size()) + '\n' + in.contract + "\nsource " +
       std::to_string(in.source.size()) + '\n' + in.source;
  return m;
}

std::string cache_key(const std::string& material) {
  char key[17];
  std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(fnv1a(material)));
  return key;
}

// The build cached in `dir`, when every input is byte-for-byte the same (a 64-bit hash can
// be forced to collide).
std::optional<BuildResult> cached_build(const fs::path& dir, const std::string& material) {
  BuildResult res;
  res.executable = (dir / "candidate").string();
  if (!fs::exists(res.executable) || !fs::exists(dir / "inputs") || read_file((dir / "inputs").string()) != material)
    return std::nullopt;
  res.ok = res.cached = true;
  if (const fs::path out = dir / "compiler-output.txt"; fs::exists(out)) {
    res.output = read_file(out.string());  // its warnings, as on the first build
    res.diagnostics = parse_diagnostics(res.output);
  }
  return res;
}

// A private directory for one build under the cache, removed unless published.
struct Scratch {
  fs::path dir;
  ~Scratch() {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }
};

// The snapshot, the contract header and the key material, written into `tmp`.
std::string write_snapshot(const fs::path& tmp, const BuildInputs& in, const std::string& material) {
  const std::string snapshot = (tmp / in.name).string();
  std::ofstream(snapshot, std::ios::binary) << in.source;
  if (!in.contract_name.empty()) std::ofstream(tmp / in.contract_name, std::ios::binary) << in.contract;
  std::ofstream(tmp / "inputs", std::ios::binary) << material;
  return snapshot;
}

// One build in progress in its scratch directory.
struct Build {
  const BuildInputs& in;
  fs::path tmp;
  std::string snapshot;
  std::vector<std::string> header_dirs;  // what the compiler may read headers from
  sandbox::JailSpec jail;

  // The compiler's words name the user's file, not the snapshot.
  std::string as_user_path(std::string text) const {
    for (size_t at = 0; (at = text.find(snapshot, at)) != std::string::npos; at += in.abs_source.size())
      text.replace(at, snapshot.size(), in.abs_source);
    return text;
  }
};

// The compiler sees /usr, the flavor's header directories and PCH, and the build directory.
void jail_compiler(Build& b) {
  const FlavorToolchain& flav = *b.in.flav;
  const std::string pch_dir = flav.pch.empty() ? "" : fs::path(flav.pch).parent_path().string();
  b.header_dirs = {"/usr"};
  for (const auto& d : include_dirs(flav.compile_flags)) b.header_dirs.push_back(d);
  if (!pch_dir.empty()) b.header_dirs.push_back(pch_dir);
  for (const auto& d : b.header_dirs)
    if (!under_usr(d) && fs::exists(d)) b.jail.read_only.push_back(d);
  b.jail.writable = {b.tmp.string()};
  b.jail.chdir = b.tmp.string();
}

// Compiles the snapshot to candidate.o; false (with the compiler's errors) when it fails.
bool compile_snapshot(const Build& b, BuildResult& res) {
  const FlavorToolchain& flav = *b.in.flav;
  std::vector<std::string> cc{flav.compiler};
  cc.insert(cc.end(), flav.compile_flags.begin(), flav.compile_flags.end());
  cc.insert(cc.end(),
            {"-MD", "-MF", (b.tmp / "deps.d").string(), "-c", b.snapshot, "-o", (b.tmp / "candidate.o").string()});
  auto c = sandbox::run_confined(b.jail, cc, compiler_limits());
  res.compile_seconds = c.seconds;
  res.output = b.as_user_path(c.output);
  res.diagnostics = parse_diagnostics(res.output);  // errors, or warnings
  if (c.exit_code == 0) return true;
  res.stage = "compile";
  res.explanation = limit_explanation(c, "compiler");
  return false;
}

// The object's rules: it read only the snapshot, the contract header and library headers,
// and calls nothing the flavor forbids, nor what the drill refuses in this flavor. False (with
// the reason) when it breaks one.
bool check_object(const Build& b, BuildResult& res) {
  const auto refuse = [&res](const char* stage, std::string explanation) {
    res.stage = stage;
    res.explanation = std::move(explanation);
    res.output += res.explanation + "\n";
    return false;
  };
  // Every file the compiler opened: the snapshot, the contract header, library headers.
  const auto opened = dependency_files(read_file((b.tmp / "deps.d").string()));
  std::vector<std::string> own{b.snapshot};
  if (!b.in.contract_name.empty()) own.push_back((b.tmp / b.in.contract_name).string());
  if (auto outside = outside_dependency(opened, own, b.header_dirs))
    return refuse("compile", "your file includes " + *outside +
                                 ", which is not a standard or library header: a candidate file may include only "
                                 "standard and library headers (#include <...>)");
  if (auto lib = forbidden_dependency(opened, b.in.flav->forbidden_headers))
    return refuse("compile", "your file includes " + *lib + ": " + b.in.flav->forbidden_headers_message);
  const std::string object = (b.tmp / "candidate.o").string();
  if (auto called = forbidden_call(object, b.in.flav->forbidden_symbols))
    return refuse("check", b.in.flav->forbidden_message + " (your code calls " + *called + ")");
  if (b.in.refused)
    if (auto called = forbidden_call(object, b.in.refused->symbols))
      return refuse("check", b.in.refused->message + " (your code calls " + *called + ")");
  return true;
}

// Links candidate.o with the runner; false (with our reading of the failure) when it fails.
bool link_candidate(const Build& b, BuildResult& res) {
  const FlavorToolchain& flav = *b.in.flav;
  std::vector<std::string> ld{flav.compiler, (b.tmp / "candidate.o").string(), b.in.runner, "-o",
                              (b.tmp / "candidate").string()};
  ld.insert(ld.end(), flav.link_flags.begin(), flav.link_flags.end());
  sandbox::JailSpec link_jail = b.jail;
  link_jail.read_only.push_back(b.in.runner);
  for (const auto& d : library_dirs(flav.link_flags))
    if (!under_usr(d) && fs::exists(d)) link_jail.read_only.push_back(d);
  auto l = sandbox::run_confined(link_jail, ld, compiler_limits());
  res.link_seconds = l.seconds;
  if (l.exit_code == 0) return true;
  res.stage = "link";
  res.output += b.as_user_path(l.output);
  res.explanation = explain_link_failure(l.output);
  if (res.explanation.empty()) res.explanation = limit_explanation(l, "linker");
  return false;
}

// Moves the finished build into the cache at `dir` (atomic); a concurrent identical build
// may have won, which is as good. Not published and the key holding other inputs (a forced
// hash collision): the candidate is graded from its scratch directory, kept for that.
void publish(Scratch& scratch, const fs::path& dir, const std::string& material, BuildResult& res) {
  const fs::path tmp = scratch.dir;
  std::ofstream(tmp / "compiler-output.txt") << res.output;
  std::error_code ec;
  fs::rename(tmp, dir, ec);
  const bool same_inputs_there = ec && fs::exists(dir / "inputs") && read_file((dir / "inputs").string()) == material;
  if (!ec || !same_inputs_there) scratch.dir.clear();
  if (ec && !same_inputs_there) res.executable = (tmp / "candidate").string();
}

}  // namespace

BuildResult build_candidate(const std::string& source_path, const std::string& exercise,
                            const std::string& flavor, const std::string& cache_root) {
  const BuildInputs in = gather_inputs(source_path, exercise, flavor);
  const std::string material = key_material(in);
  const fs::path dir = fs::path(cache_root) / (exercise + "-" + flavor + "-" + cache_key(material));
  if (auto cached = cached_build(dir, material)) return *cached;
  BuildResult res;
  res.executable = (dir / "candidate").string();
  if (auto refused = refused_include(in.source, in.contract_name)) {
    res.stage = "compile";
    res.explanation = *refused;
    res.output = *refused + "\n";
    return res;
  }
  fs::create_directories(cache_root);
  std::string tmpl = (fs::path(cache_root) / "build-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a build directory in " + cache_root);
  Scratch scratch{tmpl};
  Build b{in, scratch.dir, write_snapshot(scratch.dir, in, material), {}, {}};
  jail_compiler(b);
  if (!compile_snapshot(b, res) || !check_object(b, res) || !link_candidate(b, res)) return res;
  publish(scratch, dir, material, res);
  res.ok = true;
  return res;
}

}  // namespace mldrill::compile
