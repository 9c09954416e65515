// The library service on a real database: folders, categories, documents, the
// ingestion's chunk swap with its change log, and FAQ import.

#include "library/library.h"

#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>

#include "db/migrate.h"
#include "test_database.h"

namespace sanad::library {
namespace {

namespace fs = std::filesystem;
using db::testing::Backend;

const fs::path kFixtures = fs::path(SANAD_SOURCE_DIR) / "tests" / "fixtures" / "documents";

class LibraryTest : public db::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto report = db::migrate(*db_);
    ASSERT_TRUE(report.is_ok()) << report.status().to_string();
    LibraryOptions options;
    options.upload_dir = fs::path(files_.path()) / "uploads";
    options.insert_batch_rows = 7;  // several batches even for small documents
    options.extractor = documents::in_process_extractor();
    fs::create_directories(options.upload_dir);
    library_ = std::make_unique<Library>(*db_, options);
  }

  // Rebuilds the library so that it extracts in a child process (sanad-extract, as
  // the server does) with `timeout`; `on_started` sees the child's pid.
  void use_child_process(std::chrono::seconds timeout, std::function<void(pid_t)> on_started) {
    LibraryOptions options = library_->options();
    documents::ExtractProcessOptions process;
    process.program = SANAD_EXTRACT_WORKER;
    process.timeout = timeout;
    process.on_started = std::move(on_started);
    options.extractor = documents::child_process_extractor(process);
    library_ = std::make_unique<Library>(*db_, options);
  }

  // A copy of a fixture that create_document() may move away.
  fs::path incoming(const std::string& fixture) {
    fs::path to = fs::path(files_.path()) / ("in-" + std::to_string(counter_++));
    fs::copy_file(kFixtures / fixture, to);
    return to;
  }

  int64_t count(const std::string& sql, const db::Params& params = {}) {
    auto rows = db_->query(sql, params);
    EXPECT_TRUE(rows.is_ok()) << rows.status().to_string();
    return rows.is_ok() ? rows->front().get_int(0) : -1;
  }

  Document add(const std::string& folder_id, const std::string& fixture) {
    NewDocument in;
    in.file = incoming(fixture);
    in.folder_id = folder_id;
    in.original_name = fixture;
    auto created = library_->create_document(in);
    EXPECT_TRUE(created.is_ok()) << created.status().to_string();
    return created.is_ok() ? created->document : Document{};
  }

  db::testing::TempDir files_;
  int counter_ = 0;
  std::unique_ptr<Library> library_;
};

TEST_P(LibraryTest, FolderTreeRenameMoveAndNoCycles) {
  auto a = library_->create_folder("RH", std::nullopt);
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  auto b = library_->create_folder("Congés", a->id);
  ASSERT_TRUE(b.is_ok());
  auto c = library_->create_folder("Archives", b->id);
  ASSERT_TRUE(c.is_ok());
  EXPECT_EQ(library_->create_folder("rh", std::nullopt).status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(library_->create_folder("CONGÉS", a->id).status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(library_->create_folder("  ", std::nullopt).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(library_->create_folder("x", std::string("nope")).status().code(), ErrorCode::kNotFound);

  EXPECT_EQ(library_->move_folder(a->id, c->id).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(library_->move_folder(a->id, a->id).status().code(), ErrorCode::kInvalidArgument);
  auto moved = library_->move_folder(c->id, std::nullopt);
  ASSERT_TRUE(moved.is_ok()) << moved.status().to_string();
  EXPECT_FALSE(moved->parent_id.has_value());
  auto renamed = library_->rename_folder(c->id, "Anciens");
  ASSERT_TRUE(renamed.is_ok());
  EXPECT_EQ(library_->rename_folder(c->id, "RH").status().code(), ErrorCode::kAlreadyExists);

  auto tree = library_->folder_tree();
  ASSERT_TRUE(tree.is_ok());
  ASSERT_EQ(tree->size(), 2u);
  EXPECT_EQ((*tree)[0].folder.name, "Anciens");
  EXPECT_EQ((*tree)[1].folder.name, "RH");
  ASSERT_EQ((*tree)[1].children.size(), 1u);
  EXPECT_EQ((*tree)[1].children[0].folder.name, "Congés");

  EXPECT_EQ(library_->delete_folder(a->id, false).code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(library_->delete_folder(a->id, true).is_ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM folders"), 1);
}

TEST_P(LibraryTest, DefaultCategoriesAreIdempotent) {
  auto first = library_->init_default_categories();
  ASSERT_TRUE(first.is_ok()) << first.status().to_string();
  EXPECT_GT(*first, 5);
  auto second = library_->init_default_categories();
  ASSERT_TRUE(second.is_ok());
  EXPECT_EQ(*second, 0);
  auto list = library_->list_categories();
  ASSERT_TRUE(list.is_ok());
  EXPECT_EQ(static_cast<int>(list->size()), *first);
  for (const auto& c : *list) {
    EXPECT_FALSE(c.label_fr.empty());
    EXPECT_FALSE(c.label_en.empty());
    EXPECT_FALSE(c.label_ar.empty());
  }
}

TEST_P(LibraryTest, CreateDedupesStoresAndRejectsUnsupported) {
  auto folder = library_->create_folder("Docs", std::nullopt);
  ASSERT_TRUE(folder.is_ok());
  Document d = add(folder->id, "sample.docx");
  EXPECT_EQ(d.status, "queued");
  EXPECT_EQ(d.storage_path, d.id.substr(0, 2) + "/" + d.id);
  EXPECT_TRUE(fs::exists(library_->stored_file(d)));
  EXPECT_EQ(d.sha256.size(), 64u);
  EXPECT_EQ(d.title, "sample");

  NewDocument again;
  again.file = incoming("sample.docx");
  again.folder_id = folder->id;
  again.original_name = "other-name.docx";
  auto second = library_->create_document(again);
  ASSERT_TRUE(second.is_ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->document.id, d.id);
  EXPECT_FALSE(fs::exists(again.file)) << "the duplicate upload is removed";

  NewDocument zip;
  zip.file = incoming("plain.zip");
  zip.folder_id = folder->id;
  zip.original_name = "plain.docx";
  EXPECT_EQ(library_->create_document(zip).status().code(), ErrorCode::kUnsupported);
  EXPECT_FALSE(fs::exists(zip.file));
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 1);
}

TEST_P(LibraryTest, IngestSwapsChunksWithEventsAndIsIdempotent) {
  auto folder = library_->create_folder("Docs", std::nullopt);
  ASSERT_TRUE(folder.is_ok());
  Document d = add(folder->id, "sample.md");
  std::size_t progress_calls = 0;
  IngestHooks hooks;
  hooks.on_progress = [&](const IngestReport&) { ++progress_calls; };
  ASSERT_TRUE(library_->ingest(d.id, hooks).is_ok());
  EXPECT_GT(progress_calls, 0u);
  auto ready = library_->get_document(d.id);
  ASSERT_TRUE(ready.is_ok());
  EXPECT_EQ(ready->status, "ready");
  int64_t n = count("SELECT COUNT(*) FROM chunks WHERE document_id = ?", {d.id});
  EXPECT_GT(n, 0);
  EXPECT_EQ(ready->chunk_count, n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM chunk_events WHERE op = 'insert'"), n);

  // Again (as after a crash): one set of chunks, the old ones logged as deleted.
  ASSERT_TRUE(library_->ingest(d.id).is_ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM chunks WHERE document_id = ?", {d.id}), n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM chunk_events WHERE op = 'insert'"), 2 * n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM chunk_events WHERE op = 'delete'"), n);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT ordinal) FROM chunks WHERE document_id = ?", {d.id}), n);

  ASSERT_TRUE(library_->delete_document(d.id).is_ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM chunks"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM chunk_events WHERE op = 'delete'"), 2 * n);
  EXPECT_FALSE(fs::exists(library_->stored_file(d)));
  EXPECT_EQ(library_->get_document(d.id).status().code(), ErrorCode::kNotFound);
}

TEST_P(LibraryTest, PdfProgressAnnouncesThePageCount) {
  auto folder = library_->create_folder("Docs", std::nullopt);
  ASSERT_TRUE(folder.is_ok());
  Document d = add(folder->id, "sample.pdf");
  int first_total = -1;
  IngestReport last;
  IngestHooks hooks;
  hooks.on_progress = [&](const IngestReport& r) {
    if (first_total < 0) first_total = r.pages_total;
    last = r;
  };
  ASSERT_TRUE(library_->ingest(d.id, hooks).is_ok());
  auto ready = library_->get_document(d.id);
  ASSERT_TRUE(ready.is_ok());
  EXPECT_GT(ready->pages, 0);
  EXPECT_EQ(first_total, ready->pages) << "known before extraction starts";
  EXPECT_EQ(last.pages_done, ready->pages);
  EXPECT_EQ(static_cast<int64_t>(last.chunks_done), ready->chunk_count);
  EXPECT_GE(count("SELECT MIN(page) FROM chunks WHERE document_id = ?", {d.id}), 1);
}

TEST_P(LibraryTest, IngestFailureIsRecordedOnTheDocument) {
  auto folder = library_->create_folder("Docs", std::nullopt);
  ASSERT_TRUE(folder.is_ok());
  Document d = add(folder->id, "notext.pdf");
  Status s = library_->ingest(d.id);
  EXPECT_FALSE(s.is_ok());
  auto failed = library_->get_document(d.id);
  ASSERT_TRUE(failed.is_ok());
  EXPECT_EQ(failed->status, "failed");
  ASSERT_TRUE(failed->error.has_value());
  EXPECT_FALSE(failed->error->empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM chunks"), 0);
}

TEST_P(LibraryTest, ChildProcessIngestionMatchesInProcess) {
  auto folder = library_->create_folder("Docs", std::nullopt);
  ASSERT_TRUE(folder.is_ok());
  Document d = add(folder->id, "sample.pdf");
  ASSERT_TRUE(library_->ingest(d.id).is_ok());
  const int64_t in_process = count("SELECT COUNT(*) FROM chunks WHERE document_id = ?", {d.id});
  pid_t child = 0;
  use_child_process(std::chrono::seconds(60), [&child](pid_t pid) { child = pid; });
  int first_total = -1;
  IngestHooks hooks;
  hooks.on_progress = [&](const IngestReport& r) {
    if (first_total < 0) first_total = r.pages_total;
  };
  ASSERT_TRUE(library_->ingest(d.id, hooks).is_ok());
  EXPECT_GT(child, 0);
  auto ready = library_->get_document(d.id);
  ASSERT_TRUE(ready.is_ok());
  EXPECT_EQ(ready->status, "ready");
  EXPECT_EQ(first_total, ready->pages);
  EXPECT_GT(in_process, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM chunks WHERE document_id = ?", {d.id}), in_process);
}

TEST_P(LibraryTest, HungExtractorFailsTheDocumentWithATimeout) {
  auto folder = library_->create_folder("Docs", std::nullopt);
  ASSERT_TRUE(folder.is_ok());
  Document d = add(folder->id, "sample.pdf");
  use_child_process(std::chrono::seconds(1), [](pid_t pid) { ::kill(pid, SIGSTOP); });
  Status s = library_->ingest(d.id);
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition) << "a retry would hang again";
  auto failed = library_->get_document(d.id);
  ASSERT_TRUE(failed.is_ok());
  EXPECT_EQ(failed->status, "failed");
  EXPECT_EQ(failed->error.value_or(""), "extraction timed out after 1 s");
  EXPECT_EQ(count("SELECT COUNT(*) FROM chunks"), 0);
}

TEST_P(LibraryTest, CrashedExtractorFailsTheDocument) {
  auto folder = library_->create_folder("Docs", std::nullopt);
  ASSERT_TRUE(folder.is_ok());
  Document d = add(folder->id, "sample.pdf");
  use_child_process(std::chrono::seconds(60), [](pid_t pid) {
    ::kill(pid, SIGSTOP);
    ::kill(pid, SIGSEGV);
    ::kill(pid, SIGCONT);
  });
  Status s = library_->ingest(d.id);
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition);
  auto failed = library_->get_document(d.id);
  ASSERT_TRUE(failed.is_ok());
  EXPECT_EQ(failed->status, "failed");
  EXPECT_EQ(failed->error.value_or("").rfind("the extractor crashed (", 0), 0u) << failed->error.value_or("");
  EXPECT_EQ(count("SELECT COUNT(*) FROM chunks"), 0);
}

TEST_P(LibraryTest, FaqImportUpsertsByQuestion) {
  auto folder = library_->create_folder("FAQ", std::nullopt);
  ASSERT_TRUE(folder.is_ok());
  fs::path csv = fs::path(files_.path()) / "faq.csv";
  {
    std::ofstream out(csv);
    out << "question,answer,category\n"
           "Combien de jours de congé ?,25 jours ouvrés.,conges\n"
           ",missing question\n"
           "Qui contacter en cas d'incident ?,Le support informatique.,it\n";
  }
  auto first = library_->import_faq_csv(csv, folder->id);
  ASSERT_TRUE(first.is_ok()) << first.status().to_string();
  EXPECT_EQ(first->inserted, 2u);
  EXPECT_EQ(first->error_count, 1u);
  ASSERT_FALSE(first->errors.empty());
  EXPECT_EQ(first->errors[0].line, 3u);
  {
    std::ofstream out(csv);
    out << "question,answer,category\n"
           "combien de jours de CONGÉ?,25 jours ouvrés par an.,conges\n"
           "Qui contacter en cas d'incident ?,Le support informatique.,it\n";
  }
  auto second = library_->import_faq_csv(csv, folder->id);
  ASSERT_TRUE(second.is_ok());
  EXPECT_EQ(second->inserted, 0u);
  EXPECT_EQ(second->updated, 1u);
  EXPECT_EQ(second->unchanged, 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM faq_entries"), 2);
}

TEST(QuestionKey, FoldsCaseSpacesAndFinalPunctuation) {
  EXPECT_EQ(question_key("  Combien de  jours de CONGÉ ? "), "combien de jours de congé");
  EXPECT_EQ(question_key("ما هي مدة الإجازة؟"), "ما هي مدة الإجازة");
}

INSTANTIATE_TEST_SUITE_P(Backends, LibraryTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);

}  // namespace
}  // namespace sanad::library
