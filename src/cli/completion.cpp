// svc completion bash|zsh
#include <fmt/format.h>

#include "svc/cli/common.hpp"

namespace svc::cli {

namespace {
std::string words_of(const CLI::App& app) {
  std::string words;
  for (const CLI::App* sub : app.get_subcommands({}))
    words += (words.empty() ? "" : " ") + sub->get_name();
  return words;
}
}  // namespace

void setup_completion(CLI::App& app, Globals& g) {
  (void)g;
  auto* cmd = app.add_subcommand("completion", "print a shell completion script");
  cmd->footer("Example:\n  source <(svc completion bash)");
  auto shell = std::make_shared<std::string>();
  cmd->add_option("SHELL", *shell, "bash|zsh")->required()->check(CLI::IsMember({"bash", "zsh"}));
  cmd->callback([shell, &app] {
    std::string cases;
    for (const CLI::App* sub : app.get_subcommands({}))
      if (!sub->get_subcommands({}).empty())
        cases += fmt::format("    {}) words=\"{}\";;\n", sub->get_name(), words_of(*sub));
    std::string script = fmt::format(
        "_svc() {{\n  local cur=${{COMP_WORDS[COMP_CWORD]}} words\n  if [ $COMP_CWORD -eq 1 ]; "
        "then words=\"{}\"; else\n"
        "  case ${{COMP_WORDS[1]}} in\n{}    *) words=\"\";;\n  esac; fi\n"
        "  COMPREPLY=($(compgen -W \"$words --data --at --as --format --quiet --help\" -- "
        "\"$cur\"))\n}}\n",
        words_of(app), cases);
    if (*shell == "zsh") script = "autoload -U +X bashcompinit && bashcompinit\n" + script;
    out(script + "complete -F _svc svc\n");
  });
}

}  // namespace svc::cli
