#include "api/access_scope.h"

#include "api/authentication.h"

namespace sanad::api {

namespace {
constexpr std::string_view kScopeKey = "access_scope";
}  // namespace

Result<library::Principal> AccessScope::principal(const http::Request& req) const {
  const accounts::User* user = current_user(req);
  if (user == nullptr) return unauthenticated("sign in first");
  library::Principal who;
  who.user_id = user->id;
  who.admin = user->role == accounts::kRoleAdmin;
  if (!who.admin) {
    SANAD_ASSIGN_OR_RETURN(who.group_ids, groups_.groups_of(user->id));
  }
  return who;
}

Result<search::AccessFilter> AccessScope::read_scope(const http::Request& req) const {
  SANAD_ASSIGN_OR_RETURN(library::Principal who, principal(req));
  if (who.admin) return search::AccessFilter::everything();
  SANAD_ASSIGN_OR_RETURN(auto folders, permissions_.readable_folders(who));
  search::AccessFilter filter;
  filter.folders = std::move(folders);
  return filter;
}

Status AccessScope::require_folder(const http::Request& req, const std::string& folder_id,
                                   library::Permission needed) const {
  SANAD_ASSIGN_OR_RETURN(library::Principal who, principal(req));
  SANAD_ASSIGN_OR_RETURN(library::Permission has, permissions_.effective(who, folder_id));
  if (has == library::Permission::kNone) return not_found("no folder " + folder_id);
  if (has < needed) {
    return permission_denied("this needs '" + std::string(library::permission_name(needed)) +
                             "' permission on the folder");
  }
  return {};
}

Result<std::unordered_map<std::string, library::Permission>> AccessScope::readable_folders(
    const http::Request& req) const {
  SANAD_ASSIGN_OR_RETURN(library::Principal who, principal(req));
  SANAD_ASSIGN_OR_RETURN(auto snapshot, permissions_.snapshot());
  return snapshot.folders_with(who, library::Permission::kRead);
}

http::Middleware access_scope_middleware(const AccessScope& scope) {
  return [&scope](http::Request& req, const http::Next& next) {
    req.context[std::string(kScopeKey)] = &scope;
    return next(req);
  };
}

Result<search::AccessFilter> read_scope(const http::Request& req) {
  const auto* scope = req.context_value<const AccessScope*>(kScopeKey);
  if (scope == nullptr || *scope == nullptr) return internal_error("the access scope is not installed");
  return (*scope)->read_scope(req);
}

Status require_document_folder(const AccessScope& scope, const http::Request& req, const std::string& folder_id,
                               library::Permission needed, const std::string& document_id) {
  Status s = scope.require_folder(req, folder_id, needed);
  if (s.code() == ErrorCode::kNotFound) return not_found("no document " + document_id);
  return s;
}

}  // namespace sanad::api
