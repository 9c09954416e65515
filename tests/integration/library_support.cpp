#include "library_support.h"

#include <thread>

namespace sanad::testing {

std::string multipart_body(const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::string& file_name, const std::string& content) {
  const std::string boundary = kMultipartBoundary;
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
          "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
  body += "--" + boundary + "--\r\n";
  return body;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

}  // namespace sanad::testing
