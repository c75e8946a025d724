#pragma once
// What list, show and log do alike for every kind of record.
#include <functional>
#include <initializer_list>
#include <string>

#include "svc/cli/common.hpp"

namespace svc::cli {

/// Refuses a --format this view cannot produce, before any file is read.
void require_format(const Globals& g, std::initializer_list<const char*> allowed, const char* view);
/// Calls `visit` with every readable record of a kind, one at a time; each bad file or link is
/// one warning line. Returns how many could not be read.
int for_each_record(const RecordKind& kind, const store::DataDir& dir,
                    const std::function<void(const Record&)>& visit);
/// Throws the "list is incomplete" data error when files could not be read.
void require_complete(int bad);
/// The deadlines block of `show`: each step, its due time, its state, when it was done; then
/// the actions allowed next. `head_width` lines the heading up with the rest of `show`.
std::string deadlines_text(const RecordKind& kind, const Record& r, const Session& s,
                           int head_width);
/// The history, one line per event, oldest first, stored text escaped.
std::string log_text(const Record& r, const Session& s);
/// Records of `kind` whose `links.<field>` names `id`: the other side of a link, for `show`.
std::vector<std::string> linked_from(const RecordKind& kind, const store::DataDir& dir,
                                     const std::string& field, const std::string& id);
/// `svc KIND edit ID [--resume|--discard]`: the draft in $EDITOR, never overwritten once kept;
/// the kind's decide_edit says what may change; nothing `check` would reject is written.
void setup_edit(CLI::App& parent, Globals& g, const RecordKind& kind);
/// `svc KIND log ID`.
void setup_log(CLI::App& parent, Globals& g, const RecordKind& kind);

}  // namespace svc::cli
