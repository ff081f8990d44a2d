// The include rule: a candidate file includes only standard and library headers (#include
// <...>, a relative name found in the compiler's system directories), plus its drill's own
// contract header "<exercise>.hpp". Checked twice: on the text before compiling (a clear
// message), and on the compiler's own list of the files it opened (-MD), which no spelling
// of an include can escape.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace mldrill::compile {

// Why `source` breaks the rule ("... is refused: ..."), or nothing. `contract` is the one
// quoted name allowed ("logreg.hpp"), or empty.
std::optional<std::string> refused_include(const std::string& source, const std::string& contract);

// The files listed in a make-style dependency file (the compiler's -MD -MF output).
std::vector<std::string> dependency_files(const std::string& deps);

// The first dependency that is neither one of `files` nor under one of `dirs` (normalised
// lexically: "/usr/include/../../etc/x" is /etc/x), or nothing.
std::optional<std::string> outside_dependency(const std::vector<std::string>& deps, const std::vector<std::string>& files,
                                              const std::vector<std::string>& dirs);

// The first dependency inside one of `dirs` (both resolved through symbolic links), or
// nothing: a flavor's forbidden header directories (the cpp flavor refuses Eigen's).
std::optional<std::string> forbidden_dependency(const std::vector<std::string>& deps,
                                                const std::vector<std::string>& dirs);

}  // namespace mldrill::compile
