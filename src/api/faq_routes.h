#pragma once
// HTTP routes for curated question/answer entries:
//   POST /api/faq/import?folder_id=   CSV body (question,answer[,category][,source]);
//                                     upserts by question; without folder_id the root
//                                     folder "FAQ" (created when missing) receives them
//                                     -> 200 {inserted, updated, unchanged, errors: [{line, message}]}
//   GET  /api/faq?folder_id=          the entries
// Import needs write on the folder (without folder_id: administrators, or write on
// an existing "FAQ" root folder); the list shows entries of readable folders only
// (a folder_id the caller may not read: 404). The library and scope must outlive
// the router.

#include <cstdint>
#include <filesystem>

#include "api/access_scope.h"
#include "http/router.h"
#include "library/library.h"

namespace sanad::api {

// The folder FAQ entries go to when no folder is named.
inline constexpr const char* kDefaultFaqFolder = "FAQ";

void add_faq_routes(http::Router& router, library::Library& library, const AccessScope& scope,
                    const std::filesystem::path& spool_dir, std::uint64_t max_body_bytes);

}  // namespace sanad::api
