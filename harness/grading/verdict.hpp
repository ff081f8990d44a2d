// The verdicts a check can end in, in the words of DESIGN.md.
#pragma once
#include <optional>
#include <string>

namespace mldrill::grading {

enum class Verdict {
  Accepted,
  CompileError,
  NotImplemented,
  RuntimeError,
  TimeLimit,
  MemoryLimit,
  WrongAnswer,
  GradientMismatch,
  Skipped,  // a case that could not run after the process died
};

std::string to_string(Verdict v);
std::optional<Verdict> verdict_from_string(const std::string& s);

// Exit codes of `mldrill check` (README: "Exit codes").
constexpr int kExitAccepted = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitCompileError = 3;
constexpr int kExitEnvironment = 4;

}  // namespace mldrill::grading
