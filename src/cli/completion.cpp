// svc completion bash|zsh|fish, and the hidden `svc __complete SHELL WORDS...` the scripts call:
// one walk over the same command tree the parser uses, so completion never drifts from the
// options. The values come from the data directory the line names (completion_values.cpp).
//
// What __complete prints, one line each: a candidate (zsh and fish: VALUE TAB DESCRIPTION), or
// first a marker the scripts act on: `:files` or `:dirs` (complete paths there), `:replace`
// (zsh: the one candidate replaces the word, an ID named by its ending).
#include "svc/cli/completion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <regex>

#include "svc/cli/common.hpp"
#include "svc/cli/record_views.hpp"

namespace svc::cli {

namespace {

using completion::Candidate;

const char* kBash = R"(# bash completion for svc: source <(svc completion bash)
# (Debian: /usr/share/bash-completion/completions/svc, read by bash-completion.)
_svc() {
  local cur words cword
  if declare -F _get_comp_words_by_ref > /dev/null; then
    _get_comp_words_by_ref -n =: -c cur -w words -i cword  # ITEM=LEVEL and --opt=V stay one word
  else
    cur=${COMP_WORDS[COMP_CWORD]} cword=$COMP_CWORD
    words=("${COMP_WORDS[@]}")
  fi
  local -a lines
  mapfile -t lines < <(svc __complete bash "${words[@]:1:cword}" 2> /dev/null)
  COMPREPLY=()
  case ${lines[0]-} in
    :files | :dirs)
      [[ $cur == --*=* ]] && cur=${cur#*=}
      if declare -F _filedir > /dev/null; then
        if [[ ${lines[0]} == :dirs ]]; then _filedir -d; else _filedir; fi
      else
        compopt -o filenames 2> /dev/null
        if [[ ${lines[0]} == :dirs ]]; then
          mapfile -t COMPREPLY < <(compgen -d -- "$cur")
        else
          mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        fi
      fi
      return
      ;;
  esac
  # readline replaces only what follows the word's last = or : (COMP_WORDBREAKS).
  local line broken=${cur%"${cur##*[=:]}"}
  for line in "${lines[@]}"; do
    [[ $line == *= ]] && compopt -o nospace 2> /dev/null
    line=${line#"$broken"}
    [[ $line == *[[:space:]\'\"\\\$\`\;\&\|\<\>\(\)\*\?\[\]\#\~\!]* ]] && printf -v line %q "$line"
    COMPREPLY+=("$line")
  done
}
complete -F _svc svc
)";

const char* kZsh = R"(#compdef svc
# zsh completion for svc: save as _svc in your $fpath, or source <(svc completion zsh) after
# compinit. (Debian: /usr/share/zsh/vendor-completions/_svc.)
_svc() {
  local -a lines values shown eq_values eq_shown how
  local line value described
  lines=("${(@f)$(svc __complete zsh "${(@)words[2,CURRENT]}" 2>/dev/null)}")
  case $lines[1] in
    (:files|:dirs)
      [[ $PREFIX == --*=* ]] && compset -P '*='
      if [[ $lines[1] == :dirs ]]; then _files -/; else _files; fi
      return
      ;;
    (:replace) how=(-U); shift lines ;;
  esac
  integer width=0
  for line in $lines; do
    value=${line%%$'\t'*}
    (( ${(m)#value} > width )) && width=${(m)#value}
  done
  for line in $lines; do
    [[ -n $line ]] || continue
    value=${line%%$'\t'*}
    if [[ $line == *$'\t'* ]]; then
      described=1
      line="${(mr:width:)value}  -- ${line#*$'\t'}"
    fi
    if [[ $value == *= ]]; then
      eq_values+=("$value") eq_shown+=("$line")
    else
      values+=("$value") shown+=("$line")
    fi
  done
  (( described )) && how+=(-l)
  local ret=1
  (( $#values )) && compadd "${how[@]}" -d shown -- "${values[@]}" && ret=0
  (( $#eq_values )) && compadd "${how[@]}" -S '' -d eq_shown -- "${eq_values[@]}" && ret=0
  return ret
}
if [[ "$funcstack[1]" == "_svc" ]]; then _svc "$@"; else compdef _svc svc; fi
)";

const char* kFish = R"(# fish completion for svc: svc completion fish | source
# (Debian: /usr/share/fish/vendor_completions.d/svc.fish.)
function __svc_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l lines (svc __complete fish $words[2..-1] 2>/dev/null)
    switch "$lines[1]"
        case :files :dirs
            set -l token (commandline -ct)
            set -l option (string match -r -- '^--[^=]*=' $token)
            set -q option[1]; or set option ''
            set token (string replace -r -- '^--[^=]*=' '' $token)
            if test "$lines[1]" = :dirs
                set lines (__fish_complete_directories $token)
            else
                set lines (__fish_complete_path $token)
            end
            printf '%s\n' $option$lines
        case '*'
            printf '%s\n' $lines
    end
end
complete -c svc -f -a '(__svc_complete)'
)";

enum class Shell { bash, zsh, fish };

/// What one completion offers.
struct Offer {
  std::vector<Candidate> candidates;
  const char* marker = nullptr;  ///< ":files" or ":dirs": the shell completes paths
  bool ids = false;              ///< record IDs, to match by their endings
  bool replaces = false;         ///< the one candidate replaces the word (zsh: `:replace`)
};

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

// "urban|suburban|remote": the values a help text lists, where the domain checks them.
std::vector<std::string> help_values(const CLI::Option* opt) {
  static const std::regex listed("^[A-Za-z0-9_]+(\\|[A-Za-z0-9_]+)+$");
  std::vector<std::string> values;
  const std::string& help = opt->get_description();
  if (!std::regex_match(help, listed)) return values;
  for (size_t start = 0; start <= help.size();) {
    size_t bar = std::min(help.find('|', start), help.size());
    values.push_back(help.substr(start, bar - start));
    start = bar + 1;
  }
  return values;
}

// The option `word` names ("--to", "-q") on `app` or a command above it.
const CLI::Option* option_named(const CLI::App* app, const std::string& word) {
  for (; app; app = app->get_parent())
    if (const CLI::Option* o = app->get_option_no_throw(word)) return o;
  return nullptr;
}

const CLI::App* command_named(const CLI::App* app, const std::string& word) {
  for (const CLI::App* sub : app->get_subcommands({}))
    if (sub->get_name() == word) return sub;
  return nullptr;
}

bool takes_value(const CLI::Option* o) {
  return o->get_type_size() != 0 && o->get_expected_max() > 0;
}

/// The command line up to the word being completed, as the parser would read it.
struct Line {
  const CLI::App* app = nullptr;         ///< the innermost command
  const RecordKind* kind = nullptr;      ///< of `svc NOUN ...`
  std::string data;                      ///< --data
  const CLI::Option* pending = nullptr;  ///< the option whose value is being typed
  std::string prefix;                    ///< "--opt=" typed before that value in one word
  std::vector<std::string> arguments;    ///< the innermost command's positional words so far
  std::string current;
};

Line read_line(const CLI::App& top, const std::vector<std::string>& words) {
  Line line;
  line.app = &top;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& w = words[i];
    if (line.pending) {
      if (line.pending->get_name() == "--data") line.data = w;
      line.pending = nullptr;
    } else if (w.size() > 1 && w[0] == '-') {
      size_t eq = w.find('=');
      const CLI::Option* o = option_named(line.app, w.substr(0, eq));
      if (o && o->get_name() == "--data" && eq != std::string::npos) line.data = w.substr(eq + 1);
      if (o && eq == std::string::npos && takes_value(o)) line.pending = o;
    } else if (const CLI::App* sub =
                   line.arguments.empty() ? command_named(line.app, w) : nullptr) {
      if (line.app == &top) line.kind = kind_named(w);
      line.app = sub;
    } else {
      line.arguments.push_back(w);
    }
  }
  line.current = words.empty() ? std::string() : words.back();
  if (!line.pending && line.current.rfind("--", 0) == 0) {
    size_t eq = line.current.find('=');
    if (eq != std::string::npos)
      if (const CLI::Option* o = option_named(line.app, line.current.substr(0, eq));
          o && takes_value(o)) {
        line.pending = o;
        line.prefix = line.current.substr(0, eq + 1);
        line.current = line.current.substr(eq + 1);
      }
  }
  return line;
}

// The positional the next argument fills: `survey record ID ANSWERS...`.
const CLI::Option* next_positional(const Line& line) {
  size_t given = line.arguments.size();
  for (const CLI::Option* o : line.app->get_options()) {
    if (!o->get_positional()) continue;
    size_t takes = static_cast<size_t>(std::max(o->get_expected_max(), 0));
    if (given < takes) return o;
    given -= takes;
  }
  return nullptr;
}

// Where the values of an option or argument come from, when neither an IsMember check nor its
// help's a|b|c lists them. `action` "" is any command.
enum class From {
  files,
  dirs,
  own_ids,
  statuses,
  templates,
  categories,
  reasons,
  departments,
  people,
  customers,
  answers
};
struct Rule {
  const char* action;
  const char* name;
  From from;
};
constexpr Rule kRules[] = {
    {"", "--data", From::dirs},
    {"init", "DIR", From::dirs},
    {"import", "FILE", From::files},
    {"", "--photo", From::files},
    {"", "ID", From::own_ids},
    {"", "--parent", From::own_ids},
    {"", "--status", From::statuses},
    {"", "--template", From::templates},
    {"", "--category", From::categories},
    {"", "--reason", From::reasons},
    {"assign", "--to", From::people},
    {"", "--helper", From::people},
    {"", "--technician", From::people},
    {"", "--tech", From::people},
    {"", "--person", From::people},
    {"", "--dept", From::departments},
    {"", "--customer", From::customers},
    {"record", "ANSWERS", From::answers},
};

std::vector<Candidate> labelled(completion::Source& source, const std::string& group,
                                const std::vector<std::string>& values) {
  std::vector<Candidate> out;
  for (const auto& v : values) out.push_back({v, completion::label_or_none(source, group, v)});
  return out;
}

Offer offer_from(From from, const Line& line, completion::Source& source) {
  const RecordKind* kind = line.kind;
  switch (from) {
    case From::files:
      return {{}, ":files"};
    case From::dirs:
      return {{}, ":dirs"};
    case From::own_ids:
      return {kind ? completion::ids(source, *kind) : std::vector<Candidate>{}, nullptr, true};
    case From::statuses:
      return {kind ? completion::statuses(source, *kind) : std::vector<Candidate>{}};
    case From::templates:
      return {completion::templates(source)};
    case From::categories:
      return {completion::categories(source)};
    case From::reasons:
      return {kind ? completion::reasons(source, *kind, line.app->get_name())
                   : std::vector<Candidate>{}};
    case From::departments:
      return {completion::departments(source)};
    case From::people:
      return {completion::people(source)};
    case From::customers:
      return {completion::customers(source)};
    case From::answers:
      if (kind != &survey_kind() || line.arguments.empty()) return {};
      return {completion::answers(source, line.arguments.front(),
                                  {line.arguments.begin() + 1, line.arguments.end()},
                                  line.current)};
  }
  return {};
}

// The values of an option or positional argument.
Offer values_of(const CLI::Option* o, const Line& line, completion::Source& source) {
  std::string name = o->get_name();
  std::string group = name.rfind("--", 0) == 0 ? name.substr(2) : name;
  if (name == "--format") {
    if (const auto* formats = accepted_formats(*line.app)) return {labelled(source, "", *formats)};
    // hledger is only for the command that declares it (parts export).
    auto values = enum_values(o);
    std::erase(values, "hledger");
    return {labelled(source, group, values)};
  }
  if (auto values = enum_values(o); !values.empty()) return {labelled(source, group, values)};
  if (auto values = help_values(o); !values.empty()) return {labelled(source, group, values)};
  // --ticket, --complaint, --return: an ID of that kind.
  if (const RecordKind* named = name.rfind("--", 0) == 0 ? kind_named(group) : nullptr)
    return {completion::ids(source, *named), nullptr, true};
  for (const Rule& rule : kRules)
    if (name == rule.name && (!*rule.action || line.app->get_name() == rule.action))
      return offer_from(rule.from, line, source);
  return {};
}

Offer options_of(const CLI::App* app) {
  Offer offer;
  for (; app; app = app->get_parent())
    for (const CLI::Option* o : app->get_options())
      for (const auto& name : o->get_lnames())
        if (std::none_of(offer.candidates.begin(), offer.candidates.end(),
                         [&](const Candidate& c) { return c.value == "--" + name; }))
          offer.candidates.push_back({"--" + name, o->get_description()});
  return offer;
}

Offer commands_and_arguments(const Line& line, completion::Source& source) {
  Offer offer;
  if (line.arguments.empty())
    for (const CLI::App* sub : line.app->get_subcommands({}))
      if (!sub->get_name().empty() && sub->get_name()[0] != '_' && !sub->get_group().empty())
        offer.candidates.push_back({sub->get_name(), sub->get_description()});
  if (const CLI::Option* o = next_positional(line)) {
    Offer values = values_of(o, line, source);
    if (values.marker || offer.candidates.empty()) return values;
    for (auto& c : values.candidates) offer.candidates.push_back(std::move(c));
  }
  return offer;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Where `typed` matches `id` as the start of an ending: at its start, after a '-', or anywhere
// in its last part (the serial: `1` or `0001` for T-2611-0001); npos for no match.
size_t ending_match(const std::string& id, const std::string& typed) {
  const std::string i = lower(id), t = lower(typed);
  const size_t serial = i.rfind('-') == std::string::npos ? 0 : i.rfind('-') + 1;
  for (size_t at = 0; at + t.size() <= i.size(); ++at)
    if ((at == 0 || i[at - 1] == '-' || at >= serial) && i.compare(at, t.size(), t) == 0) return at;
  return std::string::npos;
}

// IDs for a word typed as an ID or an ending of it. fish matches within words itself and
// replaces the word: the whole IDs. bash and zsh match at the start: one match is the whole ID
// (it replaces the word), several are their endings from where the word matched.
Offer ids_for(const std::vector<Candidate>& all, const std::string& typed, Shell shell) {
  Offer offer;
  std::vector<std::pair<const Candidate*, size_t>> matches;
  for (const Candidate& c : all)
    if (size_t at = ending_match(c.value, typed); at != std::string::npos)
      matches.emplace_back(&c, at);
  if (shell == Shell::fish || matches.size() == 1) {
    for (const auto& [c, at] : matches) offer.candidates.push_back(*c);
    offer.replaces = matches.size() == 1 && matches[0].first->value.rfind(typed, 0) != 0;
    return offer;
  }
  for (const auto& [c, at] : matches) {
    std::string ending = typed + c->value.substr(at + typed.size());
    auto same = std::find_if(offer.candidates.begin(), offer.candidates.end(),
                             [&](const Candidate& o) { return o.value == ending; });
    std::string shown = lower(ending) == lower(c->value)
                            ? c->description
                            : fmt::format("{} {}", c->value, c->description);
    if (same == offer.candidates.end())
      offer.candidates.push_back({ending, shown});
    else
      same->description += "; " + shown;
  }
  return offer;
}

Offer offer_for(const CLI::App& top, const std::vector<std::string>& words, Shell shell) {
  Line line = read_line(top, words);
  completion::Source source(line.data);
  Offer offer;
  if (line.pending)
    offer = values_of(line.pending, line, source);
  else if (!line.current.empty() && line.current[0] == '-')
    return options_of(line.app);
  else
    offer = commands_and_arguments(line, source);
  if (offer.ids) offer = ids_for(offer.candidates, line.current, shell);
  if (!line.prefix.empty())
    for (auto& c : offer.candidates) c.value = line.prefix + c.value;
  return offer;
}

std::string one_line(std::string s) {
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return s;
}

Shell shell_named(const std::string& name) {
  return name == "zsh" ? Shell::zsh : name == "fish" ? Shell::fish : Shell::bash;
}

}  // namespace

void setup_completion(CLI::App& app, Globals& g) {
  (void)g;
  auto* cmd = app.add_subcommand("completion", "print a shell completion script");
  cmd->footer(
      "Examples:\n  source <(svc completion bash)\n  svc completion zsh > ~/.zfunc/_svc\n"
      "  svc completion fish | source\n"
      "Completes commands, actions, options and their values: statuses, templates, categories, "
      "people, departments, customers and record IDs (or their endings) from the data "
      "directory, survey answers ITEM=LEVEL, file names where a path is expected.");
  auto shell = std::make_shared<std::string>();
  cmd->add_option("SHELL", *shell, "bash|zsh|fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->callback([shell] { out(*shell == "bash" ? kBash : *shell == "zsh" ? kZsh : kFish); });
}

std::string complete_words(const CLI::App& app, const std::vector<std::string>& args) {
  if (args.empty()) return "";
  Shell shell = shell_named(args.front());
  const std::vector<std::string> words(args.begin() + 1, args.end());
  Offer offer = offer_for(app, words, shell);
  std::string typed = words.empty() ? "" : words.back();
  if (offer.marker) return std::string(offer.marker) + "\n";
  std::string text = offer.replaces && shell == Shell::zsh ? ":replace\n" : "";
  for (const Candidate& c : offer.candidates) {
    // bash offers what it is given: only what starts with the word (or the one replacing it).
    if (shell == Shell::bash && !offer.replaces && c.value.rfind(typed, 0) != 0) continue;
    text += one_line(c.value);
    if (shell != Shell::bash && !c.description.empty()) text += "\t" + one_line(c.description);
    text += "\n";
  }
  return text;
}

}  // namespace svc::cli
