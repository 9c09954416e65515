#include "embed/wordpiece.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sanad::embed {
namespace {

// The shared data folder sits beside the checkout (SANAD_SOURCE_DIR/../shared);
// a git worktree one level deeper finds it at ../../shared.
std::string shared_tokenizers() {
  for (const char* base : {SANAD_SOURCE_DIR "/../shared/data", SANAD_SOURCE_DIR "/../../shared/data"}) {
    if (std::filesystem::exists(base)) return std::string(base) + "/tokenizers";
  }
  return SANAD_SOURCE_DIR "/../shared/data/tokenizers";
}
const std::string kData = shared_tokenizers();

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(WordPieceGolden, BgeFixturesGiveExactIds) {
  const std::string fixtures = kData + "/llama-cpp-vocab-fixtures/ggml-vocab-bert-bge.gguf";
  const std::string vocab = kData + "/all-MiniLM-L6-v2-tokenizer/vocab.txt";
  if (!std::filesystem::exists(fixtures + ".inp") || !std::filesystem::exists(vocab)) {
    GTEST_SKIP() << "shared tokenizer data not present under " << kData;
  }
  auto tokenizer = WordPieceTokenizer::load(vocab, WordPieceOptions{});
  ASSERT_TRUE(tokenizer.is_ok()) << tokenizer.status().to_string();
  EXPECT_EQ(tokenizer->vocab_size(), 30522u);

  // Inputs are separated (and terminated) by "\n__ggml_vocab_test__\n"; the
  // expected output has one line of space-separated ids per input.
  const std::string input = read_all(fixtures + ".inp");
  const std::string sep = "\n__ggml_vocab_test__\n";
  std::vector<std::string> cases;
  for (size_t pos = 0;;) {
    size_t next = input.find(sep, pos);
    if (next == std::string::npos) break;
    cases.push_back(input.substr(pos, next - pos));
    pos = next + sep.size();
  }
  std::vector<std::vector<int32_t>> expected;
  std::istringstream out(read_all(fixtures + ".out"));
  for (std::string line; std::getline(out, line);) {
    std::istringstream ids(line);
    std::vector<int32_t> row;
    for (int32_t id; ids >> id;) row.push_back(id);
    expected.push_back(row);
  }
  ASSERT_EQ(cases.size(), expected.size());
  ASSERT_GT(cases.size(), 40u);
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(tokenizer->encode(cases[i]), expected[i]) << "case " << i << ": [" << cases[i] << "]";
  }
}

Result<WordPieceTokenizer> small(WordPieceOptions options = {}) {
  return WordPieceTokenizer::from_tokens(
      {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "cafe", "café", ",", "!",
       "中", "hello"},
      options);
}

TEST(WordPiece, SplitsIntoLongestPieces) {
  auto t = small();
  ASSERT_TRUE(t.is_ok());
  EXPECT_EQ(t->encode("unaffable"), (std::vector<int32_t>{4, 5, 6}));
  EXPECT_EQ(t->encode("unaffablex"), (std::vector<int32_t>{1}));  // one miss: whole word UNK
  EXPECT_EQ(t->encode("Hello,hello!"), (std::vector<int32_t>{12, 9, 12, 10}));
  EXPECT_EQ(t->encode("a中b"), (std::vector<int32_t>{1, 11, 1}));
}

TEST(WordPiece, AccentsFollowLowerCaseUnlessSet) {
  auto lowered = small();
  ASSERT_TRUE(lowered.is_ok());
  EXPECT_EQ(lowered->encode("CAFÉ"), (std::vector<int32_t>{7}));
  WordPieceOptions keep;
  keep.lower_case = true;
  keep.strip_accents = 0;
  auto kept = small(keep);
  ASSERT_TRUE(kept.is_ok());
  EXPECT_EQ(kept->encode("CAFÉ"), (std::vector<int32_t>{8}));
  WordPieceOptions cased;
  cased.lower_case = false;
  auto c = small(cased);
  ASSERT_TRUE(c.is_ok());
  EXPECT_EQ(c->encode("Hello hello"), (std::vector<int32_t>{1, 12}));
}

TEST(WordPiece, SpecialsAndTruncation) {
  auto t = small();
  ASSERT_TRUE(t.is_ok());
  EXPECT_EQ(t->encode_with_specials("hello hello hello", 4), (std::vector<int32_t>{2, 12, 12, 3}));
  EXPECT_EQ(t->encode_with_specials("", 8), (std::vector<int32_t>{2, 3}));
}

TEST(WordPiece, MissingSpecialTokenIsAnError) {
  auto t = WordPieceTokenizer::from_tokens({"[PAD]", "hello"}, WordPieceOptions{});
  ASSERT_FALSE(t.is_ok());
  EXPECT_NE(t.status().message().find("[UNK]"), std::string::npos);
  auto missing = WordPieceTokenizer::load("/nonexistent/vocab.txt", WordPieceOptions{});
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/vocab.txt"), std::string::npos);
}

}  // namespace
}  // namespace sanad::embed
