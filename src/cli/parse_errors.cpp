// The command line's mistakes in svc's words: the word that was wrong named, what was likely
// meant ("did you mean"), and the help of the command it was typed to.
#include <fmt/format.h>

#include <regex>

#include "svc/cli/app.hpp"
#include "svc/domain/text.hpp"

namespace svc::cli {

namespace {

std::vector<const CLI::App*> commands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

const CLI::App* command_named(const CLI::App& app, const std::string& name) {
  for (const CLI::App* c : commands_of(app))
    if (c->get_name() == name) return c;
  return nullptr;
}

// The option `name` ("--customer", "-q") of `app` or of a command above it (global options
// fall through to every command).
const CLI::Option* option_named(const CLI::App* app, const std::string& name) {
  for (; app; app = app->get_parent())
    if (const CLI::Option* o = app->get_option_no_throw(name)) return o;
  return nullptr;
}

// Every long option `app` and the commands above it take, "--customer".
std::vector<std::string> long_options(const CLI::App* app) {
  std::vector<std::string> out;
  for (; app; app = app->get_parent())
    for (const CLI::Option* o : app->get_options())
      for (const auto& name : o->get_lnames()) out.push_back("--" + name);
  return out;
}

std::string path_of(const CLI::App* app) {
  std::string path;
  for (; app; app = app->get_parent())
    path = path.empty() ? app->get_name() : app->get_name() + " " + path;
  return path;
}

std::string see(const CLI::App* app) { return fmt::format(" (see {} --help)", path_of(app)); }

std::string did_you_mean(const std::string& typed, const std::vector<std::string>& candidates) {
  std::string near = closest(typed, candidates);
  return near.empty() ? "" : fmt::format("; did you mean {}?", near);
}

// What a value of this option must be, in words.
std::string expected(const CLI::Option& o) {
  const std::string type = o.get_type_name();
  if (type == "INT" || type == "UINT") return "a whole number";
  if (type == "FLOAT") return "a number";
  return "a value of type " + type;
}

}  // namespace

std::string parse_error_message(const CLI::App& app, const std::vector<std::string>& args,
                                const CLI::ParseError& e) {
  // Walk the words as the parser did: commands down the tree, options with their values.
  const CLI::App* at = &app;
  bool positionals = false;  // past the commands: the rest are the command's arguments
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--") break;
    if (word.size() > 1 && word[0] == '-') {
      const std::string name = word.substr(0, word.find('='));
      const CLI::Option* o = option_named(at, name);
      if (!o) {
        if (name.rfind("--", 0) == 0)
          return fmt::format("{} has no option {}{}{}", path_of(at), name,
                             did_you_mean(name, long_options(at)), see(at));
        return fmt::format("{} has no option {}{}", path_of(at), name, see(at));
      }
      if (word.find('=') == std::string::npos && o->get_items_expected_min() > 0) ++i;
      continue;
    }
    if (positionals) continue;
    if (const CLI::App* next = command_named(*at, word)) {
      at = next;
      continue;
    }
    if (!commands_of(*at).empty()) {
      std::vector<std::string> names;
      for (const CLI::App* c : commands_of(*at)) names.push_back(c->get_name());
      if (at == &app)
        return fmt::format("svc has no command '{}'{}{}", word, did_you_mean(word, names), see(at));
      return fmt::format("{} has no action '{}'{}{}", path_of(at), word, did_you_mean(word, names),
                         see(at));
    }
    positionals = true;
  }
  std::string message = e.what();
  std::smatch m;
  // "Could not convert: --warranty-months = abc"
  static const std::regex convert("Could not convert: (\\S+) = (.*)");
  if (std::regex_match(message, m, convert))
    if (const CLI::Option* o = option_named(at, m[1].str()))
      return fmt::format("{} '{}' is not {}{}", m[1].str(), m[2].str(), expected(*o), see(at));
  // "--month: 1 required TEXT missing"
  static const std::regex missing("(\\S+): \\d+ required \\S+ missing");
  if (std::regex_match(message, m, missing))
    return fmt::format("{} needs a value{}", m[1].str(), see(at));
  // "The following argument was not expected: extra"
  static const std::regex extra("The following arguments? (?:was|were) not expected: (.*)");
  if (std::regex_match(message, m, extra))
    return fmt::format("{} does not take '{}'{}", path_of(at), m[1].str(), see(at));
  if (message.empty()) message = "bad command line";
  return message + see(at);
}

}  // namespace svc::cli
