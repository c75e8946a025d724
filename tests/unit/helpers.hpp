#pragma once
// Shared fixtures for unit tests: the shipped settings and a clock at a local time.
#include <optional>
#include <string>

#include "svc/calendar/time.hpp"
#include "svc/cli/kinds.hpp"
#include "svc/domain/settings.hpp"
#include "svc/store/settings_io.hpp"

namespace svc::test {

/// Settings from svc.yaml text over the shipped defaults, for every kind svc has.
inline Settings load_settings(const std::string& text, const std::string& path) {
  return store::load_settings(text, path, cli::kind_rules());
}

inline const Settings& shipped() {
  static const Settings s = load_settings("{}", "svc.yaml");
  return s;
}

/// "2026-09-24 16:00" at +08:00.
inline Time local(const std::string& s) { return *parse_time(s, 8 * 3600); }
inline std::string show(Time t) { return format_time_short(t, 8 * 3600); }
/// A time found on a clock, or "none" when the search gave up.
inline std::string show(std::optional<Time> t) { return t ? show(*t) : "none"; }

}  // namespace svc::test
