#pragma once
// svc's own compact bytes, for the cache (internal to the store): varint lengths, strings as a
// length and their bytes, fixed 8-byte numbers, and a tag byte per value. The reader throws
// the "damaged" data error on anything cut short or out of place.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "svc/domain/error.hpp"
#include "svc/domain/value.hpp"

namespace svc::store::codec {

inline void put_len(std::string& out, size_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

inline void put_str(std::string& out, std::string_view s) {
  put_len(out, s.size());
  out.append(s);
}

// Eight bytes, little-endian.
inline void put_fixed(std::string& out, std::int64_t v) {
  auto u = static_cast<std::uint64_t>(v);
  for (int i = 0; i < 8; ++i) out += static_cast<char>((u >> (8 * i)) & 0xff);
}

inline void put_value(std::string& out, const Value& v) {
  out += static_cast<char>(static_cast<int>(v.kind) | (v.flow ? 8 : 0));
  switch (v.kind) {
    case Value::Kind::text:
    case Value::Kind::plain:
      put_str(out, v.scalar);
      break;
    case Value::Kind::map:
      put_len(out, v.entries.size());
      for (const auto& [k, x] : v.entries) {
        put_str(out, k);
        put_value(out, x);
      }
      break;
    case Value::Kind::list:
      put_len(out, v.items.size());
      for (const auto& x : v.items) put_value(out, x);
      break;
  }
}

struct Reader {
  std::string_view in;
  size_t at = 0;
  [[noreturn]] void bad() const { throw data_error("the cache holds a damaged record"); }
  size_t len() {
    size_t n = 0;
    for (int shift = 0;; shift += 7) {
      if (at >= in.size() || shift > 56) bad();
      auto b = static_cast<unsigned char>(in[at++]);
      n |= static_cast<size_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return n;
    }
  }
  std::string_view view() {
    size_t n = len();
    if (n > in.size() - at) bad();
    at += n;
    return in.substr(at - n, n);
  }
  std::string str() { return std::string(view()); }
  std::int64_t fixed() {  // one load (packed stats hold nine a file)
    if (in.size() - at < 8) bad();
    std::uint64_t u;
    std::memcpy(&u, in.data() + at, 8);
    at += 8;
    if constexpr (std::endian::native == std::endian::big) u = __builtin_bswap64(u);
    return static_cast<std::int64_t>(u);
  }
  // Into `v` in place, whatever it held: every part of it is set, and the strings and vectors
  // it already has are filled again rather than freed and made anew (a reader that decodes one
  // record after another into the same ones allocates next to nothing).
  void value(Value& v, int depth = 0) {
    if (at >= in.size() || depth > 64) bad();
    int tag = static_cast<unsigned char>(in[at++]);
    v.kind = static_cast<Value::Kind>(tag & 7);
    v.flow = (tag & 8) != 0;
    v.line = v.column = 0;
    switch (v.kind) {
      case Value::Kind::text:
      case Value::Kind::plain:
        v.scalar.assign(view());
        v.entries.clear();
        v.items.clear();
        break;
      case Value::Kind::map: {
        size_t n = len();
        if (n > in.size()) bad();
        v.scalar.clear();
        v.items.clear();
        if (v.entries.size() > n)
          v.entries.erase(v.entries.begin() + static_cast<std::ptrdiff_t>(n), v.entries.end());
        v.entries.reserve(n);
        for (size_t i = 0; i < n; ++i) {
          if (i < v.entries.size()) {
            v.entries[i].first.assign(view());
            value(v.entries[i].second, depth + 1);
          } else {
            value(v.entries.emplace_back(view()).second, depth + 1);
          }
        }
        break;
      }
      case Value::Kind::list: {
        size_t n = len();
        if (n > in.size()) bad();
        v.scalar.clear();
        v.entries.clear();
        if (v.items.size() > n)
          v.items.erase(v.items.begin() + static_cast<std::ptrdiff_t>(n), v.items.end());
        v.items.reserve(n);
        for (size_t i = 0; i < n; ++i)
          value(i < v.items.size() ? v.items[i] : v.items.emplace_back(), depth + 1);
        break;
      }
      default:
        bad();
    }
  }
  // Past a value, making nothing.
  void skip(int depth = 0) {
    if (at >= in.size() || depth > 64) bad();
    int tag = static_cast<unsigned char>(in[at++]);
    auto past = [&] {
      size_t n = len();
      if (n > in.size() - at) bad();
      at += n;
    };
    switch (static_cast<Value::Kind>(tag & 7)) {
      case Value::Kind::text:
      case Value::Kind::plain:
        past();
        break;
      case Value::Kind::map:
        for (size_t i = 0, n = len(); i < n; ++i) past(), skip(depth + 1);
        break;
      case Value::Kind::list:
        for (size_t i = 0, n = len(); i < n; ++i) skip(depth + 1);
        break;
      default:
        bad();
    }
  }
};

}  // namespace svc::store::codec
