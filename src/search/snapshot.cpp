// SearchIndex snapshots: the whole in-memory state in one file, written atomically.
//
// Layout: 8-byte magic "SANADIX1", u32 format version, u64 payload size, u64
// FNV-1a checksum of the payload, then the payload (see serialize()). Any mismatch
// rejects the file: snapshots are a cache, the caller rebuilds from the database.

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>

#include "search/search_index.h"

namespace sanad::search {
namespace {

constexpr char kMagic[8] = {'S', 'A', 'N', 'A', 'D', 'I', 'X', '1'};
constexpr uint32_t kFormatVersion = 3;  // 3: vector storage byte
constexpr size_t kHeaderSize = 8 + 4 + 8 + 8;

Status write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return unavailable("writing " + path + ": " + std::strerror(errno));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::ok();
}

std::string parent_dir(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

void put_analyzer_options(BinaryWriter& out, const AnalyzerOptions& o) {
  out.put<uint8_t>(static_cast<uint8_t>(o.arabic_stemmer));
  out.put<uint8_t>(static_cast<uint8_t>(o.hamza_seats));
  out.put<uint8_t>(o.remove_stop_words ? 1 : 0);
  out.put<uint8_t>(o.stem ? 1 : 0);
}

}  // namespace

std::string SearchIndex::serialize(uint64_t applied_seq, const std::string& scratch_path,
                                   Status& status) const {
  BinaryWriter out;
  out.put<uint64_t>(applied_seq);
  put_analyzer_options(out, options_.analyzer);
  out.put<uint64_t>(document_names_.size());
  for (const auto& n : document_names_) out.put_string(n);
  out.put<uint64_t>(folder_names_.size());
  for (const auto& n : folder_names_) out.put_string(n);
  out.put<uint64_t>(chunks_.size());
  for (size_t i = 0; i < chunks_.size(); ++i) {
    const ChunkMeta& m = chunks_[i];
    out.put_string(chunk_keys_[i]);
    out.put<uint32_t>(m.document);
    out.put<uint32_t>(m.folder);
    out.put<uint8_t>(static_cast<uint8_t>(m.language));
    out.put<uint8_t>(m.live ? 1 : 0);
  }
  lexical_.save(out);
  status = vectors_.save(out, scratch_path);
  return out.take();
}

Status SearchIndex::deserialize(std::string_view payload, const std::string& scratch_path) {
  BinaryReader in(payload);
  applied_seq_ = in.get<uint64_t>();
  BinaryWriter expected;
  put_analyzer_options(expected, options_.analyzer);
  if (in.get_bytes(expected.buffer().size()) != expected.buffer()) {
    return failed_precondition("snapshot was built with other analysis options");
  }
  const auto documents = in.get<uint64_t>();
  for (uint64_t i = 0; i < documents && in.ok(); ++i) {
    intern(document_names_, document_ids_, in.get_string());
  }
  const auto folders = in.get<uint64_t>();
  for (uint64_t i = 0; i < folders && in.ok(); ++i) {
    intern(folder_names_, folder_ids_, in.get_string());
  }
  live_per_document_.assign(document_names_.size(), 0);
  live_per_folder_.assign(folder_names_.size(), 0);
  const auto count = in.get<uint64_t>();
  for (uint64_t i = 0; i < count && in.ok(); ++i) {
    ChunkMeta m;
    std::string key = in.get_string();
    m.document = in.get<uint32_t>();
    m.folder = in.get<uint32_t>();
    const auto language = in.get<uint8_t>();
    m.live = in.get<uint8_t>() != 0;
    if (m.document >= document_names_.size() || m.folder >= folder_names_.size() || language > 3) {
      return failed_precondition("snapshot chunk table is inconsistent");
    }
    m.language = static_cast<text::Language>(language);
    if (m.live) {
      ++live_per_document_[m.document];
      ++live_per_folder_[m.folder];
      ordinal_of_[key] = static_cast<uint32_t>(chunks_.size());
    }
    chunk_keys_.push_back(std::move(key));
    chunks_.push_back(std::move(m));
  }
  if (!in.ok() || !lexical_.load(in)) return failed_precondition("snapshot lexical index is malformed");
  if (Status s = vectors_.load(in, scratch_path); !s.is_ok()) {
    return failed_precondition("snapshot vector index: " + s.message());
  }
  if (!in.ok() || !in.at_end()) return failed_precondition("snapshot has trailing or missing bytes");
  return Status::ok();
}

Status SearchIndex::save_snapshot(const std::string& path, uint64_t applied_seq) const {
  std::string payload;
  {
    std::shared_lock lock(mutex_);
    Status status;
    payload = serialize(applied_seq, path + ".graph.tmp", status);
    SANAD_RETURN_IF_ERROR(status);
  }
  BinaryWriter header;
  header.put_bytes(std::string_view(kMagic, sizeof(kMagic)));
  header.put<uint32_t>(kFormatVersion);
  header.put<uint64_t>(payload.size());
  header.put<uint64_t>(fnv1a64(payload));

  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return unavailable("creating " + tmp + ": " + std::strerror(errno));
  Status status = write_all(fd, header.buffer(), tmp);
  if (status.is_ok()) status = write_all(fd, payload, tmp);
  if (status.is_ok() && ::fsync(fd) != 0) status = unavailable("fsync " + tmp + ": " + std::strerror(errno));
  if (::close(fd) != 0 && status.is_ok()) status = unavailable("close " + tmp + ": " + std::strerror(errno));
  if (status.is_ok() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    status = unavailable("rename " + tmp + " to " + path + ": " + std::strerror(errno));
  }
  if (!status.is_ok()) {
    ::unlink(tmp.c_str());
    return status;
  }
  // Make the rename itself durable.
  const int dir = ::open(parent_dir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  applied_seq_ = applied_seq;
  return Status::ok();
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::load_snapshot(const std::string& path,
                                                                SearchOptions options) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return not_found("no snapshot at " + path);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) return unavailable("reading " + path + " failed");
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return failed_precondition(path + " is not a search snapshot");
  }
  BinaryReader header(std::string_view(bytes).substr(sizeof(kMagic)));
  const auto version = header.get<uint32_t>();
  const auto size = header.get<uint64_t>();
  const auto checksum = header.get<uint64_t>();
  if (version != kFormatVersion) {
    return failed_precondition("snapshot format version " + std::to_string(version) +
                               " is not supported (expected " + std::to_string(kFormatVersion) + ")");
  }
  const std::string_view payload = std::string_view(bytes).substr(kHeaderSize);
  if (payload.size() != size || fnv1a64(payload) != checksum) {
    return failed_precondition("snapshot " + path + " is corrupt (size or checksum mismatch)");
  }
  auto index = std::make_unique<SearchIndex>(options);
  SANAD_RETURN_IF_ERROR(index->deserialize(payload, path + ".graph.load.tmp"));
  return index;
}

}  // namespace sanad::search
