#pragma once
// Outgoing e-mail. `Mailer` is the interface services depend on (tests can record
// messages instead of sending); `SmtpMailer` sends through libcurl to SMTP_URL:
// smtp://[user:pass@]host[:port] (STARTTLS when `require_starttls`, the connection
// fails if the server does not offer it) or smtps://... (TLS from the start).
// Messages are plain-text UTF-8 with Date, Message-ID, MIME headers, an RFC 2047
// encoded Subject and a base64 body. SmtpMailer is thread-safe (one curl handle per
// send); curl_global_init must have run (see CurlGlobal in http_fetch.h).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sanad::auth {

struct MailMessage {
  std::string to;       // one address: "user@example.org"
  std::string subject;  // UTF-8, one line
  std::string body;     // UTF-8 plain text; '\n' or "\r\n" line ends
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Delivers to the relay; kUnavailable when it cannot be reached or refuses,
  // kInvalidArgument for a malformed message (bad address, CR/LF in a header).
  virtual Status send(const MailMessage& message) = 0;
};

struct SmtpOptions {
  std::string url;              // SMTP_URL (secret: may hold a password)
  std::string from;             // "no-reply@example.org" or "Sanad <no-reply@example.org>"
  bool require_starttls = false;
  std::string ca_file;          // extra CA bundle (PEM) for a private relay; empty: system CAs
  std::chrono::milliseconds timeout{15000};
};

class SmtpMailer final : public Mailer {
 public:
  // kInvalidArgument when the URL is not smtp:// or smtps:// or `from` is not an address.
  static Result<SmtpMailer> create(SmtpOptions options);
  Status send(const MailMessage& message) override;

 private:
  SmtpMailer(SmtpOptions options, std::string from_address)
      : options_(std::move(options)), from_address_(std::move(from_address)) {}
  SmtpOptions options_;
  std::string from_address_;
};

// The bare address of "Name <addr>" or "addr"; kInvalidArgument when it does not
// look like local@domain or holds control characters, spaces or angle brackets.
Result<std::string> mailbox_address(std::string_view mailbox);

// RFC 2047 "B" encoding of a header value, folded into encoded-words of at most 75
// characters split on code-point boundaries; pure ASCII printable text is returned
// unchanged.
std::string encode_header_value(std::string_view utf8);

// The full RFC 5322 message (CRLF line ends) as sent. `date_epoch_s` and
// `message_id` are parameters so the output is testable.
Result<std::string> format_message(const MailMessage& message, std::string_view from, int64_t date_epoch_s,
                                   std::string_view message_id);

}  // namespace sanad::auth
