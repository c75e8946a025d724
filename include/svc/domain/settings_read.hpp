#pragma once
// What every reader of a section of svc.yaml shares (the machinery's and each kind's own): the
// one form of a refusal, and the most entries a list or map may hold.
#include <cstddef>
#include <string>

#include "svc/domain/value.hpp"

namespace svc::settings {

/// Throws data_error "PATH:LINE:COL: WHAT" at the value a setting is wrong in.
[[noreturn]] void bad(const std::string& path, const Value& at, const std::string& what);

// The most entries each list or map of svc.yaml may hold (docs/DECISIONS.md): an office's
// settings are short, and a list longer than these is a mistake, refused before it is read.
constexpr size_t kMaxCategories = 1000;
constexpr size_t kMaxCalendarEntries = 2000;  // holidays or make-up days, each a date or range
constexpr size_t kMaxHours = 24;              // working-hour spans of a day
constexpr size_t kMaxRules = 100;             // per step, and steps per sla table
constexpr size_t kMaxTemplates = 50;
constexpr size_t kMaxSections = 50;  // per template
constexpr size_t kMaxItems = 200;    // per template
constexpr size_t kMaxLevels = 9;     // of a scale, 1-9
constexpr size_t kMaxPeople = 1000;  // bonus, base points and tolerance per person
constexpr size_t kMaxUnknownWarnings = 10;

/// Refuses a list or map of more than `most` entries: "WHERE holds N WHAT; svc.yaml may hold at
/// most MOST".
void require_at_most(const Value& v, size_t most, const std::string& where, const char* what,
                     const std::string& path);

}  // namespace svc::settings
