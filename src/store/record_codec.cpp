// The record as compact bytes and back (docs/CACHE.md): the cache keeps records this way.
#include <algorithm>

#include "codec.hpp"
#include "svc/store/cache.hpp"  // encode_record, decode_record

namespace svc::store {

using codec::put_len;
using codec::put_str;
using codec::put_value;

std::string encode_record(const Record& r) {
  std::string out;
  out.reserve(1024);
  put_str(out, r.id);
  put_value(out, r.fields);
  put_len(out, r.history.size());
  for (const auto& e : r.history) {
    put_str(out, e.at);
    put_str(out, e.by);
    put_str(out, e.action);
    put_value(out, e.data);
  }
  return out;
}

void decode_record(std::string_view bytes, Record& r, std::size_t events, bool event_data) {
  codec::Reader in{bytes};
  r.id.assign(in.view());
  in.value(r.fields);
  if (events == 0) {
    r.history.clear();
    return;
  }
  size_t n = in.len();
  if (n > bytes.size()) in.bad();
  const size_t kept = std::min(n, events);
  if (r.history.size() > kept) r.history.resize(kept);
  r.history.reserve(kept);
  for (size_t i = 0; i < kept; ++i) {
    Event& e = i < r.history.size() ? r.history[i] : r.history.emplace_back();
    e.at.assign(in.view());
    e.by.assign(in.view());
    e.action.assign(in.view());
    if (event_data) {
      in.value(e.data);
    } else {
      in.skip();
      e.data.kind = Value::Kind::map;  // as a new event's: an empty flow map
      e.data.flow = true;
      e.data.scalar.clear();
      e.data.entries.clear();
      e.data.items.clear();
      e.data.line = e.data.column = 0;
    }
  }
  if (events >= n && in.at != bytes.size()) in.bad();
}

Record decode_record(std::string_view bytes, std::size_t events, bool event_data) {
  Record r;
  decode_record(bytes, r, events, event_data);
  return r;
}

}  // namespace svc::store
