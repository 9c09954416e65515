#pragma once
// Helpers shared by the search tests: fixture files and an RAII temp directory.

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sanad::search::testing {

inline std::string fixture_path(const std::string& name) {
  return std::string(SANAD_SOURCE_DIR) + "/tests/unit/search/fixtures/" + name;
}

// Non-empty, non-comment lines of a fixture, split on tabs.
inline std::vector<std::vector<std::string>> read_tsv(const std::string& name) {
  std::ifstream in(fixture_path(name));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sanad-search-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : std::string();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace sanad::search::testing
