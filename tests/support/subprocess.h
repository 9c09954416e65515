#pragma once
// Runs a child process with a chosen environment, its stdout and stderr captured
// through pipes. Used by integration tests to run the real `sanad` binary.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace sanad::testing {

class Subprocess {
 public:
  // Starts `argv[0]` with `argv` and exactly `env` as its environment.
  Subprocess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
             const std::string& cwd = "");
  ~Subprocess();  // kills (SIGKILL) and reaps the child if still running
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }

  // Reads stdout until a line containing `needle` arrives or `timeout` passes;
  // returns that line.
  std::optional<std::string> wait_for_stdout_line(const std::string& needle, std::chrono::milliseconds timeout);

  void send_signal(int signal);
  // Waits for the child to exit; returns its exit status (128 + signal when killed),
  // or nullopt on timeout. Drains the output pipes meanwhile.
  std::optional<int> wait(std::chrono::milliseconds timeout);

  // Everything read so far (call after wait() for the whole output).
  const std::string& stdout_text() const { return out_; }
  const std::string& stderr_text() const { return err_; }

 private:
  bool pump(int timeout_ms);  // reads available output; false when both pipes closed

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_;
  std::string err_;
  size_t out_scanned_ = 0;
  std::optional<int> exit_status_;
};

}  // namespace sanad::testing
