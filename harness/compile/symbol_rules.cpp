// The symbol rules: a deny-list of whole namespaces and classes, with named exceptions,
// applied to what a candidate's object file imports.
#include "compile/symbol_rules.hpp"

#include <sstream>
#include <stdexcept>

#include "sandbox/jail.hpp"
#include "sandbox/run_command.hpp"

namespace mldrill::compile {
namespace {

bool matches(const std::string& symbol, const std::string& rule) {
  if (rule.empty()) return false;
  switch (rule[0]) {
    case '=': return symbol == rule.substr(1);
    case '*': return symbol.find(rule.substr(1)) != std::string::npos;
    case '!': return false;
    default: return symbol.compare(0, rule.size(), rule) == 0;
  }
}

// "vtable for torch::jit::Module" → "torch::jit::Module": rules name the entity itself.
std::string entity(const std::string& symbol) {
  for (const char* prefix : {"vtable for ", "typeinfo for ", "typeinfo name for ", "VTT for ",
                             "construction vtable for ", "guard variable for ", "TLS init function for ",
                             "TLS wrapper function for ", "non-virtual thunk to ", "virtual thunk to "})
    if (symbol.rfind(prefix, 0) == 0) return entity(symbol.substr(std::string(prefix).size()));
  return symbol;
}

}  // namespace

bool refused(const std::string& symbol, const std::vector<std::string>& rules) {
  const std::string name = entity(symbol);
  for (const auto& r : rules)
    if (r.size() > 1 && r[0] == '!' && name.compare(0, r.size() - 1, r, 1) == 0) return false;
  for (const auto& r : rules)
    if (matches(name, r)) return true;
  return false;
}

std::optional<std::string> first_refused(const std::string& nm_output, const std::vector<std::string>& rules) {
  std::istringstream in(nm_output);
  std::string line;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos || line.compare(start, 2, "U ") != 0) continue;
    const std::string symbol = line.substr(start + 2);
    if (refused(symbol, rules)) return symbol;
  }
  return std::nullopt;
}

std::optional<std::string> forbidden_call(const std::string& object, const std::vector<std::string>& rules) {
  if (rules.empty()) return std::nullopt;
  sandbox::JailSpec jail;  // nm parses an object file the candidate's code shaped
  jail.read_only = {object};
  sandbox::CommandLimits limits;
  limits.wall_seconds = 60;
  limits.cpu_seconds = 60;
  limits.address_space_bytes = 2ull << 30;
  auto nm = sandbox::run_confined(jail, {"/usr/bin/nm", "-u", "-C", object}, limits);
  if (nm.exit_code != 0) throw std::runtime_error("nm failed on " + object + ": " + nm.output);
  return first_refused(nm.output, rules);
}

}  // namespace mldrill::compile
