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

Record decode_record(std::string_view bytes, std::size_t events, bool event_data) {
  codec::Reader in{bytes};
  Record r;
  r.id.assign(in.view());
  in.value(r.fields);
  if (events == 0) return r;
  size_t n = in.len();
  if (n > bytes.size()) in.bad();
  r.history.reserve(std::min(n, events));
  for (size_t i = 0; i < n && i < events; ++i) {
    Event& e = r.history.emplace_back();
    e.at.assign(in.view());
    e.by.assign(in.view());
    e.action.assign(in.view());
    if (event_data)
      in.value(e.data);
    else
      in.skip();
  }
  if (events >= n && in.at != bytes.size()) in.bad();
  return r;
}

}  // namespace svc::store
