// Reads each file named on the command line as svc does (parse_yaml: bytes, line shapes, the
// fast reader, the full one) and prints one line per file: `ok ` and the values with their
// types as JSON ({"s": text}, {"n": "1.50"}, {"b": true}, {"z": null}, {"l": [...]},
// {"m": [[key, value], ...]}), or `refused ` and svc's message. tests/tools/differential.py
// sets these beside PyYAML's and libfyaml's readings of the same files.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "svc/domain/error.hpp"
#include "svc/store/yaml.hpp"

namespace {

using svc::store::json_string;

std::string tagged(const svc::Value& v) {
  if (v.is_map()) {
    std::string out = "{\"m\": [";
    for (size_t i = 0; i < v.entries.size(); ++i)
      out += (i ? ", [" : "[") + std::string("{\"s\": ") + json_string(v.entries[i].first) + "}, " +
             tagged(v.entries[i].second) + "]";
    return out + "]}";
  }
  if (v.is_list()) {
    std::string out = "{\"l\": [";
    for (size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + tagged(v.items[i]);
    return out + "]}";
  }
  if (v.kind == svc::Value::Kind::text) return "{\"s\": " + json_string(v.scalar) + "}";
  if (v.scalar == "~") return "{\"z\": null}";
  switch (svc::store::plain_reading(v.scalar)) {
    case svc::store::PlainReading::null:
      return "{\"z\": null}";
    case svc::store::PlainReading::boolean:
      return "{\"b\": " + v.scalar + "}";
    case svc::store::PlainReading::integer:
    case svc::store::PlainReading::decimal:
      return "{\"n\": " + json_string(v.scalar) + "}";
    default:
      return "{\"s\": " + json_string(v.scalar) + "}";
  }
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    try {
      std::string line = tagged(svc::store::parse_yaml(s.str(), argv[i]));
      std::cout << "ok " << line << "\n";
    } catch (const svc::Error& e) {
      std::string m = e.what();
      for (char& c : m)
        if (c == '\n') c = ' ';
      std::cout << "refused " << m << "\n";
    }
  }
}
