// Bytes a candidate or a compiler wrote, made safe to show: valid UTF-8 (invalid sequences
// become U+FFFD), cuts on character boundaries, and no control characters for the terminal.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace mldrill::text {

// The bytes as valid UTF-8: each maximal invalid subpart becomes U+FFFD (as Python and
// nlohmann's error_handler_t::replace do), everything valid is kept byte for byte.
std::string valid_utf8(std::string_view bytes);

// The largest n <= max_bytes such that bytes[0, n) does not end inside a multi-byte
// character (a cut there would turn the character's first bytes into U+FFFD). With
// max_bytes >= size it drops only an incomplete character at the end (text cut earlier).
size_t utf8_cut(std::string_view bytes, size_t max_bytes);

// For printing on a terminal: valid_utf8 without escape sequences (CSI, OSC, ...) and
// without control characters (C0 except newline and tab, DEL, C1), so that nothing a
// candidate or compiler wrote can move the cursor or repaint what mldrill printed.
std::string for_terminal(std::string_view bytes);

// JSON text of j; strings holding invalid UTF-8 are written with U+FFFD in its place
// instead of throwing json type_error.316.
std::string dump_json(const nlohmann::json& j, int indent = -1);

}  // namespace mldrill::text
