#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "svc/domain/settings.hpp"

namespace svc::store {

/// The most bytes svc.yaml may hold: settings, not data (the shipped defaults are 11 KB).
constexpr std::uintmax_t kMaxSettingsBytes = 256 * 1024;

/// Throws data_error "PATH: the file is N bytes; svc.yaml may have at most ..." when `bytes` is
/// over kMaxSettingsBytes.
void require_settings_size(std::uintmax_t bytes, const std::string& path);
/// The same by the file's size, before anything reads it: a huge svc.yaml is never read whole.
/// A link or a file that cannot be looked at is left to the reader to refuse.
void refuse_oversized_settings(const std::filesystem::path& path, const std::string& shown);

/// Settings from svc.yaml text laid over the shipped defaults (maps merge, lists replace).
/// Throws data_error "PATH:LINE:COL: ..." on a bad value.
Settings load_settings(const std::string& text, const std::string& path);

}  // namespace svc::store
