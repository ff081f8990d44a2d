// Loads the toolchain description that CMake wrote next to the build.
#include "compile/toolchain.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "project/paths.hpp"

namespace mldrill::compile {

const Toolchain& toolchain() {
  static const Toolchain tc = [] {
    const std::string file = project::paths().toolchain_file();
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file + ": rebuild mldrill");
    nlohmann::json j = nlohmann::json::parse(in);
    Toolchain t;
    t.compiler = j.at("compiler");
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
      ft.forbidden_headers = f.value("forbidden_headers", std::vector<std::string>{});
      ft.forbidden_headers_message = f.value("forbidden_headers_message", "");
      t.flavors[name] = ft;
    }
    return t;
  }();
  return tc;
}

}  // namespace mldrill::compile
