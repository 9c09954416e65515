#include "api/access_scope.h"

#include "api/authentication.h"

namespace sanad::api {

Result<search::AccessFilter> read_scope(const http::Request& req) {
  const accounts::User* user = current_user(req);
  if (user == nullptr) return unauthenticated("sign in first");
  // Folder permissions are not modelled yet: every signed-in user reads the library.
  return search::AccessFilter::everything();
}

}  // namespace sanad::api
