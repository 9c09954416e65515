#pragma once
// The command line: parses argv with CLI11 and runs one command. Returns the process
// exit code: 0 success, 1 failure (the reason printed on stderr), 2 usage error.

namespace sanad::cli {

int run(int argc, char** argv);

}  // namespace sanad::cli
