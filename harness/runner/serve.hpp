// The candidate's side of the grading protocol: a loop that decodes each request, calls
// the candidate's function through the exercise's adapter table, and sends back raw outputs.
// It never judges anything; the parent does.
#pragma once
#include <functional>
#include <map>
#include <string>

#include "wire/wire.hpp"

namespace mldrill::runner {

using wire::Value;
using wire::Values;
using Handler = std::function<Values(Values& args)>;
using Table = std::map<std::string, Handler>;

// Thrown by adapters when a request does not fit the function's parameters.
struct BadRequest : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Thrown by adapters when the candidate's call broke the contract: it modified an input,
// or returned something that cannot be its answer (a complex tensor, undefined labels).
struct ContractViolation : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Thrown when the call used what the drill forbids (autograd in the torch flavor).
struct Forbidden : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A flavor's wrapper around every call of the candidate's code (torch: autograd excluded
// while it runs, and checked after). Set by the flavor's adapter at static initialisation.
using CallGuard = Values (*)(const Handler& call, Values& args);
void set_call_guard(CallGuard guard);

}  // namespace mldrill::runner

// Defined once per (exercise, flavor) adapter; the runner's main() serves it.
const mldrill::runner::Table& drill_table();
