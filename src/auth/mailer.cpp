#include "auth/mailer.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

#include "auth/base64url.h"
#include "auth/password_policy.h"
#include "auth/secrets.h"
#include "core/clock.h"

namespace sanad::auth {
namespace {

std::string base64_std(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool has_control(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

std::string rfc5322_date(int64_t epoch_s) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(epoch_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

struct Upload {
  std::string_view data;
  size_t offset = 0;
};

size_t read_payload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

Result<std::string> mailbox_address(std::string_view mailbox) {
  std::string_view addr = mailbox;
  if (auto open = mailbox.rfind('<'); open != std::string_view::npos) {
    if (mailbox.back() != '>') return invalid_argument("malformed mailbox");
    addr = mailbox.substr(open + 1, mailbox.size() - open - 2);
    if (has_control(mailbox.substr(0, open))) return invalid_argument("malformed mailbox");
  }
  auto at = addr.rfind('@');
  if (addr.empty() || addr.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 == addr.size()) {
    return invalid_argument("malformed e-mail address");
  }
  for (unsigned char c : addr) {
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == ',' || c == '"' || c == '\\') {
      return invalid_argument("malformed e-mail address");
    }
  }
  return std::string(addr);
}

std::string encode_header_value(std::string_view utf8) {
  bool plain = utf8.size() <= 900;
  for (unsigned char c : utf8) plain = plain && c >= 0x20 && c < 0x7F;
  if (plain && utf8.find("=?") == std::string_view::npos) return std::string(utf8);
  // Each encoded-word holds at most 45 bytes (60 base64 characters + 12 of framing).
  constexpr size_t kChunk = 45;
  std::string out;
  size_t i = 0;
  while (i < utf8.size()) {
    size_t end = std::min(utf8.size(), i + kChunk);
    // Never split a multi-byte sequence: back off over continuation bytes.
    while (end < utf8.size() && end > i && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64_std(utf8.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

Result<std::string> format_message(const MailMessage& message, std::string_view from, int64_t date_epoch_s,
                                   std::string_view message_id) {
  SANAD_ASSIGN_OR_RETURN(std::string to, mailbox_address(message.to));
  if (has_control(from) || has_control(message.subject) || has_control(message_id)) {
    return invalid_argument("control characters in a mail header");
  }
  if (!count_code_points(message.subject).is_ok() || !count_code_points(message.body).is_ok()) {
    return invalid_argument("mail subject and body must be UTF-8");
  }
  std::string body;
  body.reserve(message.body.size() + message.body.size() / 40);
  for (char c : message.body) {
    if (c == '\r') continue;
    if (c == '\n') body += "\r\n";
    else body.push_back(c);
  }
  std::string encoded = base64_std(body);

  std::string out;
  out += "Date: " + rfc5322_date(date_epoch_s) + "\r\n";
  out += "From: " + encode_header_value(from) + "\r\n";
  out += "To: <" + to + ">\r\n";
  out += "Subject: " + encode_header_value(message.subject) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  for (size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

Result<SmtpMailer> SmtpMailer::create(SmtpOptions options) {
  if (options.url.rfind("smtp://", 0) != 0 && options.url.rfind("smtps://", 0) != 0) {
    return invalid_argument("SMTP_URL must start with smtp:// or smtps://");
  }
  SANAD_ASSIGN_OR_RETURN(std::string from_address, mailbox_address(options.from));
  return SmtpMailer(std::move(options), std::move(from_address));
}

Status SmtpMailer::send(const MailMessage& message) {
  SANAD_ASSIGN_OR_RETURN(std::string to, mailbox_address(message.to));
  std::string domain = from_address_.substr(from_address_.rfind('@') + 1);
  std::string message_id = base64url_encode(random_bytes(18)) + "@" + domain;
  SANAD_ASSIGN_OR_RETURN(std::string payload,
                         format_message(message, options_.from, core::now_ms() / 1000, message_id));

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return internal_error("curl_easy_init failed");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(nullptr, curl_slist_free_all);
  std::string rcpt = "<" + to + ">";
  recipients.reset(curl_slist_append(nullptr, rcpt.c_str()));
  std::string mail_from = "<" + from_address_ + ">";
  Upload upload{payload};

  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  if (options_.require_starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_payload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    // The URL may hold a password: report curl's reason only.
    return unavailable(std::string("SMTP send failed: ") + curl_easy_strerror(rc));
  }
  return Status::ok();
}

}  // namespace sanad::auth
