// Loads the toolchain description that CMake wrote next to the build.
#include "compile/toolchain.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#ifndef MLDRILL_TOOLCHAIN_FILE
#error "MLDRILL_TOOLCHAIN_FILE must be defined by the build"
#endif

namespace mldrill::compile {

std::string Toolchain::runner_library(const std::string& exercise, const std::string& flavor) const {
  return build_dir + "/runners/lib" + exercise + "_" + flavor + ".a";
}

const Toolchain& toolchain() {
  static const Toolchain tc = [] {
    std::ifstream in(MLDRILL_TOOLCHAIN_FILE);
    if (!in) throw std::runtime_error(std::string("cannot read ") + MLDRILL_TOOLCHAIN_FILE + ": rebuild mldrill");
    nlohmann::json j = nlohmann::json::parse(in);
    Toolchain t;
    t.compiler = j.at("compiler");
    t.source_dir = j.at("source_dir");
    t.build_dir = j.at("build_dir");
    for (auto& [name, f] : j.at("flavors").items()) {
      FlavorToolchain ft;
      ft.compiler = f.value("compiler", t.compiler);
      ft.compile_flags = f.at("compile").get<std::vector<std::string>>();
      ft.link_flags = f.at("link").get<std::vector<std::string>>();
      ft.pch = f.value("pch", "");
      ft.address_space_mb = f.value("address_space_mb", 1024.0);
      ft.startup_wall_seconds = f.value("startup_wall_seconds", 0.0);
      ft.forbidden_symbols = f.value("forbidden_symbols", std::vector<std::string>{});
      ft.forbidden_message = f.value("forbidden_message", "");
      t.flavors[name] = ft;
    }
    return t;
  }();
  return tc;
}

}  // namespace mldrill::compile
