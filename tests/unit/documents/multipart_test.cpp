#include "documents/multipart.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

using namespace std::string_literals;

#include "test_support.h"

namespace sanad::documents {
namespace {

constexpr std::string_view kBoundary = "----sanadBoundary7MA4YWxkTrZu0gW";

std::string file_part(std::string_view disposition_filename, std::string_view content) {
  std::string s = "--" + std::string(kBoundary) + "\r\n";
  s += "Content-Disposition: form-data; name=\"file\"; " + std::string(disposition_filename) + "\r\n";
  s += "Content-Type: application/pdf\r\n\r\n";
  s += content;
  s += "\r\n";
  return s;
}

std::string field_part(std::string_view name, std::string_view value) {
  return "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" + std::string(name) +
         "\"\r\n\r\n" + std::string(value) + "\r\n";
}

std::string closing() { return "--" + std::string(kBoundary) + "--\r\n"; }

std::size_t files_in(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::recursive_directory_iterator(dir)) ++n;
  return n;
}

TEST(Multipart, BoundaryFromContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc").value(), "abc");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"").value(), "a b");
  EXPECT_EQ(multipart_boundary("application/json").status().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(multipart_boundary("multipart/form-data").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')).status().code(),
            ErrorCode::kInvalidArgument);
}

TEST(Multipart, FieldsAndFileStreamedToDisk) {
  testing::TempDir dir;
  // Content containing CR LF and a near-boundary to exercise the search.
  std::string content = "%PDF-1.4\r\n--" + std::string(kBoundary.substr(0, 10)) + "\r\nbinary\0data"s;
  for (int i = 0; i < 20000; ++i) content += "0123456789";
  std::stringstream body("preamble\r\n" + field_part("folder", "RH") + file_part("filename=\"règlement.pdf\"", content) +
                         field_part("title", "Règlement intérieur") + closing() + "epilogue");
  auto form = parse_multipart(body, kBoundary, dir.path(), MultipartLimits{});
  ASSERT_TRUE(form.is_ok()) << form.status().to_string();
  EXPECT_EQ(form->field("folder").value(), "RH");
  EXPECT_EQ(form->field("title").value(), "Règlement intérieur");
  EXPECT_FALSE(form->field("missing").has_value());
  ASSERT_EQ(form->files.size(), 1u);
  const UploadedFile& f = form->files[0];
  EXPECT_EQ(f.field_name, "file");
  EXPECT_EQ(f.original_name, "règlement.pdf");
  EXPECT_EQ(f.content_type, "application/pdf");
  EXPECT_EQ(f.size, content.size());
  EXPECT_EQ(f.stored_path.parent_path(), dir.path());
  std::ifstream in(f.stored_path, std::ios::binary);
  const std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(stored, content);
  EXPECT_EQ(f.sha256_hex.size(), 64u);
}

TEST(Multipart, KnownSha256) {
  testing::TempDir dir;
  std::stringstream body(file_part("filename=\"a.txt\"", "abc") + closing());
  auto form = parse_multipart(body, kBoundary, dir.path(), MultipartLimits{});
  ASSERT_TRUE(form.is_ok());
  EXPECT_EQ(form->files[0].sha256_hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Multipart, HostileFileNamesStayMetadata) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"filename=\"../../etc/passwd\"", "passwd"},
      {"filename=\"%2e%2e%2fsecret.pdf\"", "%2e%2e%2fsecret.pdf"},
      {"filename=\"/abs/path/report.pdf\"", "report.pdf"},
      {"filename=\"C:\\\\Users\\\\x\\\\report.pdf\"", "report.pdf"},
      {"filename*=UTF-8''..%2F..%2Fevil%00.pdf", "evil.pdf"},
      {"filename=\"invoice\xE2\x80\xAE" "fdp.exe\"", "invoicefdp.exe"},  // U+202E right-to-left override
      {"filename=\"..\"", "file"},
      {"filename=\"\"", "file"},
  };
  for (const auto& [disposition, expected] : cases) {
    testing::TempDir dir;
    std::stringstream body(file_part(disposition, "x") + closing());
    auto form = parse_multipart(body, kBoundary, dir.path(), MultipartLimits{});
    ASSERT_TRUE(form.is_ok()) << disposition << ": " << form.status().to_string();
    const UploadedFile& f = form->files[0];
    EXPECT_EQ(f.original_name, expected) << disposition;
    EXPECT_EQ(f.stored_path.parent_path(), dir.path()) << disposition;
    EXPECT_EQ(files_in(dir.path()), 1u) << disposition;
  }
}

TEST(Multipart, FourKilobyteFileNameIsCapped) {
  testing::TempDir dir;
  const std::string name = std::string(4096, 'n') + ".docx";
  std::stringstream body(file_part("filename=\"" + name + "\"", "x") + closing());
  auto form = parse_multipart(body, kBoundary, dir.path(), MultipartLimits{});
  ASSERT_TRUE(form.is_ok()) << form.status().to_string();
  EXPECT_LE(form->files[0].original_name.size(), 255u);
  EXPECT_TRUE(form->files[0].original_name.ends_with(".docx"));
  EXPECT_EQ(form->files[0].stored_path.parent_path(), dir.path());
}

TEST(Multipart, SanitizeFileName) {
  EXPECT_EQ(sanitize_file_name(std::string("a\0b.pdf", 7)), "ab.pdf");
  EXPECT_EQ(sanitize_file_name("\xEF\xBC\x8F" "etc" "\xEF\xBC\x8F" "x.pdf"), "x.pdf");  // full-width solidus
  EXPECT_EQ(sanitize_file_name("  .hidden  "), "hidden");
  const std::string long_name = std::string(4096, 'a') + ".pdf";
  const std::string s = sanitize_file_name(long_name);
  EXPECT_LE(s.size(), 255u);
  EXPECT_TRUE(s.ends_with(".pdf"));
  const std::string arabic_long = [] {
    std::string n;
    for (int i = 0; i < 2000; ++i) n += "\xD8\xB3";  // س, 2 bytes
    return n;
  }();
  const std::string a = sanitize_file_name(arabic_long);
  EXPECT_LE(a.size(), 255u);
  EXPECT_EQ(a.size() % 2, 0u);  // cut on a character boundary
}

TEST(Multipart, LimitsAndTruncation) {
  testing::TempDir dir;
  MultipartLimits limits;
  limits.max_file_bytes = 1000;
  {
    std::stringstream body(file_part("filename=\"big.pdf\"", std::string(5000, 'x')) + closing());
    auto form = parse_multipart(body, kBoundary, dir.path(), limits);
    EXPECT_EQ(form.status().code(), ErrorCode::kTooLarge);
  }
  {
    std::string b = file_part("filename=\"t.pdf\"", std::string(200, 'x'));
    std::stringstream body(b.substr(0, b.size() - 10));  // no closing boundary
    auto form = parse_multipart(body, kBoundary, dir.path(), limits);
    EXPECT_EQ(form.status().code(), ErrorCode::kInvalidArgument);
  }
  {
    std::stringstream body("no boundary at all");
    EXPECT_EQ(parse_multipart(body, kBoundary, dir.path(), limits).status().code(), ErrorCode::kInvalidArgument);
  }
  {
    std::stringstream body(field_part("f", std::string(100000, 'v')) + closing());
    EXPECT_EQ(parse_multipart(body, kBoundary, dir.path(), limits).status().code(), ErrorCode::kTooLarge);
  }
  // Failed uploads leave nothing behind.
  EXPECT_EQ(files_in(dir.path()), 0u);
}

TEST(Multipart, LargeBodyInBoundedMemory) {
  testing::TempDir dir;
  const auto body_path = dir.path() / "body";
  std::filesystem::create_directory(dir.path() / "up");
  {
    std::ofstream out(body_path, std::ios::binary);
    out << "--" << kBoundary << "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\r\n";
    const std::string mb(1 << 20, 'z');
    for (int i = 0; i < 40; ++i) out << mb;
    out << "\r\n" << closing();
  }
  testing::within_budget([&] {
    const long before = testing::current_rss_kb();
    auto form = parse_multipart_file(body_path, kBoundary, dir.path() / "up", MultipartLimits{});
    ASSERT_TRUE(form.is_ok()) << form.status().to_string();
    EXPECT_EQ(form->files[0].size, 40u << 20);
    EXPECT_LT(testing::peak_rss_kb() - before, 16L * 1024);
  });
}

}  // namespace
}  // namespace sanad::documents
