#pragma once
#include <string>

#include "svc/domain/settings.hpp"

namespace svc::store {

/// Settings from svc.yaml text laid over the shipped defaults (maps merge, lists replace).
/// Throws data_error "PATH:LINE:COL: ..." on a bad value.
Settings load_settings(const std::string& text, const std::string& path);

}  // namespace svc::store
