#include "auth/mailer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "auth/http_fetch.h"
#include "auth/password_reset_mail.h"
#include "subprocess.h"
#include "temp_dir.h"

namespace sanad::auth {
namespace {

SmtpOptions smtp(std::string url, std::string from, bool starttls = false,
                 std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
  SmtpOptions options;
  options.url = std::move(url);
  options.from = std::move(from);
  options.require_starttls = starttls;
  options.timeout = timeout;
  return options;
}

TEST(MailFormat, HeadersAndEncodedBody) {
  MailMessage mail{"amina@example.org", "Réinitialisation du mot de passe", "Bonjour,\nLien : https://x/y?t=1\n"};
  auto text = format_message(mail, "Sanad <no-reply@sanad.example>", 1'795'000'000, "abc@sanad.example");
  ASSERT_TRUE(text.is_ok()) << text.status().to_string();
  EXPECT_NE(text->find("Date: Wed, 18 Nov 2026 11:06:40 +0000\r\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("\r\nTo: <amina@example.org>\r\n"), std::string::npos);
  EXPECT_NE(text->find("\r\nSubject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(text->find("\r\nMessage-ID: <abc@sanad.example>\r\n"), std::string::npos);
  EXPECT_NE(text->find("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                       "Content-Transfer-Encoding: base64\r\n\r\n"),
            std::string::npos);
  for (size_t pos = 0; (pos = text->find('\n', pos + 1)) != std::string::npos;) EXPECT_EQ((*text)[pos - 1], '\r');
}

TEST(MailFormat, EncodedWordsStayShortAndSplitOnCodePoints) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "سند ";
  std::string encoded = encode_header_value(subject);
  size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    std::string word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(word.size(), 75u);
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    ++words;
    start = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_GT(words, 2);
  EXPECT_EQ(encode_header_value("Plain subject"), "Plain subject");
}

TEST(MailFormat, RefusesHeaderInjection) {
  EXPECT_FALSE(format_message({"a@b.example\r\nBcc: x@y.example", "s", "b"}, "f@x.example", 0, "id@x").is_ok());
  EXPECT_FALSE(format_message({"a@b.example", "s\r\nBcc: x@y.example", "b"}, "f@x.example", 0, "id@x").is_ok());
  EXPECT_FALSE(format_message({"a@b.example", "s", "\xff\xfe"}, "f@x.example", 0, "id@x").is_ok());
  EXPECT_FALSE(mailbox_address("no-at-sign").is_ok());
  EXPECT_FALSE(mailbox_address("a b@example.org").is_ok());
  EXPECT_EQ(mailbox_address("Sanad <no-reply@sanad.example>").value_or(""), "no-reply@sanad.example");
  EXPECT_FALSE(SmtpMailer::create(smtp("http://relay", "a@b.example")).is_ok());
  EXPECT_FALSE(SmtpMailer::create(smtp("smtp://relay", "nobody")).is_ok());
}

// A real SMTP server (Debian's python3-aiosmtpd) on a free loopback port, with the
// smtp_sink handler writing what it receives into a temp dir.
class SmtpServer {
 public:
  explicit SmtpServer(std::vector<std::string> extra_args = {}) : port_(free_port()) {
    std::map<std::string, std::string> env = {
        {"PATH", "/usr/bin:/bin"},
        {"PYTHONPATH", SANAD_SOURCE_DIR "/tests/unit/auth"},
        {"PYTHONDONTWRITEBYTECODE", "1"},
    };
    std::vector<std::string> argv = {"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l",
                                     "127.0.0.1:" + std::to_string(port_)};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    argv.insert(argv.end(), {"-c", "smtp_sink.Sink", dir_.path()});
    process_ = std::make_unique<sanad::testing::Subprocess>(argv, env);
  }

  // Connects until the server accepts or the deadline passes.
  bool wait_ready(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    int delay_ms = 5;
    while (std::chrono::steady_clock::now() < deadline) {
      int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(port_);
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
      ::close(fd);
      if (ok) return true;
      // Backing off between connection attempts (bounded by the deadline).
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      delay_ms = std::min(delay_ms * 2, 200);
    }
    return false;
  }

  std::string url(const char* scheme = "smtp") const {
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_);
  }
  const sanad::testing::TempDir& dir() const { return dir_; }
  sanad::testing::Subprocess& process() { return *process_; }

 private:
  static uint16_t free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
  }

  uint16_t port_;
  sanad::testing::TempDir dir_;
  std::unique_ptr<sanad::testing::Subprocess> process_;
};

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str(), nullptr, false);
}

TEST(SmtpMailer, DeliversTheResetMailToARealServer) {
  CurlGlobal curl;
  SmtpServer server;
  ASSERT_TRUE(server.wait_ready(std::chrono::seconds(20))) << server.process().stderr_text();
  auto mailer = SmtpMailer::create(smtp(server.url(), "Sanad <no-reply@sanad.example>"));
  ASSERT_TRUE(mailer.is_ok());

  const std::string link = "https://sanad.example/reset-password?token=q0cbt0sO0yY2m3PqYwB0Y2K0yq8Yb1w7y6Q2m4m7m1A";
  MailMessage mail = password_reset_mail("amina@example.org", link, 30, "fr");
  Status sent = mailer->send(mail);
  ASSERT_TRUE(sent.is_ok()) << sent.to_string();

  nlohmann::json got = read_json(server.dir().file("1.json"));
  ASSERT_TRUE(got.is_object());
  EXPECT_EQ(got["rcpt_tos"], nlohmann::json::array({"amina@example.org"}));
  EXPECT_EQ(got["mail_from"], "no-reply@sanad.example");
  EXPECT_EQ(got["subject"], "Sanad : réinitialisation de votre mot de passe");
  EXPECT_EQ(got["content_type"], "text/plain");
  EXPECT_EQ(got["charset"], "utf-8");
  EXPECT_EQ(got["mime_version"], "1.0");
  EXPECT_NE(got["date"].get<std::string>().find("+0000"), std::string::npos);
  EXPECT_NE(got["message_id"].get<std::string>().find("@sanad.example>"), std::string::npos);
  std::string body = got["body"];
  EXPECT_NE(body.find(link), std::string::npos) << body;
  EXPECT_NE(body.find("30 minutes"), std::string::npos);

  // An Arabic mail: the subject survives RFC 2047 encoding.
  ASSERT_TRUE(mailer->send(password_reset_mail("b@example.org", link, 30, "ar")).is_ok());
  nlohmann::json arabic = read_json(server.dir().file("2.json"));
  EXPECT_EQ(arabic["subject"], "سند: إعادة تعيين كلمة المرور");
  EXPECT_NE(arabic["body"].get<std::string>().find(link), std::string::npos);
}

TEST(SmtpMailer, StartTlsRequiredButNotOfferedFails) {
  CurlGlobal curl;
  SmtpServer server;
  ASSERT_TRUE(server.wait_ready(std::chrono::seconds(20))) << server.process().stderr_text();
  auto mailer = SmtpMailer::create(smtp(server.url(), "no-reply@sanad.example", true));
  ASSERT_TRUE(mailer.is_ok());
  EXPECT_EQ(mailer->send({"a@example.org", "s", "b"}).code(), ErrorCode::kUnavailable);
  std::ifstream none(server.dir().file("1.json"));
  EXPECT_FALSE(none.good());  // nothing was sent in clear text
}

// A self-signed certificate for 127.0.0.1, made by the openssl command at test time.
struct TestCertificate {
  sanad::testing::TempDir dir;
  std::string cert = dir.file("cert.pem");
  std::string key = dir.file("key.pem");
  bool make() {
    sanad::testing::Subprocess openssl({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                        "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                                        "-addext", "subjectAltName=IP:127.0.0.1"},
                                       {{"PATH", "/usr/bin:/bin"}});
    return openssl.wait(std::chrono::seconds(30)) == 0;
  }
};

TEST(SmtpMailer, SendsOverStartTls) {
  TestCertificate tls;
  ASSERT_TRUE(tls.make());
  CurlGlobal curl;
  SmtpServer server({"--tlscert", tls.cert, "--tlskey", tls.key});
  ASSERT_TRUE(server.wait_ready(std::chrono::seconds(20))) << server.process().stderr_text();
  SmtpOptions options = smtp(server.url(), "no-reply@sanad.example", true);
  options.ca_file = tls.cert;
  auto mailer = SmtpMailer::create(options);
  ASSERT_TRUE(mailer.is_ok());
  Status sent = mailer->send({"tls@example.org", "Over TLS", "secret link https://x/r?t=1"});
  ASSERT_TRUE(sent.is_ok()) << sent.to_string();
  nlohmann::json got = read_json(server.dir().file("1.json"));
  EXPECT_EQ(got["rcpt_tos"], nlohmann::json::array({"tls@example.org"}));
  EXPECT_NE(got["body"].get<std::string>().find("https://x/r?t=1"), std::string::npos);

  // Without trusting the self-signed certificate the connection is refused.
  auto untrusting = SmtpMailer::create(smtp(server.url(), "no-reply@sanad.example", true));
  ASSERT_TRUE(untrusting.is_ok());
  EXPECT_EQ(untrusting->send({"tls@example.org", "s", "b"}).code(), ErrorCode::kUnavailable);
}

TEST(SmtpMailer, SendsOverImplicitTls) {
  TestCertificate tls;
  ASSERT_TRUE(tls.make());
  CurlGlobal curl;
  SmtpServer server({"--smtpscert", tls.cert, "--smtpskey", tls.key});
  ASSERT_TRUE(server.wait_ready(std::chrono::seconds(20))) << server.process().stderr_text();
  SmtpOptions options = smtp(server.url("smtps"), "no-reply@sanad.example");
  options.ca_file = tls.cert;
  auto mailer = SmtpMailer::create(options);
  ASSERT_TRUE(mailer.is_ok());
  Status sent = mailer->send({"smtps@example.org", "Implicit TLS", "body"});
  ASSERT_TRUE(sent.is_ok()) << sent.to_string();
  EXPECT_EQ(read_json(server.dir().file("1.json"))["subject"], "Implicit TLS");
}

TEST(SmtpMailer, UnreachableRelayIsUnavailable) {
  CurlGlobal curl;
  auto mailer = SmtpMailer::create(smtp("smtp://127.0.0.1:1", "no-reply@sanad.example", false, std::chrono::seconds(5)));
  ASSERT_TRUE(mailer.is_ok());
  EXPECT_EQ(mailer->send({"a@example.org", "s", "b"}).code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace sanad::auth
