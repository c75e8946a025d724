// svc completion bash|zsh|fish, and the hidden `svc __complete WORDS...` the scripts call: one
// walk over the same command tree the parser uses, so completion never drifts from the options.
#include <fmt/format.h>

#include "svc/cli/common.hpp"
#include "svc/store/datadir.hpp"

namespace svc::cli {

namespace {

const char* kBash = R"(# bash completion for svc: source <(svc completion bash)
_svc() {
  local IFS=$'\n'
  COMPREPLY=($(svc __complete "${COMP_WORDS[@]:1:$COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _svc svc
)";

const char* kZsh = R"(#compdef svc
# zsh completion for svc: source <(svc completion zsh), or save as _svc in your $fpath
_svc() {
  local -a candidates
  candidates=("${(@f)$(svc __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
  [[ -n "$candidates" ]] && compadd -- "${candidates[@]}" || _files
}
if [[ "$funcstack[1]" == "_svc" ]]; then _svc "$@"; else compdef _svc svc; fi
)";

const char* kFish = R"(# fish completion for svc: svc completion fish | source
function __svc_complete
    set -l words (commandline -opc) (commandline -ct)
    svc __complete $words[2..-1] 2>/dev/null
end
complete -c svc -f -a '(__svc_complete)'
)";

// "TEXT:{repair,install}" -> {repair, install}: the values an IsMember check allows.
std::vector<std::string> enum_values(const CLI::Option* opt) {
  std::string type = opt->get_type_name();
  size_t open = type.find('{'), close = type.rfind('}');
  std::vector<std::string> values;
  if (open == std::string::npos || close == std::string::npos) return values;
  std::string list = type.substr(open + 1, close - open - 1);
  for (size_t start = 0; start <= list.size();) {
    size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) values.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return values;
}

const CLI::Option* find_option(const CLI::App* app, const CLI::App& top, const std::string& word) {
  for (const CLI::App* a : {app, &top})
    for (const CLI::Option* o : a->get_options())
      if (o->check_lname(word.substr(word.rfind('-', 2) == 1 ? 2 : 1)) ||
          (word.size() == 2 && o->check_sname(word.substr(1))))
        return o;
  return nullptr;
}


// Record IDs for an `ID` argument, from the data directory the line names (or the usual one).
std::vector<std::string> record_ids(const store::Kind& kind, const std::string& data) {
  std::vector<std::string> ids;
  try {
    std::optional<std::string> flag;
    if (!data.empty()) flag = data;
    auto root = store::find_data_dir(flag, std::getenv("SVC_DATA"), store::fs::current_path());
    store::DataDir dir(root, kind_rules());
    for (const auto& f : dir.files(kind)) ids.push_back(f.stem().string());
  } catch (...) {
    // No data directory here: nothing to offer.
  }
  return ids;
}

std::vector<std::string> candidates(const CLI::App& top, const std::vector<std::string>& words) {
  const CLI::App* app = &top;
  std::string command, data;
  const CLI::Option* pending = nullptr;  // an option whose value comes next
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& w = words[i];
    if (pending) {
      if (pending->get_name() == "--data") data = w;
      pending = nullptr;
    } else if (w.size() > 1 && w[0] == '-' && w.find('=') == std::string::npos) {
      const CLI::Option* o = find_option(app, top, w);
      if (o && o->get_type_size() != 0 && o->get_expected_max() > 0) pending = o;
    } else if (w.rfind("--data=", 0) == 0) {
      data = w.substr(7);
    } else {
      for (const CLI::App* sub : app->get_subcommands({}))
        if (sub->get_name() == w) {
          if (app == &top) command = w;
          app = sub;
          break;
        }
    }
  }
  std::vector<std::string> out;
  if (pending) return enum_values(pending);  // empty: the shell completes file names
  const std::string& current = words.empty() ? std::string() : words.back();
  if (!current.empty() && current[0] == '-') {
    for (const CLI::App* a : {app, &top})
      for (const CLI::Option* o : a->get_options())
        for (const auto& name : o->get_lnames()) out.push_back("--" + name);
    return out;
  }
  for (const CLI::App* sub : app->get_subcommands({}))
    if (!sub->get_name().empty() && sub->get_name()[0] != '_' && !sub->get_group().empty())
      out.push_back(sub->get_name());
  for (const CLI::Option* o : app->get_options()) {
    if (!o->get_positional()) continue;
    for (const auto& v : enum_values(o)) out.push_back(v);
    if (o->get_name() == "ID")
      if (const RecordKind* kind = kind_named(command))
        for (const auto& id : record_ids(kind->rules, data)) out.push_back(id);
  }
  return out;
}

}  // namespace

void setup_completion(CLI::App& app, Globals& g) {
  (void)g;
  auto* cmd = app.add_subcommand("completion", "print a shell completion script");
  cmd->footer(
      "Examples:\n  source <(svc completion bash)\n  svc completion zsh > ~/.zfunc/_svc\n"
      "  svc completion fish | source\n"
      "Completes commands, actions, options, their values and record IDs from the data "
      "directory.");
  auto shell = std::make_shared<std::string>();
  cmd->add_option("SHELL", *shell, "bash|zsh|fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->callback([shell] { out(*shell == "bash" ? kBash : *shell == "zsh" ? kZsh : kFish); });
}

std::string complete_words(const CLI::App& app, const std::vector<std::string>& words) {
  const std::string current = words.empty() ? "" : words.back();
  std::string text;
  for (const auto& c : candidates(app, words))
    if (c.rfind(current, 0) == 0) text += c + "\n";
  return text;
}

}  // namespace svc::cli
