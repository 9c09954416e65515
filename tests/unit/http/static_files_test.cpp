#include "http/static_files.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace sanad::http {
namespace {

using testing::TempDir;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    web_.write("index.html", "<html>app</html>");
    web_.write("assets/app.1234.js", "console.log(1)");
    web_.write("assets/app.1234.js.gz", "GZIPPED");
    web_.write("robots.txt", "User-agent: *");
    web_.write(".env", "SECRET_KEY=x");
    outside_.write("secret.txt", "top secret");
    std::filesystem::create_symlink(outside_.path() / "secret.txt", web_.path() / "link.txt");
    std::filesystem::create_symlink(outside_.path(), web_.path() / "linkdir");
  }
  Response get(std::string_view target, std::initializer_list<std::pair<const char*, const char*>> headers = {}) {
    Request req;
    prepare_request(req, "GET", target);
    for (const auto& [k, v] : headers) req.headers.set(k, v);
    StaticFiles files(web_.path());
    return files(req);
  }
  TempDir web_;
  TempDir outside_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypeAndCaching) {
  Response js = get("/assets/app.1234.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_FALSE(js.header("ETag").empty());
  Response txt = get("/robots.txt");
  EXPECT_EQ(txt.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(txt.header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, EtagGives304) {
  Response first = get("/robots.txt");
  std::string etag(first.header("ETag"));
  Response again = get("/robots.txt", {{"If-None-Match", etag.c_str()}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  Response other = get("/robots.txt", {{"If-None-Match", "\"nope\""}});
  EXPECT_EQ(other.status, 200);
}

TEST_F(StaticFilesTest, PrecompressedGzipWhenAccepted) {
  Response gz = get("/assets/app.1234.js", {{"Accept-Encoding", "br, gzip"}});
  EXPECT_EQ(gz.body, "GZIPPED");
  EXPECT_EQ(gz.header("Content-Encoding"), "gzip");
  EXPECT_EQ(gz.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(gz.header("Vary"), "Accept-Encoding");
  Response refused = get("/assets/app.1234.js", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(refused.body, "console.log(1)");
  EXPECT_NE(gz.header("ETag"), refused.header("ETag"));
}

TEST_F(StaticFilesTest, SpaFallbackForAppRoutesOnly) {
  Response route = get("/documents/42");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, "<html>app</html>");
  EXPECT_EQ(route.header("Cache-Control"), "no-cache");
  EXPECT_EQ(get("/").body, "<html>app</html>");
  EXPECT_EQ(get("/missing.js").status, 404);
  EXPECT_EQ(get("/api/unknown").status, 404);
  EXPECT_EQ(get("/v1/models").status, 404);
  EXPECT_EQ(get("/health/whatever").status, 404);
  EXPECT_EQ(get("/metrics").status, 404);
}

TEST_F(StaticFilesTest, TraversalAttemptsNeverEscape) {
  for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                             "/link.txt", "/linkdir/secret.txt", "/.env", "/assets/%2e%2e/.env",
                             "/%00index.html"}) {
    Response res = get(target);
    EXPECT_NE(res.status, 200) << target;
    EXPECT_EQ(res.body.find("top secret"), std::string::npos) << target;
    EXPECT_EQ(res.body.find("SECRET_KEY"), std::string::npos) << target;
  }
}

TEST(MimeTest, ByExtension) {
  EXPECT_EQ(mime_type_for("a.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(mime_type_for("font.woff2"), "font/woff2");
  EXPECT_EQ(mime_type_for("noext"), "application/octet-stream");
  EXPECT_EQ(mime_type_for("dir.v1/noext"), "application/octet-stream");
}

}  // namespace
}  // namespace sanad::http
