// Verdict names as they appear in --json and in the history.
#include "grading/verdict.hpp"

#include <array>
#include <utility>

namespace mldrill::grading {
namespace {
constexpr std::array<std::pair<Verdict, const char*>, 9> kNames{{
    {Verdict::Accepted, "accepted"},
    {Verdict::CompileError, "compile_error"},
    {Verdict::NotImplemented, "not_implemented"},
    {Verdict::RuntimeError, "runtime_error"},
    {Verdict::TimeLimit, "time_limit"},
    {Verdict::MemoryLimit, "memory_limit"},
    {Verdict::WrongAnswer, "wrong_answer"},
    {Verdict::GradientMismatch, "gradient_mismatch"},
    {Verdict::Skipped, "skipped"},
}};
}  // namespace

std::string to_string(Verdict v) {
  for (auto& [k, name] : kNames)
    if (k == v) return name;
  return "unknown";
}

std::optional<Verdict> verdict_from_string(const std::string& s) {
  for (auto& [k, name] : kNames)
    if (s == name) return k;
  return std::nullopt;
}

}  // namespace mldrill::grading
