#include "svc/cli/app.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "svc/cli/common.hpp"
#include "svc/cli/output.hpp"
#include "svc/domain/error.hpp"
#include "svc/domain/text.hpp"

namespace svc::cli {

namespace {

int fail(Exit code, const std::string& message) {
  // What was printed before the error comes first, as it would without a pager.
  try {
    finish_output();
  } catch (const Error&) {
    // The terminal is gone; the error below is what matters.
  }
  // Messages quote file contents and arguments: never send their control characters raw.
  std::fprintf(stderr, "svc: error: %s\n", escape_controls(message).c_str());
  return static_cast<int>(code);
}

// `svc ticket` alone lists its actions.
bool print_help_of_bare_command(const CLI::App& app) {
  for (const CLI::App* command : app.get_subcommands()) {
    // `svc calendar` alone shows the calendar (SPEC §10); every other command lists its actions.
    if (command->get_name() == "calendar") continue;
    if (!command->get_subcommands({}).empty() && command->get_subcommands().empty()) {
      out(command->help(app.get_name()));  // "Usage: svc ticket ..."
      return true;
    }
  }
  return false;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{
      "svc - the after-sales service desk: tickets, complaints, returns, surveys, reports.\n"
      "Every record is a YAML file in a data directory kept in git.\n\n"
      "Examples:\n"
      "  svc init ./service --site BJ\n"
      "  id=$(svc ticket new -q --customer 张三 --phone 13800138000 --zone urban)\n"
      "  svc ticket assign $id --to 李四\n"
      "  svc ticket list --overdue\n",
      "svc"};
  Globals globals;
  app.set_version_flag("--version", SVC_VERSION);
  app.fallthrough();
  app.require_subcommand(0, 1);
  add_global_options(app, globals);
  setup_init(app, globals);
  setup_check(app, globals);
  setup_team(app, globals);
  setup_sync(app, globals);
  setup_merge_resolve(app, globals);
  setup_calendar(app, globals);
  for (const RecordKind* kind : all_kinds()) kind->setup(app, globals);
  setup_report(app, globals);
  setup_completion(app, globals);
  try {
    // Files are for people: a byte sequence that is not text never reaches one.
    for (int i = 1; i < argc; ++i)
      if (!valid_utf8(argv[i]))
        throw usage_error(fmt::format("argument {} is not valid UTF-8 text", i));
    if (argc >= 2 && std::string(argv[1]) == "__complete") {
      out(complete_words(app, std::vector<std::string>(argv + 2, argv + argc)));
      return 0;
    }
    app.parse(argc, argv);
    // `svc` alone is a command line without its command: the help, and a usage error's exit.
    if (app.get_subcommands().empty()) {
      std::fputs(app.help().c_str(), stderr);
      return static_cast<int>(Exit::usage);
    }
    print_help_of_bare_command(app);
    finish_output();
    return 0;
  } catch (const Error& e) {
    return fail(e.code(), e.what());
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(Exit::usage,
                parse_error_message(app, std::vector<std::string>(argv + 1, argv + argc), e));
  } catch (const std::exception& e) {
    return fail(Exit::data, e.what());
  }
}

}  // namespace svc::cli
