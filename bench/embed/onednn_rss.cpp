// What linking oneDNN costs a process, as one JSON object of its resident memory.
// Built twice from this file: plain_rss (no oneDNN) and onednn_rss (linked), which
// with --primitive also creates and runs one int8 matmul primitive at the
// feed-forward shape (16 x 384 -> 1536), as the embedder would.
#include <iostream>
#include <string>
#include <vector>

#include "proc_status.h"

#ifdef SANAD_BENCH_ONEDNN
#include "onednn_linear.h"
#endif

using sanad::embed::bench::status_mib;

int main(int argc, char** argv) {
  const bool primitive = argc == 2 && std::string(argv[1]) == "--primitive";
  std::string implementation = "none";
#ifdef SANAD_BENCH_ONEDNN
  if (primitive) {
    sanad::embed::bench::set_onednn_threads(1);
    const size_t rows = 16, in = 384, out = 1536;
    sanad::embed::QuantizedMatrix w;
    w.in = in, w.out = out;
    w.q.assign(in * out, 1);
    w.scale.assign(out, 0.01f);
    const std::vector<float> b(out, 0.5f), x(rows * in, 1.0f);
    std::vector<float> y(rows * out);
    auto layer = sanad::embed::bench::OnednnLinear::int8(w, b.data(), rows);
    layer->run(x.data(), y.data());
    implementation = layer->implementation();
  }
  const bool linked = true;
#else
  const bool linked = false;
  if (primitive) {
    std::cerr << "plain_rss does not link oneDNN\n";
    return 2;
  }
#endif
  std::cout << "{\"onednn_linked\": " << (linked ? "true" : "false") << ", \"primitive\": \"" << implementation
            << "\", \"rss_mib\": " << status_mib("VmRSS") << ", \"rss_anon_mib\": " << status_mib("RssAnon")
            << ", \"rss_file_mib\": " << status_mib("RssFile") << ", \"peak_rss_mib\": " << status_mib("VmHWM")
            << "}\n";
  return 0;
}
