#include "api/search_routes.h"

#include <charconv>

#include "api/access_scope.h"
#include "api/route_options.h"
#include "http/response.h"
#include "retrieval/result_json.h"

namespace sanad::api {

namespace {

Result<size_t> parse_k(const std::optional<std::string>& value) {
  if (!value || value->empty()) return size_t{10};
  size_t k = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), k);
  if (ec != std::errc() || end != value->data() + value->size() || k == 0 || k > 100) {
    return invalid_argument("'k' must be a whole number between 1 and 100");
  }
  return k;
}

http::Response search(const retrieval::Retriever& retriever, const http::Request& req) {
  auto access = read_scope(req);
  if (!access) return http::error_response(access.status());
  retrieval::RetrievalRequest request;
  request.query = req.query_param("q").value_or("");
  if (request.query.empty()) return http::error_response(invalid_argument("'q' is required"));
  auto k = parse_k(req.query_param("k"));
  if (!k) return http::error_response(k.status());
  request.k = *k;
  if (auto mode = req.query_param("mode"); mode && !mode->empty()) {
    auto parsed = search::parse_search_mode(*mode);
    if (!parsed) return http::error_response(parsed.status());
    request.mode = *parsed;
  }
  if (auto folder = req.query_param("folder_id"); folder && !folder->empty()) request.folder_id = *folder;
  request.access = std::move(*access);

  auto found = retriever.retrieve(request);
  if (!found) return http::error_response(found.status());
  return http::Response::json(200, retrieval::search_result_json(*found));
}

}  // namespace

void add_search_routes(http::Router& router, const retrieval::Retriever& retriever) {
  router.add("GET", "/api/search", [&retriever](http::Request& req) { return search(retriever, req); },
             pooled("search"));
}

}  // namespace sanad::api
