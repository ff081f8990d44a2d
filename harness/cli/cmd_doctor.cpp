// `mldrill doctor`: what this machine grades with — the isolation actually in force (probed
// by starting a sandbox), each flavor's compiler and grader, and where the history lives.
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "compile/toolchain.hpp"
#include "grading/verdict.hpp"
#include "sandbox/confine.hpp"
#include "sandbox/jail.hpp"
#include "sandbox/run_command.hpp"

namespace fs = std::filesystem;

namespace mldrill::cli {

int cmd_doctor(const CommonOptions& o) {
  const sandbox::Isolation& iso = sandbox::isolation();
  nlohmann::json j;
  std::string mode, detail;
  if (iso.sandbox && !iso.unsandboxed) {
    mode = "sandbox";
    detail = "bubblewrap (" + iso.bwrap +
             "): new session, no network, own PID/IPC/UTS namespaces, no capabilities, uid 65534, read-only "
             "/usr; the candidate under a seccomp allow-list; the compiler, linker and nm jailed too";
  } else if (iso.unsandboxed) {
    const auto c = sandbox::available_confinement();
    mode = "unsandboxed";
    detail = fmt::format("{}=1: no sandbox; fallback confinement of the candidate: Landlock {}, seccomp deny-list {}",
                         sandbox::kUnsandboxedEnv, c.filesystem ? "on" : "unavailable",
                         c.syscalls ? "on" : "unavailable");
  } else {
    mode = "unavailable";
    detail = iso.problem + "; grading is refused (or set " + std::string(sandbox::kUnsandboxedEnv) + "=1)";
  }
  j["isolation"] = {{"mode", mode}, {"detail", detail}, {"bwrap", iso.bwrap}, {"sandbox_starts", iso.sandbox}};
  if (!iso.problem.empty()) j["isolation"]["problem"] = iso.problem;

  const auto& tc = compile::toolchain();
  nlohmann::json flavors = nlohmann::json::object();
  for (const auto& [name, f] : tc.flavors) {
    const auto v = sandbox::run_command({f.compiler, "--version"}, 20);
    std::string version = v.output.substr(0, v.output.find('\n'));
    flavors[name] = {{"compiler", f.compiler},
                     {"version", v.exit_code == 0 ? version : "(does not run)"},
                     {"pch", f.pch},
                     {"pch_built", !f.pch.empty() && fs::exists(f.pch)},
                     {"address_space_mb", f.address_space_mb}};
  }
  j["flavors"] = flavors;
  const Paths p = paths();
  j["database"] = p.database;
  j["data_dir"] = p.data_dir;
  j["workspace"] = p.workspace;
  j["work_dir"] = p.work_dir;

  if (o.json) {
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("isolation: {}\n  {}\n", mode, detail);
    fmt::print("toolchain:\n");
    for (const auto& [name, f] : flavors.items())
      fmt::print("  {:8} {} — {}{}\n", name, f["compiler"].get<std::string>(), f["version"].get<std::string>(),
                 f["pch_built"].get<bool>() ? "" : " (grader not built yet: built on first check)");
    fmt::print("history:   {}\nworkspace: {}\nbuilds:    {}\n", p.database, p.workspace, p.work_dir);
  }
  return mode == "unavailable" ? grading::kExitEnvironment : 0;
}

}  // namespace mldrill::cli
