#include "svc/domain/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace svc {

char32_t next_code_point(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  int len = sequence_length(c);
  if (len == 0 || i + static_cast<size_t>(len) > s.size()) len = 1;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
  for (int k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3f);
  i += static_cast<size_t>(len);
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  auto byte = [&](char32_t b) { out += static_cast<char>(b); };
  if (cp < 0x80) {
    byte(cp);
  } else if (cp < 0x800) {
    byte(0xc0 | (cp >> 6));
    byte(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    byte(0xe0 | (cp >> 12));
    byte(0x80 | ((cp >> 6) & 0x3f));
    byte(0x80 | (cp & 0x3f));
  } else {
    byte(0xf0 | (cp >> 18));
    byte(0x80 | ((cp >> 12) & 0x3f));
    byte(0x80 | ((cp >> 6) & 0x3f));
    byte(0x80 | (cp & 0x3f));
  }
}

std::optional<size_t> first_invalid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size()) {  // eight ASCII bytes at a time
      std::uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      if ((x & 0x8080808080808080) == 0) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = sequence_length(c);
    if (len == 0 || i + static_cast<size_t>(len) > s.size()) return i;
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0xc0) != 0x80) return i;
    size_t at = i;
    char32_t cp = next_code_point(s, at);
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
      return i;
    i = at;
  }
  return std::nullopt;
}

bool must_escape(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0xfeff || cp == 0xfffe || cp == 0xffff;
}

std::string escape_controls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = next_code_point(s, i);
    if (cp == '\n')
      out += "\\n";
    else if (cp == '\t')
      out += "\\t";
    else if (cp == '\r')
      out += "\\r";
    else if (must_escape(cp))
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
    else
      out.append(s.substr(start, i - start));
  }
  return out;
}

std::vector<std::string> split_lines(std::string_view text, char sep) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from < text.size()) {
    size_t end = text.find(sep, from);
    if (end == std::string_view::npos) end = text.size();
    out.emplace_back(text.substr(from, end - from));
    from = end + 1;
  }
  return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<char32_t> x, y;
  for (size_t i = 0; i < a.size();) x.push_back(next_code_point(a, i));
  for (size_t i = 0; i < b.size();) y.push_back(next_code_point(b, i));
  // Optimal string alignment: three rows of the distance table.
  std::vector<size_t> before(y.size() + 1), last(y.size() + 1), row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) last[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
        row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, last);
    std::swap(last, row);
  }
  return last[y.size()];
}

std::string closest(std::string_view typed, const std::vector<std::string>& candidates) {
  size_t length = 0;
  for (size_t i = 0; i < typed.size(); ++length) next_code_point(typed, i);
  const size_t within = std::clamp<size_t>(length / 3, 1, 3);
  std::string best;
  size_t best_distance = within + 1;
  for (const auto& c : candidates)
    if (size_t d = edit_distance(typed, c); d < best_distance) {
      best = c;
      best_distance = d;
    }
  return best;
}

}  // namespace svc
