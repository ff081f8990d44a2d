// What a user can drill: each exercise the grader knows, read from exercises/<id>/
// (exercise.json, stubs/<flavor>.cpp, hints.md, followup.md).
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace mldrill::catalog {

// Library calls a flavor refuses in one drill because they ARE the drill (torch::layer_norm
// in layernorm): symbol rules as compile/symbol_rules.hpp reads them, and the reason shown.
struct Refusal {
  std::vector<std::string> symbols;
  std::string message;
};

struct Exercise {
  std::string id;
  std::string title;
  std::string summary;
  double target_minutes = 0;              // the default; users may override it
  std::vector<std::string> implement;     // function names, in grading order
  std::vector<std::string> stub_flavors;  // flavors with a stub, eigen first (eigen, xtensor, torch, cpp)
  std::string dir;                        // exercises/<id>
  std::map<std::string, Refusal> refused; // by flavor: exercise.json's "refused" (beside the flavor's own rules)

  std::string stub_path(const std::string& flavor) const { return dir + "/stubs/" + flavor + ".cpp"; }
  std::vector<std::string> hints() const;  // the "## Hint N" sections of hints.md, in order
  std::string followup() const;            // followup.md without its title line
};

class UnknownExercise : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The drills of harness/catalog/drills.def, in its order (what `mldrill list` shows).
const std::vector<std::string>& drill_ids();

// Every registered exercise, in registry order. Throws std::runtime_error when an
// exercise's folder or metadata is missing or malformed.
const std::vector<Exercise>& exercises();
const Exercise& exercise(const std::string& id);  // throws UnknownExercise

// Flavors this build can grade for the exercise: a stub exists and the toolchain has it.
std::vector<std::string> gradable_flavors(const Exercise& e);

// The flavor used when none is asked for: eigen when the drill has it, else its first
// (a cpp-only drill: cpp). Its reference, reference/<id>.{hpp,cpp}, is written in it.
std::string default_flavor(const Exercise& e);

// The flavor to use: `asked`, or the default. Throws UnknownFlavor, naming the flavors the
// drill has, when it has no such flavor (or this build cannot grade it).
class UnknownFlavor : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
std::string choose_flavor(const Exercise& e, const std::string& asked);

}  // namespace mldrill::catalog
