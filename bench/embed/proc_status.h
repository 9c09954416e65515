#pragma once
// Resident-memory figures of the calling process, for the RSS benchmark programs.

#include <fstream>
#include <string>

namespace sanad::embed::bench {

// A size line of /proc/self/status (VmRSS, VmHWM, RssAnon, RssFile...) in MiB; -1 if absent.
inline double status_mib(const std::string& key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
  }
  return -1;
}

}  // namespace sanad::embed::bench
