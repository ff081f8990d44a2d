// UTF-8 validation by the Unicode well-formed byte table (no overlongs, no surrogates,
// nothing above U+10FFFF), and escape-sequence stripping by ECMA-48's byte ranges.
#include "text/utf8.hpp"

#include <algorithm>
#include <cstdint>

namespace mldrill::text {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr unsigned char kEsc = 0x1B;

struct Decoded {
  size_t length;  // bytes of the character, or of the maximal invalid subpart (>= 1)
  bool ok;
  uint32_t code_point;
};

Decoded decode(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {1, true, c};
  size_t need = 0;
  uint32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) need = 1, cp = c & 0x1F;
  else if (c == 0xE0) need = 2, cp = c & 0x0F, lo = 0xA0;
  else if (c == 0xED) need = 2, cp = c & 0x0F, hi = 0x9F;
  else if (c >= 0xE1 && c <= 0xEF) need = 2, cp = c & 0x0F;
  else if (c == 0xF0) need = 3, cp = c & 0x07, lo = 0x90;
  else if (c == 0xF4) need = 3, cp = c & 0x07, hi = 0x8F;
  else if (c >= 0xF1 && c <= 0xF3) need = 3, cp = c & 0x07;
  else return {1, false, 0};
  for (size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) return {k, false, 0};
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < lo || b > hi) return {k, false, 0};
    lo = 0x80, hi = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
  }
  return {need + 1, true, cp};
}

bool in(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

// s[i] is ESC: the index just past its escape sequence. A string sequence (OSC, DCS, ...)
// ends at BEL or ESC \, or at the end of its line, so an unterminated one hides one line.
size_t skip_escape(std::string_view s, size_t i) {
  size_t j = i + 1;
  if (j >= s.size()) return j;
  const auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = at(j);
  if (c == '[') {  // CSI: parameters and intermediates, then one final byte
    ++j;
    while (j < s.size() && in(at(j), 0x20, 0x3F)) ++j;
    if (j < s.size() && in(at(j), 0x40, 0x7E)) ++j;
    return j;
  }
  if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
    for (++j; j < s.size() && at(j) != '\n'; ++j) {
      if (at(j) == '\a') return j + 1;
      if (at(j) == kEsc && j + 1 < s.size() && s[j + 1] == '\\') return j + 2;
    }
    return j;
  }
  while (j < s.size() && in(at(j), 0x20, 0x2F)) ++j;  // nF intermediates
  if (j < s.size() && in(at(j), 0x30, 0x7E)) ++j;     // final byte (Fp, Fe, Fs)
  return j;
}

bool is_control(uint32_t cp) {
  return (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

}  // namespace

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const Decoded d = decode(s, i);
    if (d.ok) out.append(s.substr(i, d.length));
    else out.append(kReplacement);
    i += d.length;
  }
  return out;
}

size_t utf8_cut(std::string_view s, size_t max_bytes) {
  const size_t n = std::min(max_bytes, s.size());
  size_t j = n;  // walk back over the continuation bytes at the end (at most 3)
  while (j > 0 && n - j < 3 && (static_cast<unsigned char>(s[j - 1]) & 0xC0) == 0x80) --j;
  if (j == 0) return n;
  const auto lead = static_cast<unsigned char>(s[j - 1]);
  const size_t length = in(lead, 0xC2, 0xDF) ? 2 : in(lead, 0xE0, 0xEF) ? 3 : in(lead, 0xF0, 0xF4) ? 4 : 0;
  return length > 0 && j - 1 + length > n ? j - 1 : n;
}

std::string for_terminal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) == kEsc) {
      i = skip_escape(s, i);
      continue;
    }
    const Decoded d = decode(s, i);
    if (!d.ok) out.append(kReplacement);
    else if (!is_control(d.code_point)) out.append(s.substr(i, d.length));
    i += d.length;
  }
  return out;
}

std::string dump_json(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mldrill::text
