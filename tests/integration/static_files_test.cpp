// The web app build served by the real binary (SANAD_STATIC_DIR): files, caching,
// precompressed assets, single-page-app fallback, and no escape from the directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "backend.h"
#include "http_client.h"
#include "sanad_process.h"
#include "temp_dir.h"

namespace sanad::testing {
namespace {

void write(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

TEST(StaticFiles, ServesTheAppWithCachingAndFallback) {
  TempDir site;
  write(site.file("dist/index.html"), "<!doctype html><title>Sanad</title>");
  write(site.file("dist/assets/app-1234.js"), "console.log('app');");
  write(site.file("dist/assets/app-1234.js.gz"), std::string("\x1f\x8b fake gzip", 12));
  write(site.file("secret.txt"), "outside the web root");
  TestEnvironment t;
  t.env["SANAD_STATIC_DIR"] = site.file("dist");
  SanadServer server(t.env);

  auto index = http_get(server.port(), "/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(index->body.find("<title>Sanad</title>"), std::string::npos);

  auto asset = http_get(server.port(), "/assets/app-1234.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->status, 200);
  EXPECT_NE(asset->header("content-type").find("javascript"), std::string::npos);
  EXPECT_NE(asset->header("cache-control").find("immutable"), std::string::npos);
  std::string etag = asset->header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = http_get(server.port(), "/assets/app-1234.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);

  auto gzipped = http_get(server.port(), "/assets/app-1234.js", {{"Accept-Encoding", "gzip, br"}});
  ASSERT_TRUE(gzipped);
  EXPECT_EQ(gzipped->header("content-encoding"), "gzip");
  EXPECT_EQ(gzipped->body.substr(0, 2), "\x1f\x8b");

  // Client-side routes get the app; API paths keep their JSON errors.
  auto route = http_get(server.port(), "/library/folders/42");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 200);
  EXPECT_NE(route->body.find("<title>Sanad</title>"), std::string::npos);
  auto api = http_get(server.port(), "/api/not-a-route");
  ASSERT_TRUE(api);
  EXPECT_TRUE(api->status == 401 || api->status == 404) << api->status;  // unauthenticated, or not found
  EXPECT_TRUE(nlohmann::json::parse(api->body)["error"].is_object());

  // Nothing outside the directory, however the path is spelled.
  for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                             "/..%5csecret.txt", "/.%2e/secret.txt"}) {
    auto escape = http_get(server.port(), target);
    ASSERT_TRUE(escape) << target;
    EXPECT_EQ(escape->body.find("outside the web root"), std::string::npos) << target;
    EXPECT_GE(escape->status, 200) << target;
  }
}

}  // namespace
}  // namespace sanad::testing
