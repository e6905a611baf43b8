// The hvpat command line: a table of subcommands (spec/cli.md), callable in-process.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace hvpat::cli {

// Exit statuses of spec/cli.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitQuarantined = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitFailure = 3;

// Runs one command line (args without the program name), printing results to `out`
// and one-line errors to `err`; returns the exit status. Never throws.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// main's whole body: Run on the process's arguments, stdout and stderr.
int Run(int argc, char** argv);

}  // namespace hvpat::cli
