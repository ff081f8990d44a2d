// The names a drill's cases may call, from the drill's description (the same file its
// adapters are generated from), so a case calling a function the drill does not bind is a
// build error. Use: #define MLDRILL_DRILL_DESCRIPTION "runner/drills/<id>.def", then
// include this; cases write ctx.call(fn::predict_proba, ...). Included once per case file.
#include "grading/case.hpp"

namespace mldrill::cases {
namespace {
namespace fn {
#define MLDRILL_STRUCT(...)
#define MLDRILL_FUNCTION(name, ...) constexpr grading::Function name{#name};
#include MLDRILL_DRILL_DESCRIPTION
#undef MLDRILL_STRUCT
#undef MLDRILL_FUNCTION
}  // namespace fn
}  // namespace
}  // namespace mldrill::cases
