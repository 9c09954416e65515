#include "documents/extract_process.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <vector>

#include "test_support.h"

namespace sanad::documents {
namespace {

std::filesystem::path demo(const std::string& name) {
  return std::filesystem::path(SANAD_SOURCE_DIR) / "demo" / "documents" / name;
}

ExtractProcessOptions worker() {
  ExtractProcessOptions options;
  options.program = SANAD_EXTRACT_WORKER;
  return options;
}

// A worker whose pid lands in `pid` and which is sent `signals` in order as soon
// as it is started (SIGSTOP: as good as a parser stuck in a loop).
ExtractProcessOptions signalled_worker(pid_t& pid, std::vector<int> signals) {
  auto options = worker();
  options.on_started = [&pid, signals = std::move(signals)](pid_t p) {
    pid = p;
    for (int sig : signals) ::kill(p, sig);
  };
  return options;
}

struct Collected {
  std::vector<Chunk> chunks;
  std::vector<IngestProgress> progress;
  ChunkSink sink() {
    return [this](Chunk&& c) {
      chunks.push_back(std::move(c));
      return Status::ok();
    };
  }
  ProgressFn on_progress() {
    return [this](const IngestProgress& p) {
      progress.push_back(p);
      return Status::ok();
    };
  }
};

// True once `pid` no longer exists (it was reaped).
bool reaped(pid_t pid) { return ::kill(pid, 0) != 0 && errno == ESRCH; }

TEST(ExtractProcess, SameChunksAsInProcess) {
  for (const auto& [type, name] : {std::pair{DocumentType::kPdf, "reglement-conges.pdf"},
                                   std::pair{DocumentType::kDocx, "charte-informatique.docx"}}) {
    Collected here;
    Collected there;
    auto expected = ingest_document(type, demo(name), IngestOptions{}, here.sink());
    ASSERT_TRUE(expected.is_ok()) << expected.status().to_string();
    auto got = ingest_in_child(worker(), type, demo(name), IngestOptions{}, there.sink(), there.on_progress());
    ASSERT_TRUE(got.is_ok()) << got.status().to_string();
    EXPECT_EQ(got->pages, expected->pages);
    EXPECT_EQ(got->chunks, expected->chunks);
    EXPECT_EQ(got->blocks, expected->blocks);
    EXPECT_EQ(got->text_bytes, expected->text_bytes);
    EXPECT_EQ(got->language.language, expected->language.language);
    EXPECT_DOUBLE_EQ(got->language.confidence, expected->language.confidence);
    ASSERT_EQ(there.chunks.size(), here.chunks.size());
    for (std::size_t i = 0; i < here.chunks.size(); ++i) {
      EXPECT_EQ(there.chunks[i].text, here.chunks[i].text);
      EXPECT_EQ(there.chunks[i].page, here.chunks[i].page);
      EXPECT_EQ(there.chunks[i].heading_trail, here.chunks[i].heading_trail);
      EXPECT_EQ(there.chunks[i].start, here.chunks[i].start);
      EXPECT_EQ(there.chunks[i].end, here.chunks[i].end);
    }
    ASSERT_FALSE(there.progress.empty());
    EXPECT_EQ(there.progress.back().chunks_done, here.chunks.size());
  }
}

TEST(ExtractProcess, ReportsPdfPageCountFirst) {
  Collected c;
  auto r = ingest_in_child(worker(), DocumentType::kPdf, demo("reglement-conges.pdf"), IngestOptions{}, c.sink(),
                           c.on_progress());
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  ASSERT_FALSE(c.progress.empty());
  EXPECT_EQ(c.progress.front().pages_total, 2);
  EXPECT_EQ(c.progress.front().pages_done, 0);
  EXPECT_EQ(c.progress.back().pages_done, 2);
}

TEST(ExtractProcess, ExtractorErrorKeepsItsCodeAndMessage) {
  Collected c;
  auto r = ingest_in_child(worker(), DocumentType::kPdf, testing::fixture("notext.pdf"), IngestOptions{}, c.sink());
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), ::testing::HasSubstr("no text layer"));
  EXPECT_TRUE(c.chunks.empty());
}

TEST(ExtractProcess, HungChildIsKilledByTheWatchdog) {
  pid_t pid = 0;
  auto options = signalled_worker(pid, {SIGSTOP});
  options.timeout = std::chrono::seconds(1);
  Collected c;
  const auto started = std::chrono::steady_clock::now();
  auto r = ingest_in_child(options, DocumentType::kPdf, demo("reglement-conges.pdf"), IngestOptions{}, c.sink());
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(r.status().code(), ErrorCode::kDeadlineExceeded);
  EXPECT_EQ(r.status().message(), "extraction timed out after 1 s");
  EXPECT_GE(took, std::chrono::seconds(1));
  EXPECT_LT(took, std::chrono::seconds(10));
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(reaped(pid));
}

TEST(ExtractProcess, CrashedChildIsReported) {
  pid_t pid = 0;
  // Hold it, then crash it where it stands.
  auto options = signalled_worker(pid, {SIGSTOP, SIGSEGV, SIGCONT});
  Collected c;
  auto r = ingest_in_child(options, DocumentType::kPdf, demo("reglement-conges.pdf"), IngestOptions{}, c.sink());
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
  EXPECT_THAT(r.status().message(), ::testing::StartsWith("the extractor crashed ("));
#if !defined(__SANITIZE_ADDRESS__)
  // (AddressSanitizer turns SIGSEGV into its own report and exit status.)
  EXPECT_EQ(r.status().message(), "the extractor crashed (signal 11)");
#endif
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(reaped(pid));
}

TEST(ExtractProcess, CancellationKillsTheChild) {
  pid_t pid = 0;
  auto options = signalled_worker(pid, {SIGSTOP});  // stays busy until cancelled
  Collected c;
  auto r = ingest_in_child(options, DocumentType::kPdf, demo("reglement-conges.pdf"), IngestOptions{}, c.sink(), {},
                           [] { return true; });
  EXPECT_EQ(r.status().code(), ErrorCode::kCancelled);
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(reaped(pid));
}

TEST(ExtractProcess, SinkErrorStopsTheChild) {
  pid_t pid = 0;
  auto options = worker();
  options.on_started = [&pid](pid_t p) { pid = p; };
  auto r = ingest_in_child(options, DocumentType::kDocx, demo("charte-informatique.docx"), IngestOptions{},
                           [](Chunk&&) { return unavailable("disk full"); });
  EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(r.status().message(), "disk full");
  EXPECT_TRUE(reaped(pid));
}

TEST(ExtractProcess, ChildGetsNoneOfTheServersSettings) {
  ::setenv("SANAD_EXTRACT_TEST_SECRET", "hunter2", 1);
  ::setenv("PATH", "/usr/bin:/bin", 0);
  testing::TempDir dir;
  std::string markdown;
  while (markdown.size() < (1u << 20)) markdown += "Un paragraphe de texte assez long pour remplir le tube. ";
  testing::write_file(dir.path() / "big.md", markdown);
  pid_t pid = 0;
  auto options = worker();
  options.on_started = [&pid](pid_t p) { pid = p; };
  std::string environment;
  // More output than the pipe holds: the child is still alive, blocked on the
  // pipe, while the first chunk is handled here.
  auto r = ingest_in_child(options, DocumentType::kMarkdown, dir.path() / "big.md", IngestOptions{},
                           [&](Chunk&&) {
                             if (environment.empty()) {
                               std::ifstream in("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
                               environment.assign(std::istreambuf_iterator<char>(in), {});
                             }
                             return Status::ok();
                           });
  ::unsetenv("SANAD_EXTRACT_TEST_SECRET");
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_NE(environment.find("PATH="), std::string::npos);
  EXPECT_EQ(environment.find("SANAD_EXTRACT_TEST_SECRET"), std::string::npos);
}

#if !defined(__SANITIZE_ADDRESS__)
// (AddressSanitizer builds cannot limit the address space: no such limit there.)
TEST(ExtractProcess, MemoryLimitStopsAGreedyDocument) {
  // 40 MB of HTML: gumbo's tree needs ~300 MB, over a 256 MB address-space limit.
  testing::TempDir dir;
  std::string html = "<html><body>";
  for (int i = 0; html.size() < (40u << 20); ++i) {
    html += "<p>Paragraphe num\u00e9ro " + std::to_string(i) + " avec du texte pour remplir la page.</p>";
  }
  html += "</body></html>";
  testing::write_file(dir.path() / "big.html", html);
  html = std::string();
  IngestOptions options;
  options.limits.max_markup_bytes = 64u << 20;
  auto process = worker();
  process.memory_limit_bytes = 256u << 20;
  std::size_t chunks = 0;
  auto r = ingest_in_child(process, DocumentType::kHtml, dir.path() / "big.html", options, [&](Chunk&&) {
    ++chunks;
    return Status::ok();
  });
  ASSERT_FALSE(r.is_ok());
  // bad_alloc is reported as too large; a parser that does not check malloc crashes.
  EXPECT_TRUE(r.status().code() == ErrorCode::kTooLarge ||
              r.status().message().rfind("the extractor crashed (", 0) == 0)
      << r.status().to_string();
  const long peak_kb = testing::peak_rss_kb();
  EXPECT_LT(peak_kb, 256 * 1024) << "the parent never holds the document";
}
#endif

TEST(ExtractProcess, MissingProgramIsUnavailable) {
  ExtractProcessOptions options;
  options.program = "/nonexistent/sanad";
  Collected c;
  auto r = ingest_in_child(options, DocumentType::kPdf, demo("reglement-conges.pdf"), IngestOptions{}, c.sink());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace sanad::documents
