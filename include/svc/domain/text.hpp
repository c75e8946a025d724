#pragma once
// UTF-8 text as svc stores it: decoding, validity, and which characters may stand raw in a file.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svc {

/// A set of bytes looked up by table: what find_first_not_of does with a string of them, without
/// a search of the string per byte (these tests run on every scalar of every file).
class CharSet {
 public:
  /// These bytes, and every byte below `below` (0x20: the C0 controls).
  constexpr explicit CharSet(std::string_view bytes, unsigned char below = 0) {
    for (char c : bytes) in_[static_cast<unsigned char>(c)] = true;
    for (unsigned c = 0; c < below; ++c) in_[c] = true;
  }
  constexpr bool operator()(char c) const { return in_[static_cast<unsigned char>(c)]; }
  /// Whether `s` is not empty and every byte of it is in the set.
  constexpr bool all(std::string_view s) const {
    for (char c : s)
      if (!in_[static_cast<unsigned char>(c)]) return false;
    return !s.empty();
  }

 private:
  std::array<bool, 256> in_{};
};

/// Bytes of the UTF-8 sequence a lead byte opens (1-4); 0 for a byte no sequence starts with.
inline int sequence_length(unsigned char lead) {
  return lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 0;
}
/// Bytes a scan may step over at `i` of `s` without decoding: the length of the sequence a lead
/// byte opens when next_code_point, whatever follows it, decodes it to no character must_escape
/// names (leads C3-DF, E1, E3-EE, F1-F7, the sequence whole); 0 when it must be decoded to tell.
inline size_t harmless_sequence(std::string_view s, size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const bool harmless = (lead >= 0xc3 && lead <= 0xdf) || lead == 0xe1 ||
                        (lead >= 0xe3 && lead <= 0xee) || (lead >= 0xf1 && lead <= 0xf7);
  const auto len = static_cast<size_t>(sequence_length(lead));
  return harmless && i + len <= s.size() ? len : 0;
}
/// Decodes the code point at `i` and advances past it; a malformed byte decodes as itself.
char32_t next_code_point(std::string_view s, size_t& i);
/// Appends the UTF-8 bytes of a code point (below U+110000) to `out`: next_code_point backwards.
void append_utf8(std::string& out, char32_t cp);
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
/// Edits from `a` to `b`, counted in code points: an insertion, a deletion, a substitution or
/// two neighbours swapped ("lsit" -> "list") each count one.
size_t edit_distance(std::string_view a, std::string_view b);
/// The candidate `typed` most likely meant: the nearest by edit_distance, within a third of
/// its length (at least 1, at most 3 edits); the earlier candidate on a tie; "" for none.
std::string closest(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace svc
