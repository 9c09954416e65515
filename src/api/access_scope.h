#pragma once
// What the signed-in user may do with the library, decided in one place.
//
// `AccessScope` (built once by `sanad serve`) turns a request's user into a
// library::Principal (id, role, groups) and answers the questions handlers ask:
// the read scope as the search filter every retrieval carries, and "may this caller
// read / write / manage this folder?". Nothing is cached between requests, so a
// revocation takes effect on the next request of any instance.
//
// The one entry point for search, answers and the OpenAI-compatible endpoint is
// the free function `read_scope(req)`: it finds the AccessScope that
// `access_scope_middleware` put on the request. Handlers that check folders take
// the AccessScope by reference.

#include <string>
#include <unordered_map>

#include "accounts/group_service.h"
#include "core/status.h"
#include "http/middleware.h"
#include "http/request.h"
#include "library/permissions.h"
#include "search/search_index.h"

namespace sanad::api {

class AccessScope {
 public:
  // Both services must outlive the scope. Thread-safe.
  AccessScope(library::Permissions& permissions, accounts::GroupService& groups)
      : permissions_(permissions), groups_(groups) {}

  library::Permissions& permissions() const { return permissions_; }

  // The request's user as a principal (with its groups); unauthenticated when the
  // request has no user.
  Result<library::Principal> principal(const http::Request& req) const;

  // Everything for administrators; otherwise the folders (with inherited
  // permissions) the user may read. unauthenticated when the request has no user.
  Result<search::AccessFilter> read_scope(const http::Request& req) const;

  // OK when the caller has at least `needed` on the folder. not_found when the
  // folder does not exist OR the caller may not read it (existence is not
  // confirmed); permission_denied when the caller reads it but needs more.
  Status require_folder(const http::Request& req, const std::string& folder_id,
                        library::Permission needed) const;

  // The caller's effective permission on every folder it may read.
  Result<std::unordered_map<std::string, library::Permission>> readable_folders(const http::Request& req) const;

 private:
  library::Permissions& permissions_;
  accounts::GroupService& groups_;
};

// Puts `scope` on every request (for read_scope(req)). `scope` must outlive the
// server. Installed after the authentication middleware.
http::Middleware access_scope_middleware(const AccessScope& scope);

// The caller's read scope through the AccessScope on the request: everything for
// administrators, else the readable folders. unauthenticated when the request has
// no user; internal when the middleware is not installed (fails closed).
Result<search::AccessFilter> read_scope(const http::Request& req);

// Maps a folder check onto a document: not_found (never permission_denied) when
// the caller may not read the document's folder, so a document id never confirms
// that the document exists.
Status require_document_folder(const AccessScope& scope, const http::Request& req, const std::string& folder_id,
                               library::Permission needed, const std::string& document_id);

}  // namespace sanad::api
