// libFuzzer target for the record reader: any bytes must end in a record or an svc::Error,
// never a crash, a hang or unbounded memory. And whatever svc accepts is one reading in every
// reader: the fast reader (where it takes the file) gives what the full one gives, positions
// included; libfyaml (YAML 1.2) reads the same values and types; and what svc writes back reads
// again to the very same file (a rewrite that fails to read is a finding, not a skip). PyYAML's
// side of the same equality is tests/tools/differential.py. Run: scripts/fuzz.sh [SECONDS]
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "../support/typed_view.hpp"
#include "../support/value_difference.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/ticket.hpp"
#include "svc/store/record_io.hpp"
#include "svc/store/yaml.hpp"

namespace {

[[noreturn]] void finding(const char* what, const std::string& detail = "") {
  std::fprintf(stderr, "finding: %s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::optional<svc::Value> doc;
  try {
    doc = svc::store::parse_yaml(text, "fuzz");
  } catch (const svc::Error&) {
    return 0;  // refused with path:line:col: the expected end for hostile bytes
  }
  if (auto fast = svc::store::parse_written_form(text)) {
    svc::Value full;
    try {
      full = svc::store::parse_yaml_full(text, "fuzz");
    } catch (const svc::Error& e) {
      finding("the fast reader took a file the full reader refuses", e.what());
    }
    if (std::string d = svc::test::difference(*fast, full); !d.empty())
      finding("the fast and the full reader disagree", d);
  }
  const std::string ours = svc::test::svc_typed(*doc);
  std::optional<std::string> theirs = svc::test::fy_typed(text);
  if (!theirs) finding("svc accepted a file libfyaml refuses");
  if (*theirs != ours) finding("svc and libfyaml read different values", ours + "\n" + *theirs);
  std::vector<svc::store::Problem> problems;
  svc::Record r;
  try {
    r = svc::store::record_from_value(*doc, "fuzz", problems);
  } catch (const svc::Error&) {
    return 0;
  }
  if (!problems.empty()) return 0;
  svc::record::money_as_text(svc::ticket::rules(), r);  // as every read does: money as text
  // What check does with a record that parsed.
  if (svc::ticket::validate(r).empty()) {
    (void)svc::record::check_history(svc::ticket::rules(), r);
    (void)svc::record::compare_with_replay(svc::ticket::rules(), r);
  }
  const std::string written = svc::store::record_text(r);
  std::vector<svc::store::Problem> again;
  svc::Record back;
  try {
    back = svc::store::record_from_value(svc::store::parse_yaml(written, "rewritten"), "rewritten",
                                         again);
  } catch (const svc::Error& e) {
    finding("svc wrote a file it cannot read back", std::string(e.what()) + "\n" + written);
  }
  if (!again.empty() || svc::store::record_text(back) != written)
    finding("svc's rewrite does not read back to itself", written);
  if (svc::test::fy_typed(written) != svc::test::svc_typed(svc::store::parse_yaml(written, "w")))
    finding("libfyaml reads svc's rewrite differently", written);
  return 0;
}
