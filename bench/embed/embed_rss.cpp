// Prints the resident memory of a process that has loaded a model folder, as one
// JSON object: embed_rss MODEL_DIR [--int8]
#include <iostream>
#include <string>

#include "embed/local_embedder.h"
#include "proc_status.h"

using sanad::embed::bench::status_mib;

int main(int argc, char** argv) {
  const bool int8 = argc == 3 && std::string(argv[2]) == "--int8";
  if (argc != 2 && !int8) {
    std::cerr << "usage: embed_rss MODEL_DIR [--int8]\n";
    return 2;
  }
  const double before = status_mib("VmRSS");
  auto embedder = sanad::embed::LocalEmbedder::load(argv[1], 1, int8);
  if (!embedder.is_ok()) {
    std::cerr << embedder.status().to_string() << "\n";
    return 1;
  }
  const double loaded = status_mib("VmRSS");
  auto v = (*embedder)->embed({"where is the annual leave policy of the organisation"},
                              sanad::embed::InputKind::kQuery);
  const double queried = status_mib("VmRSS");
  std::cout << "{\"model\": \"" << argv[1] << "\", \"int8\": " << (int8 ? "true" : "false")
            << ", \"rss_start_mib\": " << before
            << ", \"rss_after_load_mib\": " << loaded << ", \"rss_after_query_mib\": " << queried
            << ", \"peak_rss_mib\": " << status_mib("VmHWM") << ", \"ok\": " << (v.is_ok() ? "true" : "false")
            << "}\n";
  return v.is_ok() ? 0 : 1;
}
