#pragma once
// The public JSON shapes of the library's records (API.md: times ISO 8601 UTC, ids
// opaque). Pure functions.

#include <nlohmann/json.hpp>

#include "library/library.h"

namespace sanad::api {

nlohmann::json folder_to_json(const library::Folder& folder);
// A folder with its "children" (recursively).
nlohmann::json folder_node_to_json(const library::FolderNode& node);
nlohmann::json category_to_json(const library::Category& category);
// Never exposes the storage path.
nlohmann::json document_to_json(const library::Document& document);
nlohmann::json faq_to_json(const library::FaqItem& item);

}  // namespace sanad::api
