#include "llm/http_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <memory>

#include "core/strings.h"

namespace sanad::llm {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxErrorBody = size_t{64} * 1024;
// How often the transfer loop wakes up to check its timers at the latest.
constexpr std::chrono::milliseconds kPollSlice{50};

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct MultiDeleter {
  void operator()(CURLM* h) const { curl_multi_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// State shared with libcurl's callbacks for one transfer.
struct Transfer {
  CURL* easy = nullptr;
  const BodyHandler* on_body = nullptr;
  HttpReply reply;
  bool got_byte = false;
  bool status_known = false;
  Clock::time_point last_byte;

  void touch() {
    got_byte = true;
    last_byte = Clock::now();
  }
  long status() {
    if (!status_known) {
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &reply.status);
      status_known = true;
    }
    return reply.status;
  }
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  // Headers do not stop the first-byte clock: servers send them before the
  // model has produced anything (prompt processing can take long).
  std::string_view line(data, n);
  // A new status line (after a 100 Continue or a redirect) resets what we saw.
  if (line.starts_with("HTTP/")) {
    t->status_known = false;
    t->reply.retry_after_seconds.reset();
    return n;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos && core::iequals(core::trim(line.substr(0, colon)), "retry-after")) {
    t->reply.retry_after_seconds = parse_retry_after(core::trim(line.substr(colon + 1)));
  }
  return n;
}

size_t on_write(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  t->touch();
  long status = t->status();
  std::string_view bytes(data, n);
  if (status < 200 || status >= 300) {
    size_t room = kMaxErrorBody - std::min(kMaxErrorBody, t->reply.error_body.size());
    t->reply.error_body.append(bytes.substr(0, std::min(room, n)));
    return n;
  }
  if (!(*t->on_body)(bytes)) {
    t->reply.aborted_by_handler = true;
    return CURL_WRITEFUNC_ERROR;
  }
  return n;
}

// Loopback never goes through a proxy; other hosts follow the environment.
std::string no_proxy_list() {
  std::string list = "localhost,127.0.0.1,::1";
  for (const char* name : {"NO_PROXY", "no_proxy"}) {
    // Read once per transport, at construction in main, before threads start.
    if (const char* v = std::getenv(name); v != nullptr && *v != '\0') {  // NOLINT(concurrency-mt-unsafe)
      list += ',';
      list += v;
      break;
    }
  }
  return list;
}

std::string ms_text(std::chrono::milliseconds ms) {
  return std::to_string(ms.count()) + " ms";
}

}  // namespace

std::optional<int> parse_retry_after(std::string_view value) {
  value = core::trim(value);
  if (value.empty() || value.size() > 9) return std::nullopt;
  int seconds = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || ptr != value.data() + value.size() || seconds < 0) return std::nullopt;
  return seconds;
}

HttpTransport::HttpTransport(HttpTimeouts timeouts) : timeouts_(timeouts), no_proxy_(no_proxy_list()) {}

Result<HttpReply> HttpTransport::post(const HttpPost& request, const BodyHandler& on_body) const {
  std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
  std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
  if (!easy || !multi) return internal_error("libcurl initialisation failed");

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  for (const std::string& h : request.headers) {
    curl_slist* grown = curl_slist_append(headers.get(), h.c_str());
    if (grown == nullptr) return internal_error("libcurl header list allocation failed");
    (void)headers.release();
    headers.reset(grown);
  }
  // libcurl would otherwise send "Expect: 100-continue" for large bodies and wait.
  {
    curl_slist* grown = curl_slist_append(headers.get(), "Expect:");
    if (grown == nullptr) return internal_error("libcurl header list allocation failed");
    (void)headers.release();
    headers.reset(grown);
  }

  Transfer t;
  t.easy = easy.get();
  t.on_body = &on_body;

  CURL* h = easy.get();
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts_.connect.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts_.total.count()));
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_write);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_NOPROXY, no_proxy_.c_str());
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");

  if (curl_multi_add_handle(multi.get(), h) != CURLM_OK) {
    return internal_error("libcurl could not start the transfer");
  }
  // The first-byte and idle timers are ours: libcurl's low-speed limit only has
  // one-second resolution and no notion of "first byte".
  const Clock::time_point start = Clock::now();
  Status timeout;
  CURLcode result = CURLE_OK;
  bool finished = false;
  while (!finished) {
    int running = 0;
    if (CURLMcode mc = curl_multi_perform(multi.get(), &running); mc != CURLM_OK) {
      curl_multi_remove_handle(multi.get(), h);
      return internal_error(std::string("libcurl: ") + curl_multi_strerror(mc));
    }
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
      if (msg->msg == CURLMSG_DONE && msg->easy_handle == h) {
        result = msg->data.result;
        finished = true;
      }
    }
    if (finished) break;
    const Clock::time_point now = Clock::now();
    std::chrono::milliseconds left;
    if (!t.got_byte) {
      auto limit = start + timeouts_.first_byte;
      if (now >= limit) {
        timeout = deadline_exceeded("no response within the first-byte timeout of " +
                                    ms_text(timeouts_.first_byte));
        break;
      }
      left = std::chrono::duration_cast<std::chrono::milliseconds>(limit - now);
    } else {
      auto limit = t.last_byte + timeouts_.idle;
      if (now >= limit) {
        timeout =
            deadline_exceeded("the reply stalled longer than the idle timeout of " + ms_text(timeouts_.idle));
        break;
      }
      left = std::chrono::duration_cast<std::chrono::milliseconds>(limit - now);
    }
    int wait_ms = static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(
        std::min(left, kPollSlice).count() + 1, 1, kPollSlice.count()));
    if (CURLMcode mc = curl_multi_poll(multi.get(), nullptr, 0, wait_ms, nullptr); mc != CURLM_OK) {
      curl_multi_remove_handle(multi.get(), h);
      return internal_error(std::string("libcurl: ") + curl_multi_strerror(mc));
    }
  }
  curl_multi_remove_handle(multi.get(), h);
  if (!timeout.is_ok()) return timeout;
  t.status();

  if (t.reply.aborted_by_handler) return std::move(t.reply);
  switch (result) {
    case CURLE_OK: return std::move(t.reply);
    case CURLE_OPERATION_TIMEDOUT:
      if (!t.got_byte) {
        return deadline_exceeded("could not connect within " + ms_text(timeouts_.connect));
      }
      return deadline_exceeded("the reply took longer than the total timeout of " + ms_text(timeouts_.total));
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
      return unavailable(std::string("provider connection failed: ") + curl_easy_strerror(result));
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return invalid_argument(std::string("bad provider URL: ") + curl_easy_strerror(result));
    default: return unavailable(std::string("provider transfer failed: ") + curl_easy_strerror(result));
  }
}

}  // namespace sanad::llm
