#include "library/indexer.h"

#include <algorithm>
#include <map>
#include <set>

namespace sanad::library {

namespace {

namespace fs = std::filesystem;

constexpr const char* kFilePrefix = "file:";

bool hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

bool under(const fs::path& file, const fs::path& root) {
  auto f = file.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++f) {
    if (f == file.end() || *f != *r) return false;
  }
  return true;
}

Status collect(const std::vector<fs::path>& paths, std::vector<fs::path>& files, std::vector<fs::path>& roots) {
  for (const auto& raw : paths) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(raw), ec);
    if (ec || !fs::exists(p)) return invalid_argument("no such file or directory: " + raw.string());
    roots.push_back(p);
    if (fs::is_regular_file(p)) {
      files.push_back(p);
      continue;
    }
    if (!fs::is_directory(p)) continue;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) return invalid_argument("cannot read directory " + p.string() + ": " + ec.message());
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      if (hidden(it->path())) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return {};
}

}  // namespace

Result<IndexSummary> index_paths(Library& library, const std::string& folder_id, const std::vector<fs::path>& paths,
                                 const IndexProgressFn& progress) {
  SANAD_ASSIGN_OR_RETURN(Folder folder, library.get_folder(folder_id));
  std::vector<fs::path> files;
  std::vector<fs::path> roots;
  SANAD_RETURN_IF_ERROR(collect(paths, files, roots));

  DocumentFilter filter;
  filter.folder_id = folder.id;
  filter.limit = INT64_MAX;
  SANAD_ASSIGN_OR_RETURN(auto existing, library.list_documents(filter));
  std::map<std::string, Document> by_source;
  for (auto& d : existing) {
    if (d.source.rfind(kFilePrefix, 0) == 0) by_source.emplace(d.source, d);
  }

  IndexSummary summary;
  summary.files = files.size();
  std::set<std::string> seen;
  auto ingest = [&](const std::string& id, const fs::path& file, std::size_t& counter) {
    Status s = library.ingest(id);
    if (s) {
      ++counter;
    } else {
      ++summary.failed;
      summary.problems.push_back(file.string() + ": " + s.message());
    }
  };
  for (std::size_t i = 0; i < files.size(); ++i) {
    const fs::path& file = files[i];
    if (progress) progress(i + 1, files.size(), file);
    const std::string source = kFilePrefix + file.string();
    seen.insert(source);
    auto sha = sha256_file(file);
    if (!sha) {
      ++summary.failed;
      summary.problems.push_back(file.string() + ": " + sha.status().message());
      continue;
    }
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    if (auto it = by_source.find(source); it != by_source.end()) {
      const Document& d = it->second;
      if (d.sha256 == *sha && d.status == "ready") {
        ++summary.unchanged;
        continue;
      }
      if (d.sha256 != *sha) {
        if (Status s = library.replace_content(d.id, file, *sha, size); !s) {
          ++summary.failed;
          summary.problems.push_back(file.string() + ": " + s.message());
          continue;
        }
      }
      ingest(d.id, file, summary.updated);
      continue;
    }
    NewDocument in;
    in.file = file;
    in.keep_source = true;
    in.folder_id = folder.id;
    in.original_name = file.filename().string();
    in.source = source;
    in.sha256_hex = *sha;
    if (!ec) in.size = size;
    auto created = library.create_document(in);
    if (!created) {
      if (created.status().code() == ErrorCode::kUnsupported) {
        ++summary.unsupported;
      } else {
        ++summary.failed;
      }
      summary.problems.push_back(file.string() + ": " + created.status().message());
      continue;
    }
    if (!created->created) {
      // Same content as a document already here (another path or an upload).
      if (created->document.status == "ready") {
        ++summary.duplicates;
        continue;
      }
      ingest(created->document.id, file, summary.updated);
      continue;
    }
    ingest(created->document.id, file, summary.added);
  }

  for (const auto& [source, d] : by_source) {
    if (seen.count(source)) continue;
    fs::path path = source.substr(std::string(kFilePrefix).size());
    bool in_scope = std::any_of(roots.begin(), roots.end(), [&](const fs::path& r) { return under(path, r); });
    std::error_code ec;
    if (!in_scope || fs::exists(path, ec)) continue;
    if (Status s = library.delete_document(d.id); s) {
      ++summary.removed;
    } else {
      summary.problems.push_back(path.string() + ": " + s.message());
    }
  }
  return summary;
}

}  // namespace sanad::library
