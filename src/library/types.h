#pragma once
// The library's records as the domain speaks of them (rows of folders, categories,
// documents and faq_entries). Plain value types; times are ms since the epoch.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sanad::library {

struct Folder {
  std::string id;
  std::optional<std::string> parent_id;  // nullopt: a root folder
  std::string name;
  std::optional<std::string> created_by;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// A folder with its sub-folders, for the tree listing (children sorted by name).
struct FolderNode {
  Folder folder;
  std::vector<FolderNode> children;
};

struct Category {
  std::string id;
  std::string slug;
  std::string label_fr;
  std::string label_en;
  std::string label_ar;
  int64_t created_at = 0;
};

// "queued", "processing", "ready", "failed" as stored.
struct Document {
  std::string id;
  std::string folder_id;
  std::string title;
  std::optional<std::string> category_id;
  std::string language;
  std::string tags_json = "[]";
  std::string source;
  std::string original_name;
  std::string mime_type;
  std::optional<std::string> uploader_id;
  int64_t size_bytes = 0;
  std::string sha256;
  std::string storage_path;  // relative to the upload directory: "<id[0:2]>/<id>"
  int64_t pages = 0;
  int64_t chunk_count = 0;
  std::string status;
  std::optional<std::string> error;
  std::optional<std::string> job_id;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct FaqItem {
  std::string id;
  std::string folder_id;
  std::string question;
  std::string answer;
  std::string category;
  std::string source;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

}  // namespace sanad::library
