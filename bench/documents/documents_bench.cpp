// Measures extraction and chunking on real files, and dumps what they produce.
//
//   documents_bench extract [--repeat N] FILE...   blocks, pages/s, MB/s, peak RSS
//   documents_bench chunk MAX OVERLAP FILE...      chunk statistics for a budget
//   documents_bench dump FILE                      blocks and chunks, for review
//
// The type of each file is detected from its content (as for an upload).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "documents/chunker.h"
#include "documents/extract.h"

namespace sd = sanad::documents;

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

int extract_cmd(int argc, char** argv) {
  int repeat = 1;
  int i = 0;
  if (argc > 1 && std::strcmp(argv[0], "--repeat") == 0) {
    repeat = std::atoi(argv[1]);
    i = 2;
  }
  auto detector = sd::TypeDetector::create();
  if (!detector.is_ok()) return 2;
  for (; i < argc; ++i) {
    const std::filesystem::path path = argv[i];
    auto type = (*detector)->detect(path, path.filename().string());
    if (!type.is_ok()) {
      std::cout << path << ": " << type.status().to_string() << "\n";
      continue;
    }
    std::size_t blocks = 0;
    std::size_t bytes = 0;
    int pages = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    sanad::Status status;
    for (int r = 0; r < repeat && status.is_ok(); ++r) {
      status = sd::extract(*type, path, sd::ExtractLimits{}, [&](sd::Block&& b) {
        ++blocks;
        bytes += b.text.size();
        pages = std::max(pages, b.page);
        return sanad::Status::ok();
      });
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double secs = cpu_seconds() - c0;
    const double file_mb = static_cast<double>(std::filesystem::file_size(path)) * repeat / 1e6;
    std::printf("%s type=%s status=%s blocks=%zu text_bytes=%zu pages=%d wall_s=%.3f cpu_s=%.3f pages_per_cpu_s=%.1f "
                "file_MB_per_cpu_s=%.1f peak_rss_MB=%.1f\n",
                path.filename().c_str(), std::string(sd::document_type_name(*type)).c_str(),
                status.is_ok() ? "ok" : status.to_string().c_str(), blocks / repeat, bytes / repeat, pages, wall, secs,
                pages * repeat / secs, file_mb / secs, static_cast<double>(peak_rss_kb()) / 1024.0);
  }
  return 0;
}

int chunk_cmd(int argc, char** argv) {
  if (argc < 3) return 2;
  sd::ChunkOptions options{static_cast<std::size_t>(std::atol(argv[0])), static_cast<std::size_t>(std::atol(argv[1]))};
  auto detector = sd::TypeDetector::create();
  if (!detector.is_ok()) return 2;
  std::size_t chunks = 0, tokens = 0, max_tokens = 0, min_tokens = SIZE_MAX, text = 0, small = 0;
  std::size_t sections = 0, split_sections = 0, text_tokens = 0, file_bytes = 0;
  const double c0 = cpu_seconds();
  for (int i = 2; i < argc; ++i) {
    const std::filesystem::path path = argv[i];
    auto type = (*detector)->detect(path, path.filename().string());
    if (!type.is_ok()) continue;
    file_bytes += std::filesystem::file_size(path);
    std::map<std::string, std::size_t> per_section;
    sd::Chunker chunker(options, [&](sd::Chunk&& c) {
      ++per_section[sd::heading_trail_string(c.heading_trail)];
      ++chunks;
      tokens += c.tokens;
      max_tokens = std::max(max_tokens, c.tokens);
      min_tokens = std::min(min_tokens, c.tokens);
      small += c.tokens < options.max_tokens / 4;
      return sanad::Status::ok();
    });
    std::size_t blocks = 0;
    sanad::Status s = sd::extract(*type, path, sd::ExtractLimits{}, [&](sd::Block&& b) {
      text_tokens += sd::estimate_tokens(b.text);
      ++blocks;
      return chunker.add(b);
    });
    if (s.is_ok()) s = chunker.finish();
    text += chunker.text_size();
    for (const auto& [trail, n] : per_section) {
      ++sections;
      split_sections += n > 1;
    }
    if (!s.is_ok()) std::cerr << path << ": " << s.to_string() << "\n";
  }
  std::printf("max=%zu overlap=%zu chunks=%zu mean_tokens=%.1f min=%zu max_seen=%zu under_quarter=%zu "
              "sections=%zu split_sections=%zu text_bytes=%zu text_tokens=%zu indexed_tokens=%zu overhead=%.2f\n",
              options.max_tokens, options.overlap_tokens, chunks, chunks ? double(tokens) / double(chunks) : 0.0,
              chunks ? min_tokens : 0, max_tokens, small, sections, split_sections, text, text_tokens, tokens,
              text_tokens ? double(tokens) / double(text_tokens) : 0.0);
  const double secs = cpu_seconds() - c0;
  std::printf("extract+chunk: cpu_s=%.3f file_MB_per_cpu_s=%.1f peak_rss_MB=%.1f\n", secs,
              static_cast<double>(file_bytes) / 1e6 / secs, static_cast<double>(peak_rss_kb()) / 1024.0);
  return 0;
}

int dump_cmd(const std::filesystem::path& path) {
  auto detector = sd::TypeDetector::create();
  if (!detector.is_ok()) return 2;
  auto type = (*detector)->detect(path, path.filename().string());
  if (!type.is_ok()) {
    std::cout << type.status().to_string() << "\n";
    return 1;
  }
  std::vector<sd::Chunk> chunks;
  sd::Chunker chunker(sd::ChunkOptions{}, [&](sd::Chunk&& c) {
    chunks.push_back(std::move(c));
    return sanad::Status::ok();
  });
  sanad::Status s = sd::extract(*type, path, sd::ExtractLimits{}, [&](sd::Block&& b) {
    std::cout << "[" << sd::block_kind_name(b.kind) << (b.level ? std::to_string(b.level) : "") << " p" << b.page
              << "] " << b.text << "\n";
    return chunker.add(b);
  });
  if (s.is_ok()) s = chunker.finish();
  std::cout << "-- status: " << (s.is_ok() ? "ok" : s.to_string()) << "; language "
            << sanad::text::language_code(chunker.document_language().language) << "\n";
  for (const sd::Chunk& c : chunks) {
    std::cout << "== chunk " << c.index << " p" << c.page << " [" << c.start << "," << c.end << ") " << c.tokens
              << " tokens, " << sanad::text::language_code(c.language) << ", "
              << sd::heading_trail_string(c.heading_trail) << "\n"
              << c.text << "\n";
  }
  return s.is_ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "extract") == 0) return extract_cmd(argc - 2, argv + 2);
  if (argc >= 5 && std::strcmp(argv[1], "chunk") == 0) return chunk_cmd(argc - 2, argv + 2);
  if (argc == 3 && std::strcmp(argv[1], "dump") == 0) return dump_cmd(argv[2]);
  std::cerr << "usage: documents_bench extract [--repeat N] FILE... | chunk MAX OVERLAP FILE... | dump FILE\n";
  return 2;
}
