#pragma once
// One error type for everything the user can fix; it carries the exit status of SPEC §2.
#include <stdexcept>
#include <string>

namespace svc {

enum class Exit : int { ok = 0, refused = 1, usage = 2, data = 3, write = 4 };

class Error : public std::runtime_error {
 public:
  Error(Exit code, const std::string& message) : std::runtime_error(message), code_(code) {}
  Exit code() const { return code_; }

 private:
  Exit code_;
};

/// Refused by the rules: illegal transition, failed validation, policy says no.
inline Error refused(const std::string& m) { return {Exit::refused, m}; }
inline Error usage_error(const std::string& m) { return {Exit::usage, m}; }
/// Bad file, not found, incomplete.
inline Error data_error(const std::string& m) { return {Exit::data, m}; }
/// Could not write: lock timeout, disk full, read-only.
inline Error write_error(const std::string& m) { return {Exit::write, m}; }

}  // namespace svc
