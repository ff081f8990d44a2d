// `mldrill export | import`: the whole history as one JSON document, to move machines.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.hpp"
#include "cli/format.hpp"
#include "files/atomic_write.hpp"
#include "progress/archive.hpp"

namespace mldrill::cli {

int cmd_export(Session& s, const ExportOptions& o) {
  const std::string text = progress::export_text(s.database(), history::now_seconds());
  if (!o.out) {
    fmt::print("{}", text);
    return 0;
  }
  // A failed export leaves nothing: no half file, no empty temporary.
  try {
    files::write_atomically(*o.out, text);
  } catch (const std::runtime_error& e) {
    throw EnvironmentError(e.what());
  }
  fmt::print(stderr, "mldrill: history exported to {}\n", *o.out);
  return 0;
}

int cmd_import(Session& s, const ImportOptions& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) throw EnvironmentError(fmt::format("cannot read {}: {}", o.file, std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  progress::ImportResult r;
  try {
    r = progress::import_history(s.database(), ss.str());
  } catch (const progress::ImportError& e) {
    throw EnvironmentError(fmt::format("cannot import {}: {}; nothing was imported", o.file, e.what()));
  }
  if (o.json) {
    print_json({{"file", o.file},
                {"attempts_added", r.attempts_added},
                {"attempts_skipped", r.attempts_skipped},
                {"targets_set", r.targets_set},
                {"targets_kept", r.targets_kept}});
    return 0;
  }
  fmt::print("Imported {}: {} attempt{} added, {} already here (skipped); {} target{} set, {} kept.\n", o.file,
             r.attempts_added, r.attempts_added == 1 ? "" : "s", r.attempts_skipped, r.targets_set,
             r.targets_set == 1 ? "" : "s", r.targets_kept);
  return 0;
}

}  // namespace mldrill::cli
