#pragma once
// UTF-8 text as svc stores it: decoding, validity, and which characters may stand raw in a file.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svc {

/// Bytes of the UTF-8 sequence a lead byte opens (1-4); 0 for a byte no sequence starts with.
inline int sequence_length(unsigned char lead) {
  return lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 0;
}
/// Decodes the code point at `i` and advances past it; a malformed byte decodes as itself.
char32_t next_code_point(std::string_view s, size_t& i);
/// Byte offset of the first malformed UTF-8 sequence (stray, overlong, surrogate); nullopt if none.
std::optional<size_t> first_invalid_utf8(std::string_view s);
inline bool valid_utf8(std::string_view s) { return !first_invalid_utf8(s); }
/// Characters no YAML reader agrees on when written raw: C0/C1 controls (but tab and newline),
/// DEL, U+2028/U+2029 line separators, the BOM and the non-characters U+FFFE/U+FFFF.
bool must_escape(char32_t cp);
/// `s` with every must-escape character (and CR, LF, TAB) shown as \n, \t, \u2028 ... for a
/// terminal or a table cell: stored text never reaches a terminal raw.
std::string escape_controls(std::string_view s);
/// The pieces of `text` between `sep`s (lines, by default); a final separator ends the last
/// piece rather than starting an empty one.
std::vector<std::string> split_lines(std::string_view text, char sep = '\n');

}  // namespace svc
