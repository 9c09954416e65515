#include "sanad_process.h"

#include <chrono>
#include <cstdlib>
#include <stdexcept>

namespace sanad::testing {

std::string sanad_binary() { return std::string(SANAD_BINARY_DIR) + "/src/app/sanad"; }

namespace {
std::map<std::string, std::string> with_basics(std::map<std::string, std::string> env) {
  for (const char* name : {"PATH", "HOME", "TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name); value && !env.count(name)) env[name] = value;
  }
  return env;
}
}  // namespace

std::pair<int, std::string> run_sanad(const std::vector<std::string>& args,
                                      const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv{sanad_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  Subprocess process(argv, with_basics(env));
  auto status = process.wait(std::chrono::seconds(120));
  if (!status) throw std::runtime_error("sanad " + (args.empty() ? "" : args[0]) + " did not finish");
  return {*status, process.stdout_text() + process.stderr_text()};
}

SanadServer::SanadServer(std::map<std::string, std::string> env, std::vector<std::string> extra_args) {
  std::vector<std::string> argv{sanad_binary(), "serve", "--port", "0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  if (!env.count("SANAD_BIND")) env["SANAD_BIND"] = "127.0.0.1";
  process_ = std::make_unique<Subprocess>(argv, with_basics(std::move(env)));
  // serve prints "sanad listening on http://ADDRESS:PORT" on stdout once it accepts.
  auto line = process_->wait_for_stdout_line("listening on http://", std::chrono::seconds(20));
  if (!line) {
    process_->send_signal(9);
    process_->wait(std::chrono::seconds(5));
    throw std::runtime_error("sanad serve did not start:\n" + process_->stdout_text() + process_->stderr_text());
  }
  auto colon = line->rfind(':');
  port_ = static_cast<uint16_t>(std::stoi(line->substr(colon + 1)));
}

}  // namespace sanad::testing
