#include "svc/cli/app.hpp"

int main(int argc, char** argv) { return svc::cli::run(argc, argv); }
