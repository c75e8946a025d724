#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "svc/domain/record_rules.hpp"
#include "svc/domain/settings.hpp"

namespace svc::store {

/// The most bytes svc.yaml may hold: settings, not data (the shipped defaults are 11 KB).
constexpr std::uintmax_t kMaxSettingsBytes = 256 * 1024;

/// Throws data_error "PATH: the file is N bytes; svc.yaml may have at most ..." when `bytes` is
/// over kMaxSettingsBytes.
void require_settings_size(std::uintmax_t bytes, const std::string& path);

/// Settings from svc.yaml text laid over the shipped defaults (maps merge, lists replace).
/// Throws data_error "PATH:LINE:COL: ..." on a bad value.
/// `kinds` say which SLA tables and sections of their own svc.yaml may hold.
Settings load_settings(const std::string& text, const std::string& path, const Kinds& kinds);

}  // namespace svc::store
