// The extraction child for the documents tests: the same run_extract_worker() that
// `sanad extract-worker` runs, without linking the whole CLI.
#include <unistd.h>

#include <string>
#include <vector>

#include "documents/extract_process.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return sanad::documents::run_extract_worker(args, STDOUT_FILENO);
}
