#pragma once
// Starts the real `sanad serve` binary on an ephemeral loopback port, with a data
// directory of its own, and waits until it prints that it is listening.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "subprocess.h"

namespace sanad::testing {

// Path of the built sanad executable.
std::string sanad_binary();

// Runs `sanad ARGS...` to completion with `env`; returns {exit code, stdout+stderr}.
std::pair<int, std::string> run_sanad(const std::vector<std::string>& args,
                                      const std::map<std::string, std::string>& env);

class SanadServer {
 public:
  // `env` is the whole environment of the server (PATH and HOME are added).
  // Throws when the server does not report listening within 20 s.
  explicit SanadServer(std::map<std::string, std::string> env, std::vector<std::string> extra_args = {});

  uint16_t port() const { return port_; }
  Subprocess& process() { return *process_; }

 private:
  std::unique_ptr<Subprocess> process_;
  uint16_t port_ = 0;
};

}  // namespace sanad::testing
