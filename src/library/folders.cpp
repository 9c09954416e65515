// Folders: a tree of named folders; sibling names are unique case-insensitively:
// checked here with Unicode case folding, and backed by the folders_sibling_name_key
// index (SQL lower(): ASCII-only on SQLite, so the check here is the full one).

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/ids.h"
#include "core/strings.h"
#include "library/fold.h"
#include "library/library.h"
#include "library/row_mapping.h"
#include "text/normalize.h"

namespace sanad::library {

namespace {

constexpr std::size_t kMaxFolderName = 200;

Result<std::string> clean_folder_name(const std::string& raw) {
  std::string name(core::trim(text::nfkc(raw)));
  if (name.empty()) return invalid_argument("a folder name must not be empty");
  if (name.size() > kMaxFolderName) return invalid_argument("a folder name is at most 200 bytes");
  if (name.find_first_of("/\\") != std::string::npos) return invalid_argument("a folder name cannot contain '/' or '\\'");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) return invalid_argument("a folder name cannot contain control characters");
  }
  return name;
}

// OK when no sibling of `parent_id` other than `except_id` is called `name`.
Status check_sibling_free(db::Connection& c, const std::optional<std::string>& parent_id, const std::string& name,
                          const std::string& except_id) {
  auto rows = c.query("SELECT id, name FROM folders WHERE COALESCE(parent_id, '') = ? AND id <> ?",
                      {parent_id.value_or(""), except_id});
  if (!rows) return rows.status();
  std::string key = detail::fold_case(name);
  for (const auto& r : *rows) {
    if (detail::fold_case(r.get_string("name")) == key) {
      return already_exists("a folder called '" + r.get_string("name") + "' already exists here");
    }
  }
  return {};
}

Result<Folder> load_folder(db::Connection& c, const std::string& id) {
  auto rows = c.query(std::string("SELECT ") + detail::kFolderColumns + " FROM folders WHERE id = ?", {id});
  if (!rows) return rows.status();
  if (rows->empty()) return not_found("no folder " + id);
  return detail::folder_from_row(rows->front());
}

}  // namespace

Result<Folder> Library::create_folder(const std::string& raw_name, const std::optional<std::string>& parent_id,
                                      const std::optional<std::string>& created_by) {
  SANAD_ASSIGN_OR_RETURN(std::string name, clean_folder_name(raw_name));
  Folder folder;
  Status s = db_.transaction([&](db::Connection& c) -> Status {
    if (parent_id) {
      auto parent = load_folder(c, *parent_id);
      if (!parent) return parent.status().code() == ErrorCode::kNotFound ? not_found("no parent folder " + *parent_id)
                                                                       : parent.status();
    }
    SANAD_RETURN_IF_ERROR(check_sibling_free(c, parent_id, name, ""));
    folder.id = core::new_id();
    folder.parent_id = parent_id;
    folder.name = name;
    folder.created_by = created_by;
    folder.created_at = folder.updated_at = core::now_ms();
    auto n = c.exec(
        "INSERT INTO folders (id, parent_id, name, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        {folder.id, parent_id ? db::Value(*parent_id) : db::Value(db::kNull), name,
         created_by ? db::Value(*created_by) : db::Value(db::kNull), folder.created_at, folder.updated_at});
    return n.status();
  });
  if (!s) return s;
  return folder;
}

Result<Folder> Library::get_folder(const std::string& id) {
  SANAD_ASSIGN_OR_RETURN(auto conn, db_.acquire());
  return load_folder(*conn, id);
}

Result<std::optional<Folder>> Library::find_root_folder(const std::string& raw_name) {
  SANAD_ASSIGN_OR_RETURN(std::string name, clean_folder_name(raw_name));
  SANAD_ASSIGN_OR_RETURN(auto rows, db_.query(std::string("SELECT ") + detail::kFolderColumns +
                                              " FROM folders WHERE parent_id IS NULL"));
  const std::string key = detail::fold_case(name);
  for (const auto& r : rows) {
    if (detail::fold_case(r.get_string("name")) == key) return std::optional<Folder>(detail::folder_from_row(r));
  }
  return std::optional<Folder>();
}

Result<Folder> Library::ensure_root_folder(const std::string& raw_name) {
  SANAD_ASSIGN_OR_RETURN(std::string name, clean_folder_name(raw_name));
  for (int attempt = 0; attempt < 2; ++attempt) {
    SANAD_ASSIGN_OR_RETURN(auto existing, find_root_folder(name));
    if (existing) return std::move(*existing);
    auto created = create_folder(name, std::nullopt);
    if (created || created.status().code() != ErrorCode::kAlreadyExists) return created;
    // Another process created it meanwhile: read it back.
  }
  return internal_error("could not create folder " + name);
}

Result<Folder> Library::rename_folder(const std::string& id, const std::string& raw_name) {
  SANAD_ASSIGN_OR_RETURN(std::string name, clean_folder_name(raw_name));
  Folder folder;
  Status s = db_.transaction([&](db::Connection& c) -> Status {
    SANAD_ASSIGN_OR_RETURN(folder, load_folder(c, id));
    SANAD_RETURN_IF_ERROR(check_sibling_free(c, folder.parent_id, name, id));
    folder.name = name;
    folder.updated_at = core::now_ms();
    return c.exec("UPDATE folders SET name = ?, updated_at = ? WHERE id = ?", {name, folder.updated_at, id}).status();
  });
  if (!s) return s;
  return folder;
}

Result<Folder> Library::move_folder(const std::string& id, const std::optional<std::string>& new_parent_id) {
  Folder folder;
  Status s = db_.transaction([&](db::Connection& c) -> Status {
    SANAD_ASSIGN_OR_RETURN(folder, load_folder(c, id));
    if (new_parent_id) {
      // Walk up from the new parent: meeting `id` means a cycle.
      std::optional<std::string> cursor = new_parent_id;
      for (int depth = 0; cursor; ++depth) {
        if (*cursor == id) return invalid_argument("a folder cannot be moved into itself or one of its sub-folders");
        if (depth > 10000) return internal_error("folder tree too deep");
        auto parent = load_folder(c, *cursor);
        if (!parent) {
          return parent.status().code() == ErrorCode::kNotFound ? not_found("no folder " + *cursor) : parent.status();
        }
        cursor = parent->parent_id;
      }
    }
    SANAD_RETURN_IF_ERROR(check_sibling_free(c, new_parent_id, folder.name, id));
    folder.parent_id = new_parent_id;
    folder.updated_at = core::now_ms();
    return c
        .exec("UPDATE folders SET parent_id = ?, updated_at = ? WHERE id = ?",
              {new_parent_id ? db::Value(*new_parent_id) : db::Value(db::kNull), folder.updated_at, id})
        .status();
  });
  if (!s) return s;
  return folder;
}

Status Library::delete_folder(const std::string& id, bool recursive) {
  SANAD_ASSIGN_OR_RETURN(Folder root, get_folder(id));
  // Collect the subtree, parents before children.
  std::vector<std::string> subtree{root.id};
  std::vector<std::string> stored_files;
  Status s = db_.transaction([&](db::Connection& c) -> Status {
    subtree.assign(1, root.id);
    stored_files.clear();
    for (std::size_t i = 0; i < subtree.size(); ++i) {
      SANAD_ASSIGN_OR_RETURN(auto kids, c.query("SELECT id FROM folders WHERE parent_id = ?", {subtree[i]}));
      for (const auto& k : kids) subtree.push_back(k.get_string("id"));
    }
    if (!recursive) {
      SANAD_ASSIGN_OR_RETURN(auto docs, c.query("SELECT COUNT(*) AS n FROM documents WHERE folder_id = ?", {id}));
      SANAD_ASSIGN_OR_RETURN(auto faq, c.query("SELECT COUNT(*) AS n FROM faq_entries WHERE folder_id = ?", {id}));
      if (subtree.size() > 1 || docs.front().get_int("n") > 0 || faq.front().get_int("n") > 0) {
        return failed_precondition("the folder is not empty; delete it with recursive=true");
      }
    }
    // Children first, so the parent_id references never dangle.
    for (auto it = subtree.rbegin(); it != subtree.rend(); ++it) {
      SANAD_ASSIGN_OR_RETURN(auto docs, c.query(std::string("SELECT ") + detail::kDocumentColumns +
                                                    " FROM documents WHERE folder_id = ?",
                                                {*it}));
      for (const auto& r : docs) {
        Document d = detail::document_from_row(r);
        SANAD_RETURN_IF_ERROR(delete_document_rows(c, d));
        stored_files.push_back(d.storage_path);
      }
      SANAD_RETURN_IF_ERROR(c.exec("DELETE FROM faq_entries WHERE folder_id = ?", {*it}).status());
      SANAD_RETURN_IF_ERROR(c.exec("DELETE FROM folders WHERE id = ?", {*it}).status());
    }
    return Status::ok();
  });
  if (!s) return s;
  for (const auto& rel : stored_files) {
    std::error_code ec;
    std::filesystem::remove(options_.upload_dir / rel, ec);
  }
  return {};
}

Result<std::vector<FolderNode>> Library::folder_tree() {
  SANAD_ASSIGN_OR_RETURN(auto rows,
                         db_.query(std::string("SELECT ") + detail::kFolderColumns + " FROM folders ORDER BY name"));
  std::map<std::string, std::vector<Folder>> by_parent;  // "" = root
  for (const auto& r : rows) {
    Folder f = detail::folder_from_row(r);
    by_parent[f.parent_id.value_or("")].push_back(std::move(f));
  }
  std::function<std::vector<FolderNode>(const std::string&, int)> build = [&](const std::string& parent, int depth) {
    std::vector<FolderNode> out;
    auto it = by_parent.find(parent);
    if (it == by_parent.end() || depth > 1000) return out;
    for (auto& f : it->second) {
      FolderNode node;
      node.folder = f;
      node.children = build(f.id, depth + 1);
      out.push_back(std::move(node));
    }
    return out;
  };
  return build("", 0);
}

}  // namespace sanad::library
