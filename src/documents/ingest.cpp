#include "documents/ingest.h"

namespace sanad::documents {

Result<IngestSummary> ingest_document(DocumentType type, const std::filesystem::path& path,
                                      const IngestOptions& options, const ChunkSink& on_chunk,
                                      const ProgressFn& on_progress) {
  IngestSummary summary;
  IngestProgress progress;
  if (type == DocumentType::kPdf) progress.pages_total = pdf_page_count(path);
  auto report = [&]() -> Status { return on_progress ? on_progress(progress) : Status::ok(); };
  Chunker chunker(options.chunking, [&](Chunk&& chunk) -> Status {
    SANAD_RETURN_IF_ERROR(on_chunk(std::move(chunk)));
    ++progress.chunks_done;
    return report();
  });
  SANAD_RETURN_IF_ERROR(report());
  Status status = extract(type, path, options.limits, [&](Block&& block) -> Status {
    ++summary.blocks;
    if (block.page > progress.pages_done) {
      progress.pages_done = block.page;
      SANAD_RETURN_IF_ERROR(report());
    }
    return chunker.add(block);
  });
  if (status.is_ok()) status = chunker.finish();
  if (!status.is_ok()) return status;
  summary.pages = progress.pages_done;
  summary.chunks = chunker.chunk_count();
  summary.text_bytes = chunker.text_size();
  summary.language = chunker.document_language();
  return summary;
}

Extractor in_process_extractor() {
  return [](DocumentType type, const std::filesystem::path& path, const IngestOptions& options,
            const ChunkSink& on_chunk, const ProgressFn& on_progress, const CancelProbe& is_cancelled) {
    return ingest_document(type, path, options, on_chunk, [&](const IngestProgress& p) -> Status {
      if (is_cancelled && is_cancelled()) return cancelled("ingestion cancelled");
      return on_progress ? on_progress(p) : Status::ok();
    });
  };
}

}  // namespace sanad::documents
