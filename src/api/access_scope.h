#pragma once
// What the signed-in user may read, as the search filter every retrieval carries.
// The one place the API turns a request's user into an AccessFilter: search,
// answers and the OpenAI-compatible endpoint all go through it.

#include "core/status.h"
#include "http/request.h"
#include "search/search_index.h"

namespace sanad::api {

// The caller's read scope: everything for administrators; otherwise the folders
// (with inherited permissions) and documents the user may read. unauthenticated
// when the request has no user.
Result<search::AccessFilter> read_scope(const http::Request& req);

}  // namespace sanad::api
