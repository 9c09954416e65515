// The OpenAI-compatible provider against a loopback server speaking that API.
#include "embed/remote_embedder.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace sanad::embed {
namespace {

// One scripted reply: an HTTP status, or `silent` (read the request, never answer).
struct Reply {
  int status = 200;
  bool silent = false;
};

// A sequential HTTP/1.1 server on 127.0.0.1 that answers POST /v1/embeddings with
// vectors [length of input, index in batch, 1] and records each request.
class FakeEmbeddingServer {
 public:
  explicit FakeEmbeddingServer(std::vector<Reply> script) : script_(std::move(script)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listener_, 8);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeEmbeddingServer() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    {
      std::lock_guard lock(mutex_);
      for (int fd : open_) ::shutdown(fd, SHUT_RDWR);
    }
    thread_.join();
    ::close(listener_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  std::vector<std::string> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void serve() {
    for (size_t n = 0; !stopping_; ++n) {
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      {
        std::lock_guard lock(mutex_);
        open_.push_back(fd);
      }
      const std::string request = read_request(fd);
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      const Reply reply = n < script_.size() ? script_[n] : Reply{};
      if (reply.silent) {
        char byte;
        while (::recv(fd, &byte, 1, 0) > 0) {
        }  // until the client gives up or the server stops
      } else {
        respond(fd, reply.status, request);
      }
      ::close(fd);
      std::lock_guard lock(mutex_);
      open_.erase(std::find(open_.begin(), open_.end(), fd));
    }
  }

  static std::string read_request(int fd) {
    std::string data;
    char buffer[4096];
    size_t body_at = std::string::npos, length = 0;
    while (true) {
      if (body_at == std::string::npos) {
        body_at = data.find("\r\n\r\n");
        if (body_at != std::string::npos) {
          body_at += 4;
          std::string lower = data.substr(0, body_at);
          for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          const size_t at = lower.find("content-length:");
          if (at != std::string::npos) length = std::stoul(lower.substr(at + 15));
        }
      }
      if (body_at != std::string::npos && data.size() >= body_at + length) return data;
      const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
      if (got <= 0) return data;
      data.append(buffer, static_cast<size_t>(got));
    }
  }

  static void respond(int fd, int status, const std::string& request) {
    std::string body;
    if (status == 200) {
      const auto parsed = nlohmann::json::parse(request.substr(request.find("\r\n\r\n") + 4));
      nlohmann::json data = nlohmann::json::array();
      const auto& inputs = parsed.at("input");
      // Answer in reverse order: the client must place vectors by "index".
      for (size_t i = inputs.size(); i-- > 0;) {
        data.push_back({{"object", "embedding"},
                        {"index", i},
                        {"embedding", {inputs[i].get<std::string>().size(), i, 1.0}}});
      }
      body = nlohmann::json{{"object", "list"}, {"data", data}}.dump();
    } else {
      body = R"({"error": {"message": "scripted failure"}})";
    }
    const std::string response = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\n"
                                 "Connection: close\r\nContent-Length: " +
                                 std::to_string(body.size()) + "\r\n\r\n" + body;
    (void)::send(fd, response.data(), response.size(), MSG_NOSIGNAL);
  }

  std::vector<Reply> script_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<int> open_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

RemoteOptions options_for(const FakeEmbeddingServer& server) {
  RemoteOptions o;
  o.url = server.url();
  o.api_key = "secret-key";
  o.model = "tiny-embedder";
  o.batch_size = 2;
  o.backoff = std::chrono::milliseconds(1);
  o.timeout = std::chrono::milliseconds(5000);
  return o;
}

TEST(RemoteEmbedder, BatchesInOrderWithKeyModelAndPrefix) {
  FakeEmbeddingServer server(std::vector<Reply>{});
  RemoteOptions o = options_for(server);
  o.query_prefix = "query: ";
  auto e = RemoteEmbedder::create(o);
  ASSERT_TRUE(e.is_ok());
  EXPECT_EQ((*e)->dimension(), 0u);
  auto v = (*e)->embed({"a", "bb", "ccc", "dddd", "eeeee"}, InputKind::kQuery);
  ASSERT_TRUE(v.is_ok()) << v.status().to_string();
  ASSERT_EQ(v->size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(v->at(i)[0], static_cast<float>(7 + i + 1)) << i;  // "query: " + text
    EXPECT_EQ(v->at(i)[1], static_cast<float>(i % 2)) << i;
  }
  EXPECT_EQ((*e)->dimension(), 3u);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].rfind("POST /v1/embeddings HTTP/1.1", 0), 0u);
  EXPECT_NE(requests[0].find("Authorization: Bearer secret-key"), std::string::npos);
  EXPECT_NE(requests[0].find("\"model\":\"tiny-embedder\""), std::string::npos);
  EXPECT_EQ((*e)->model_id(), "remote:tiny-embedder");
}

TEST(RemoteEmbedder, RetriesUnavailableThenSucceeds) {
  FakeEmbeddingServer server(std::vector<Reply>{Reply{503}, Reply{429}});
  auto e = RemoteEmbedder::create(options_for(server));
  ASSERT_TRUE(e.is_ok());
  auto v = (*e)->embed({"hello"}, InputKind::kPassage);
  ASSERT_TRUE(v.is_ok()) << v.status().to_string();
  EXPECT_EQ(v->at(0)[0], 5.0f);
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST(RemoteEmbedder, GivesUpAfterMaxAttempts) {
  FakeEmbeddingServer server(std::vector<Reply>(5, Reply{500}));
  RemoteOptions o = options_for(server);
  o.max_attempts = 3;
  auto e = RemoteEmbedder::create(o);
  ASSERT_TRUE(e.is_ok());
  auto v = (*e)->embed({"hello"}, InputKind::kPassage);
  ASSERT_FALSE(v.is_ok());
  EXPECT_EQ(v.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(v.status().message().find("HTTP 500"), std::string::npos);
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST(RemoteEmbedder, ClientErrorIsNotRetried) {
  FakeEmbeddingServer server(std::vector<Reply>{Reply{401}});
  auto e = RemoteEmbedder::create(options_for(server));
  ASSERT_TRUE(e.is_ok());
  auto v = (*e)->embed({"hello"}, InputKind::kPassage);
  ASSERT_FALSE(v.is_ok());
  EXPECT_NE(v.status().message().find("HTTP 401"), std::string::npos);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(RemoteEmbedder, TimesOut) {
  FakeEmbeddingServer server(std::vector<Reply>{Reply{200, true}});
  RemoteOptions o = options_for(server);
  o.max_attempts = 1;
  o.timeout = std::chrono::milliseconds(200);
  auto e = RemoteEmbedder::create(o);
  ASSERT_TRUE(e.is_ok());
  auto v = (*e)->embed({"hello"}, InputKind::kPassage);
  ASSERT_FALSE(v.is_ok());
  EXPECT_NE(v.status().message().find("timed out"), std::string::npos) << v.status().to_string();
}

TEST(RemoteEmbedder, UnreachableAndInvalidUrl) {
  RemoteOptions o;
  o.url = "ftp://x";
  EXPECT_FALSE(RemoteEmbedder::create(o).is_ok());
  o.url = "http://127.0.0.1:1/v1/embeddings";
  o.max_attempts = 2;
  o.backoff = std::chrono::milliseconds(1);
  auto e = RemoteEmbedder::create(o);
  ASSERT_TRUE(e.is_ok());
  auto v = (*e)->embed({"x"}, InputKind::kQuery);
  ASSERT_FALSE(v.is_ok());
  EXPECT_EQ(v.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(v.status().message().find("127.0.0.1:1/v1/embeddings"), std::string::npos);
}

}  // namespace
}  // namespace sanad::embed
