#pragma once
#include <string_view>

namespace svc::store {
/// The shipped data/svc.yaml, compiled in: what `svc init` writes and what missing keys fall back
/// to.
std::string_view default_settings_text();
}  // namespace svc::store
