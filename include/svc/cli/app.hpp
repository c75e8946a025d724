#pragma once

namespace svc::cli {
/// The whole program: parses argv, runs one command, maps every error to SPEC §2's exit codes.
int run(int argc, char** argv);
}  // namespace svc::cli
