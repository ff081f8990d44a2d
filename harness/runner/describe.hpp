// The macros a drill's description (harness/runner/drills/<id>.def) is read with, in the
// generated adapter (adapter.cpp.in) of each flavor:
//   MLDRILL_STRUCT(Name, s.field, ...)   the struct travels as these fields, in order
//   MLDRILL_FUNCTION(name, {Kind, "what"}, ...)   the grader may call name; the torch
//       flavor checks its outputs' kinds (Float, Labels, Number), in order.
#pragma once
#include <tuple>

#include "runner/bind.hpp"

// Fields<drill_contract::Name>::tie(s) -> std::tie(s.field, ...)
#define MLDRILL_FIELDS_OF(Name, ...)                   \
  template <>                                          \
  struct Fields<drill_contract::Name> {                \
    template <class S>                                 \
    static auto tie(S& s) {                            \
      return std::tie(__VA_ARGS__);                    \
    }                                                  \
  };

// Qualified: std::bind would win by argument-dependent lookup on std and torch types.
#ifdef MLDRILL_CHECKS_OUTPUT_KINDS
#define MLDRILL_TABLE_ENTRY(name, ...) \
  {#name, mldrill::runner::with_outputs(mldrill::runner::bind(&drill_contract::name), {__VA_ARGS__})},
#else
#define MLDRILL_TABLE_ENTRY(name, ...) {#name, mldrill::runner::bind(&drill_contract::name)},
#endif

namespace mldrill::runner::output_kinds {}  // the torch flavor fills it (Float, Labels, Number)
