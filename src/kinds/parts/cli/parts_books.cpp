// The parts ledger read from the data directory: slips and the tickets' part events.
#include "svc/cli/parts_books.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "svc/cli/output.hpp"
#include "svc/cli/record_views.hpp"

namespace svc::cli {

namespace {

Wanted posting() {
  Wanted w;
  w.posting = true;
  return w;
}

}  // namespace

BooksRead read_books(const Session& s) {
  BooksRead read;
  const int off = s.offset();
  for (const auto& [number, info] : parts::config(s.settings()).list)
    read.books.known.insert(number);
  read.bad = for_each_record(
      {&parts_kind(), &ticket_kind()}, s.dir(),
      [&](const RecordKind& kind, const Record& r) {
        std::vector<parts::Movement> moves;
        if (&kind == &parts_kind()) {
          moves = parts::slip_movements(r, off);
          for (auto& part : parts::received_parts(r)) read.books.known.insert(part);
          if (auto c = parts::count_of(r, off)) read.counts.push_back(std::move(*c));
        } else {
          moves = parts::ticket_movements(r, off);
        }
        for (auto& m : moves) {
          read.books.places.insert(m.from);
          read.books.places.insert(m.to);
          read.books.moves.push_back(std::move(m));
        }
      },
      posting());
  return read;
}

std::vector<std::string> consumption_warnings(const Session& s, const std::string& ticket,
                                              const std::string& part) {
  std::vector<std::string> out;
  BooksRead read = read_books(s);
  // An office that keeps no ledger (no slip yet) hears nothing of it.
  if (std::none_of(read.books.moves.begin(), read.books.moves.end(),
                   [](const parts::Movement& m) { return m.by_slip; }))
    return out;
  if (!read.books.known.count(part))
    out.push_back(fmt::format(
        "{} is not in svc.yaml's parts.list and no receive slip brought it: the ledger counts it "
        "as written",
        part));
  parts::Ledger l = parts::replay(read.books.moves);
  const parts::Posted* used = nullptr;  // the call's latest use of the part
  for (const auto& p : l.posted)
    if (p.move.slip == ticket && p.move.to == "customer" && p.move.part == part) used = &p;
  if (!used) return out;
  if (used->fell_back)
    out.push_back(fmt::format("the technician held too few {}: the {} come out of the store", part,
                              used->move.qty));
  if (used->from_after.qty < 0 && l.kept.count(part))
    out.push_back(
        fmt::format("{} now holds {} {}: svc check reports it until a receive or a "
                    "count puts it right",
                    used->move.from, used->from_after.qty, part));
  return out;
}

namespace {

// check's view of the ledger: every slip's and call's movements and every count, then the
// shortfalls and the counts that disagree, each naming its file.
class BooksCheck final : public CrossCheck {
 public:
  explicit BooksCheck(const Settings& s) : offset_(s.calendar.utc_offset_s) {}
  void add(const RecordKind& kind, const Record& r, const std::string& shown) override {
    std::vector<parts::Movement> moves;
    if (&kind == &parts_kind()) {
      moves = parts::slip_movements(r, offset_);
      if (auto c = parts::count_of(r, offset_)) counts_.push_back(std::move(*c));
    } else if (&kind == &ticket_kind()) {
      moves = parts::ticket_movements(r, offset_);
    }
    if (!moves.empty()) files_[r.id] = shown;
    for (auto& m : moves) moves_.push_back(std::move(m));
  }
  std::vector<std::string> problems() const override {
    std::vector<std::string> out;
    for (const auto& p : parts::books_problems(moves_, counts_, offset_)) {
      auto it = files_.find(p.slip);
      out.push_back(fmt::format("{}: {}", it == files_.end() ? p.slip : it->second, p.message));
    }
    return out;
  }

 private:
  int offset_;
  parts::Movements moves_;
  std::vector<parts::Count> counts_;
  std::map<std::string, std::string> files_;
};

}  // namespace

std::vector<DerivedDue> old_parts_due(const Session& s) {
  std::vector<DerivedDue> out;
  BooksRead read = read_books(s);
  parts::Ledger l = parts::replay(read.books.moves, s.now(), false);
  const std::string store = label(s.settings(), "head", "parts_store");
  for (const auto& o : parts::old_parts(l, s.offset()))
    out.push_back(
        {store, o.lot.slip, "old_parts", fmt::format("{} x{}", o.lot.part, o.lot.qty), o.due});
  return out;
}

std::unique_ptr<CrossCheck> books_check(const Settings& s) {
  return std::make_unique<BooksCheck>(s);
}

}  // namespace svc::cli
