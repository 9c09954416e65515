// Entry point: hands the command line to the CLI module, which builds the services.
#ifdef SANAD_HAVE_CLI
#include "cli/cli.h"
int main(int argc, char** argv) { return sanad::cli::run(argc, argv); }
#else
#include <cstdio>
int main() {
  std::puts("sanad: the command-line module is not built yet");
  return 1;
}
#endif
