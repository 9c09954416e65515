#include "assistant/sql_chunk_source.h"

namespace sanad::assistant {

Result<std::vector<ChunkRow>> SqlChunkSource::chunks(const std::string& document_id, int64_t first,
                                                     int64_t last) const {
  SANAD_ASSIGN_OR_RETURN(
      db::Rows rows,
      db_.query("SELECT id, ordinal, page, heading_trail, start_offset, end_offset, text FROM chunks "
                "WHERE document_id = ? AND ordinal >= ? AND ordinal <= ? ORDER BY ordinal",
                {document_id, first, last}));
  std::vector<ChunkRow> out;
  out.reserve(rows.size());
  for (const db::Row& r : rows) {
    ChunkRow c;
    c.chunk_id = r.get_string("id");
    c.ordinal = r.get_int("ordinal");
    c.page = r.get_int("page");
    c.section = r.get_string("heading_trail");
    c.start = r.get_int("start_offset");
    c.end = r.get_int("end_offset");
    c.text = r.get_string("text");
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace sanad::assistant
