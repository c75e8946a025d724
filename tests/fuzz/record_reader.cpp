// libFuzzer target for the record reader: any bytes must end in a record or an svc::Error,
// never a crash, a hang or unbounded memory; and whatever svc reads, it writes back so that it
// reads again to the very same file; and the fast reader agrees with the full one wherever it
// takes a file. Run: scripts/fuzz.sh [SECONDS]
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "../support/value_difference.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/ticket.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (auto fast = svc::store::parse_written_form(text)) {
    try {
      // The fast reader of svc's own form must give what the full reader gives, positions included.
      if (!svc::test::difference(*fast, svc::store::parse_yaml_full(text, "fuzz")).empty())
        std::abort();
    } catch (const svc::Error&) {
      // The full reader refused: only for bytes (check_bytes), which parse_yaml checks before
      // the fast reader, so parse_yaml must refuse too.
      bool refused = false;
      try {
        (void)svc::store::parse_yaml(text, "fuzz");
      } catch (const svc::Error&) {
        refused = true;
      }
      if (!refused) std::abort();
    }
  }
  try {
    std::vector<svc::store::Problem> problems;
    svc::Record r =
        svc::store::record_from_value(svc::store::parse_yaml(text, "fuzz"), "fuzz", problems);
    if (!problems.empty()) return 0;
    // What check does with a record that parsed.
    if (svc::ticket::validate(r).empty()) {
      (void)svc::ticket::check_history(r, 4102444800);
      (void)svc::ticket::compare_with_replay(r);
    }
    const std::string written = svc::store::record_text(r);
    std::vector<svc::store::Problem> again;
    svc::Record back = svc::store::record_from_value(svc::store::parse_yaml(written, "rewritten"),
                                                     "rewritten", again);
    if (!again.empty() || svc::store::record_text(back) != written) std::abort();
  } catch (const svc::Error&) {
    // A refusal with path:line:col: the expected end for hostile bytes.
  }
  return 0;
}
