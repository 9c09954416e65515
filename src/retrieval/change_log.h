#pragma once
// Reading what the search index is derived from: the chunks table (with each
// chunk's document title and, for the configured model, its vector) and the
// append-only chunk_events log. Stateless apart from the Database reference;
// thread-safe as the Database is.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "db/database.h"
#include "search/search_index.h"

namespace sanad::retrieval {

struct ChunkEvent {
  uint64_t seq = 0;
  bool insert = false;  // false: delete
  std::string chunk_id;
};

class ChangeLog {
 public:
  // `vector_model`: the model whose vectors are read with the chunks (empty: none);
  // `dimension`: the dimension expected of them (a stored vector of another size is
  // ignored, so a changed model never corrupts the index).
  ChangeLog(db::Database& db, std::string vector_model, size_t dimension);

  // The highest sequence in the log (0 when empty).
  Result<uint64_t> latest_seq();
  // Up to `limit` events with seq > `after`, in order.
  Result<std::vector<ChunkEvent>> events_after(uint64_t after, size_t limit);
  // The chunks with these ids that still exist (any order).
  Result<std::vector<search::ChunkRecord>> chunks(const std::vector<std::string>& ids);
  // Up to `limit` chunks with id > `after_id`, ordered by id: a keyset scan of the
  // whole table for rebuilds.
  Result<std::vector<search::ChunkRecord>> scan(const std::string& after_id, size_t limit);
  // How many chunks have no vector for the model (0 without a model).
  Result<int64_t> chunks_without_vectors();

 private:
  Result<std::vector<search::ChunkRecord>> load(const std::string& where, const db::Params& params);

  db::Database& db_;
  const std::string model_;
  const size_t dimension_;
};

}  // namespace sanad::retrieval
