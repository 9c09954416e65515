#pragma once
// Test support: a temporary model folder (removed on destruction) made from a
// committed fixture folder plus rule-generated weights.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "embed/model_config.h"
#include "embed/random_weights.h"

namespace sanad::embed::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sanad-embed-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::string fixture_dir(const std::string& name) {
  return SANAD_SOURCE_DIR "/tests/fixtures/embed/" + name;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// Copies fixture `name` into `dir` (named `folder` inside it) and writes its
// weights in `dtype`; returns the model folder.
inline std::string make_model(const TempDir& dir, const std::string& name, DType dtype,
                              const std::string& folder = "model") {
  const std::string out = dir.path() + "/" + folder;
  std::filesystem::copy(fixture_dir(name), out, std::filesystem::copy_options::recursive);
  std::filesystem::remove(out + "/expected.json");
  auto config = load_model_config(out);
  // A failure here surfaces as a load error naming the folder in the test itself.
  if (config.is_ok()) (void)write_random_weights(out + "/model.safetensors", config->encoder, dtype);
  return out;
}

}  // namespace sanad::embed::testing
