#include "api/feedback_routes.h"

#include "api/authentication.h"
#include "api/request_json.h"
#include "api/route_options.h"
#include "http/response.h"

namespace sanad::api {

namespace {

http::Response post_feedback(assistant::ConversationStore& store, http::Request& req) {
  auto body = json_object_body(req);
  if (!body) return http::error_response(body.status());
  auto rating = optional_string(*body, "rating");
  if (!rating) return http::error_response(rating.status());
  auto comment = optional_string(*body, "comment");
  if (!comment) return http::error_response(comment.status());
  if (!rating->has_value()) return http::error_response(invalid_argument("'rating' is required"));
  const accounts::User* user = current_user(req);
  if (user == nullptr) return http::error_response(unauthenticated("sign in first"));
  Status s = store.set_feedback(user->id, req.param("id"), **rating, comment->value_or(""));
  if (!s) return http::error_response(s);
  return http::Response::no_content();
}

}  // namespace

void add_feedback_routes(http::Router& router, assistant::ConversationStore& store) {
  router.add("POST", "/api/messages/{id}/feedback",
             [&store](http::Request& req) { return post_feedback(store, req); }, pooled("messages.feedback"));
}

}  // namespace sanad::api
