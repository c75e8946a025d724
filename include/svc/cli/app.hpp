#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace svc::cli {
/// The whole program: parses argv, runs one command, maps every error to SPEC §2's exit codes.
int run(int argc, char** argv);
/// A parse error in svc's words: an unknown command, action or option named with the nearest
/// one it knows ("did you mean"), a bad value with the option and what it must be, always
/// ending with the help of the command it was typed to. `args` are argv without the program.
std::string parse_error_message(const CLI::App& app, const std::vector<std::string>& args,
                                const CLI::ParseError& e);
}  // namespace svc::cli
