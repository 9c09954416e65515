// IndexService on a real database: built from the chunks table, kept current from
// the change log, snapshots that load back to identical results, the follower
// thread, the folder restriction and the permission filter.

#include "retrieval/index_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "documents/ingest.h"
#include "library/library.h"
#include "library_fixture.h"
#include "test_database.h"
#include "word_hash_embedder.h"

namespace sanad::retrieval {
namespace {

namespace fs = std::filesystem;

class IndexServiceTest : public library::testing::LibraryFixture {
 protected:
  library::LibraryOptions library_options() const override {
    library::LibraryOptions options;
    options.extractor = documents::in_process_extractor();
    return options;
  }

  void SetUp() override {
    LibraryFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto folder = library_->create_folder("Guides", std::nullopt);
    ASSERT_TRUE(folder.is_ok()) << folder.status().to_string();
    folder_ = folder->id;
  }

  IndexServiceOptions options() {
    IndexServiceOptions o;
    o.embedder = embedder_;
    o.snapshot_dir = fs::path(files_.path()) / "index";
    o.poll_interval = std::chrono::milliseconds(20);
    return o;
  }

  std::unique_ptr<IndexService> open() {
    auto service = IndexService::open(*db_, options());
    EXPECT_TRUE(service.is_ok()) << service.status().to_string();
    return service.is_ok() ? std::move(*service) : nullptr;
  }

  // Stores and ingests a Markdown document; returns its id.
  std::string add(const std::string& title, const std::string& body, const std::string& folder = "") {
    fs::path file = fs::path(files_.path()) / ("doc-" + std::to_string(counter_++) + ".md");
    std::ofstream(file) << "# " << title << "\n\n" << body << "\n";
    library::NewDocument in;
    in.file = file;
    in.folder_id = folder.empty() ? folder_ : folder;
    in.original_name = title + ".md";
    in.title = title;
    auto created = library_->create_document(in);
    EXPECT_TRUE(created.is_ok()) << created.status().to_string();
    if (!created.is_ok()) return "";
    Status ingested = library_->ingest(created->document.id);
    EXPECT_TRUE(ingested.is_ok()) << ingested.to_string();
    return created->document.id;
  }

  static RetrievalRequest request(const std::string& query, size_t k = 10) {
    RetrievalRequest r;
    r.query = query;
    r.k = k;
    r.mode = search::SearchMode::kLexical;
    r.access = search::AccessFilter::everything();
    return r;
  }

  static std::vector<std::string> chunk_ids(const IndexService& service, const RetrievalRequest& r) {
    auto found = service.retrieve(r);
    EXPECT_TRUE(found.is_ok()) << found.status().to_string();
    std::vector<std::string> ids;
    if (found.is_ok()) {
      for (const auto& p : found->passages) ids.push_back(p.chunk_id);
    }
    return ids;
  }

  // Switches embeddings on: the library vectorizes with it and the index reads them.
  void use_embedder(testing::WordHashEmbedder& embedder) {
    embedder_ = &embedder;
    library::LibraryOptions o = library_->options();
    o.embedder = &embedder;
    library_ = std::make_unique<library::Library>(*db_, o);
  }

  embed::Embedder* embedder_ = nullptr;
  std::string folder_;
  int counter_ = 0;
};

TEST_P(IndexServiceTest, BuildsFromTheTablesAndHydratesPassages) {
  add("Congés payés", "Chaque salarié acquiert deux jours et demi de congés par mois travaillé. zephyrine");
  add("Sécurité", "Le badge est personnel et ne se prête jamais.");
  auto service = open();
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->stats().origin, "rebuild");
  EXPECT_EQ(service->stats().chunks, 2u);

  auto found = service->retrieve(request("zephyrine"));
  ASSERT_TRUE(found.is_ok()) << found.status().to_string();
  ASSERT_EQ(found->passages.size(), 1u);
  const Passage& p = found->passages[0];
  EXPECT_EQ(p.title, "Congés payés");
  EXPECT_EQ(p.folder_id, folder_);
  EXPECT_NE(p.text.find("zephyrine"), std::string::npos);
  ASSERT_EQ(p.highlights.size(), 1u);
  EXPECT_EQ(p.text.substr(p.highlights[0].first, p.highlights[0].second - p.highlights[0].first), "zephyrine");
  EXPECT_EQ(found->mode_used, "lexical");
  EXPECT_EQ(found->index_version, service->index_version());
  EXPECT_GT(found->timings.total_ms, 0.0);
  EXPECT_TRUE(found->query_vector.empty()) << "no model, no query vector";

  // Without highlights (the answer pipeline): the same passage, no offsets computed.
  RetrievalRequest plain = request("zephyrine");
  plain.highlights = false;
  auto bare = service->retrieve(plain);
  ASSERT_TRUE(bare.is_ok());
  ASSERT_EQ(bare->passages.size(), 1u);
  EXPECT_EQ(bare->passages[0].chunk_id, p.chunk_id);
  EXPECT_TRUE(bare->passages[0].highlights.empty());
}

TEST_P(IndexServiceTest, CatchesUpWithInsertsAndDeletes) {
  auto service = open();
  ASSERT_NE(service, nullptr);
  EXPECT_TRUE(chunk_ids(*service, request("quetzal")).empty());
  std::string id = add("Faune", "Le quetzal vit dans les forêts de nuages.");
  auto caught = service->catch_up();
  ASSERT_TRUE(caught.is_ok()) << caught.status().to_string();
  EXPECT_GT(*caught, 0u);
  EXPECT_EQ(chunk_ids(*service, request("quetzal")).size(), 1u);

  // Re-ingesting swaps the chunks: still exactly one hit, under a new chunk id.
  auto before = chunk_ids(*service, request("quetzal"));
  ASSERT_TRUE(library_->ingest(id).is_ok());
  ASSERT_TRUE(service->catch_up().is_ok());
  auto after = chunk_ids(*service, request("quetzal"));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(after, before);

  ASSERT_TRUE(library_->delete_document(id).is_ok());
  ASSERT_TRUE(service->catch_up().is_ok());
  EXPECT_TRUE(chunk_ids(*service, request("quetzal")).empty());
  EXPECT_EQ(service->stats().chunks, 0u);
}

TEST_P(IndexServiceTest, SnapshotPlusCatchUpEqualsRebuild) {
  for (int i = 0; i < 12; ++i) {
    add("Note " + std::to_string(i), "Procédure numéro " + std::to_string(i) + " pour les congés et la sécurité.");
  }
  {
    auto first = open();
    ASSERT_NE(first, nullptr);
    ASSERT_TRUE(first->save_snapshot().is_ok());
  }
  // Changes after the snapshot: the next open loads it and catches up.
  std::string gone = add("Obsolète", "Ancienne procédure de congés.");
  add("Nouvelle", "Nouvelle procédure de sécurité et de congés.");
  ASSERT_TRUE(library_->delete_document(gone).is_ok());

  auto caught_up = open();
  ASSERT_NE(caught_up, nullptr);
  EXPECT_EQ(caught_up->stats().origin, "snapshot");

  ASSERT_TRUE(fs::remove(caught_up->snapshot_path()));
  auto rebuilt = open();
  ASSERT_NE(rebuilt, nullptr);
  EXPECT_EQ(rebuilt->stats().origin, "rebuild");
  EXPECT_EQ(rebuilt->stats().chunks, caught_up->stats().chunks);
  EXPECT_EQ(rebuilt->index_version(), caught_up->index_version());

  for (const char* q : {"congés", "sécurité", "procédure numéro 7", "nouvelle"}) {
    auto a = caught_up->retrieve(request(q, 20));
    auto b = rebuilt->retrieve(request(q, 20));
    ASSERT_TRUE(a.is_ok() && b.is_ok());
    ASSERT_EQ(a->passages.size(), b->passages.size()) << q;
    for (size_t i = 0; i < a->passages.size(); ++i) {
      EXPECT_EQ(a->passages[i].chunk_id, b->passages[i].chunk_id) << q;
      EXPECT_DOUBLE_EQ(a->passages[i].score, b->passages[i].score) << q;
    }
  }
}

TEST_P(IndexServiceTest, AnUnreadableSnapshotIsRebuiltNotTrusted) {
  add("Archives", "Le registre des archives est tenu par le secrétariat.");
  {
    auto service = open();
    ASSERT_NE(service, nullptr);
    ASSERT_TRUE(service->save_snapshot().is_ok());
    std::ofstream(service->snapshot_path(), std::ios::binary | std::ios::trunc) << "not a snapshot";
  }
  auto service = open();
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->stats().origin, "rebuild");
  EXPECT_EQ(chunk_ids(*service, request("registre")).size(), 1u);
}

TEST_P(IndexServiceTest, TheFollowerAppliesChangesWithinASecond) {
  auto service = open();
  ASSERT_NE(service, nullptr);
  service->start();
  const auto written = std::chrono::steady_clock::now();
  add("Annonce", "La cafétéria ferme le vendredi xylophage.");
  auto deadline = written + std::chrono::seconds(5);
  while (chunk_ids(*service, request("xylophage")).empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  auto lag = std::chrono::steady_clock::now() - written;
  EXPECT_EQ(chunk_ids(*service, request("xylophage")).size(), 1u);
  EXPECT_LT(lag, std::chrono::seconds(1));
  service->stop();
  // stop() left a snapshot that knows the change.
  auto reopened = open();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->stats().origin, "snapshot");
  EXPECT_EQ(chunk_ids(*reopened, request("xylophage")).size(), 1u);
}

TEST_P(IndexServiceTest, AccessAndFolderRestrictionsApplyInsideRetrieval) {
  auto hr = library_->create_folder("RH", std::nullopt);
  ASSERT_TRUE(hr.is_ok());
  auto payroll = library_->create_folder("Paie", hr->id);
  ASSERT_TRUE(payroll.is_ok());
  add("Public", "Le mot clé partagé est ornithorynque.");
  add("Salaires", "Grille des salaires ornithorynque confidentielle.", payroll->id);
  auto service = open();
  ASSERT_NE(service, nullptr);

  EXPECT_EQ(chunk_ids(*service, request("ornithorynque")).size(), 2u);
  RetrievalRequest only_public = request("ornithorynque");
  only_public.access = search::AccessFilter{};
  only_public.access.folders.insert(folder_);
  auto found = service->retrieve(only_public);
  ASSERT_TRUE(found.is_ok());
  ASSERT_EQ(found->passages.size(), 1u);
  EXPECT_EQ(found->passages[0].title, "Public");

  // A folder restriction covers the folder's subtree...
  RetrievalRequest in_hr = request("ornithorynque");
  in_hr.folder_id = hr->id;
  found = service->retrieve(in_hr);
  ASSERT_TRUE(found.is_ok());
  ASSERT_EQ(found->passages.size(), 1u);
  EXPECT_EQ(found->passages[0].title, "Salaires");
  // ...but never widens what the caller may read.
  in_hr.access = only_public.access;
  found = service->retrieve(in_hr);
  ASSERT_TRUE(found.is_ok());
  EXPECT_TRUE(found->passages.empty());

  in_hr.folder_id = "no-such-folder";
  EXPECT_EQ(service->retrieve(in_hr).status().code(), ErrorCode::kNotFound);
}

TEST_P(IndexServiceTest, RejectsBadRequestsAndSaysWhenHybridIsLexical) {
  add("Guide", "Texte du guide.");
  auto service = open();
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->retrieve(request("   ")).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(service->retrieve(request("guide", 0)).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(service->retrieve(request("guide", 101)).status().code(), ErrorCode::kInvalidArgument);
  RetrievalRequest hybrid = request("guide");
  hybrid.mode = search::SearchMode::kHybrid;
  auto found = service->retrieve(hybrid);
  ASSERT_TRUE(found.is_ok());
  EXPECT_EQ(found->mode_used, "lexical");
  EXPECT_NE(found->note.find("no embedding model"), std::string::npos);
}

TEST_P(IndexServiceTest, RebuildSwapsInAFreshIndex) {
  add("Avant", "Le mot témoin est colibri.");
  auto service = open();
  ASSERT_NE(service, nullptr);
  add("Après", "Un autre colibri.");
  ASSERT_TRUE(service->rebuild().is_ok());
  EXPECT_EQ(chunk_ids(*service, request("colibri")).size(), 2u);
  EXPECT_TRUE(fs::exists(service->snapshot_path()));
}

TEST_P(IndexServiceTest, VectorsFollowTheChangeLogAndServeVectorAndHybridModes) {
  testing::WordHashEmbedder embedder;
  add("Avant", "Les chats dorment au soleil.");  // indexed before any model existed
  use_embedder(embedder);
  auto service = open();
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->stats().vectors, 0u);

  // Vectorizing appends an event per chunk: the index picks the vectors up.
  library::VectorizeScope all;
  auto done = library_->vectorize(all);
  ASSERT_TRUE(done.is_ok()) << done.status().to_string();
  EXPECT_EQ(*done, 1u);
  ASSERT_TRUE(service->catch_up().is_ok());
  EXPECT_EQ(service->stats().vectors, 1u);
  // Only missing vectors unless asked to recompute.
  EXPECT_EQ(*library_->vectorize(all), 0u);
  all.recompute = true;
  EXPECT_EQ(*library_->vectorize(all), 1u);

  std::string id = add("Après", "Les chiens courent dans le parc.");
  library::VectorizeScope one;
  one.document_id = id;
  ASSERT_EQ(*library_->vectorize(one), 1u);
  ASSERT_TRUE(service->catch_up().is_ok());
  EXPECT_EQ(service->stats().vectors, 2u);

  RetrievalRequest r = request("chiens courent parc");
  r.mode = search::SearchMode::kVector;
  auto found = service->retrieve(r);
  ASSERT_TRUE(found.is_ok()) << found.status().to_string();
  EXPECT_EQ(found->mode_used, "vector");
  ASSERT_FALSE(found->passages.empty());
  EXPECT_EQ(found->passages[0].title, "Après");
  EXPECT_GT(found->timings.embed_ms, 0.0);

  r.mode = search::SearchMode::kHybrid;
  found = service->retrieve(r);
  ASSERT_TRUE(found.is_ok());
  EXPECT_EQ(found->mode_used, "hybrid");
  EXPECT_EQ(found->passages[0].title, "Après");
  // The query's vector comes back for reuse (the extractive answerer's similarity).
  auto expected = embedder.embed({r.query}, embed::InputKind::kQuery);
  ASSERT_TRUE(expected.is_ok());
  EXPECT_EQ(found->query_vector, expected->front());

  // A failing model degrades to lexical and says why.
  embedder.fail = true;
  found = service->retrieve(r);
  ASSERT_TRUE(found.is_ok());
  EXPECT_EQ(found->mode_used, "lexical");
  EXPECT_NE(found->note.find("embedding model failed"), std::string::npos);
  embedder.fail = false;

  // A rebuilt index reads the same vectors back.
  ASSERT_TRUE(service->rebuild().is_ok());
  EXPECT_EQ(service->stats().vectors, 2u);
  // Deleting the document removes its vector with it.
  ASSERT_TRUE(library_->delete_document(id).is_ok());
  ASSERT_TRUE(service->catch_up().is_ok());
  EXPECT_EQ(service->stats().vectors, 1u);
  EXPECT_EQ(db_->query("SELECT COUNT(*) FROM chunk_vectors")->front().get_int(0), 1);
}

TEST_P(IndexServiceTest, VectorizeWithoutAModelIsAClearError) {
  add("Guide", "Texte.");
  EXPECT_EQ(library_->vectorize({}).status().code(), ErrorCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(Backends, IndexServiceTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);

}  // namespace
}  // namespace sanad::retrieval
