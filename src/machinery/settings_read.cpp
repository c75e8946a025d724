#include "svc/domain/settings_read.hpp"

#include <fmt/format.h>

#include "svc/domain/error.hpp"

namespace svc::settings {

void bad(const std::string& path, const Value& at, const std::string& what) {
  throw data_error(fmt::format("{}:{}:{}: {}", path, at.line, at.column, what));
}

void require_at_most(const Value& v, size_t most, const std::string& where, const char* what,
                     const std::string& path) {
  size_t n = v.is_map() ? v.entries.size() : v.items.size();
  if (n > most)
    bad(path, v, fmt::format("{} holds {} {}; svc.yaml may hold at most {}", where, n, what, most));
}

}  // namespace svc::settings
