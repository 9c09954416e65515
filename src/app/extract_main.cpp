// `sanad-extract key=value…`: extracts and chunks one document and writes the
// result to stdout as frames, for the `sanad` process that started it
// (documents/extract_process.h). Not meant to be run by hand.
#include <unistd.h>

#include <string>
#include <vector>

#include "documents/extract_process.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return sanad::documents::run_extract_worker(args, STDOUT_FILENO);
}
