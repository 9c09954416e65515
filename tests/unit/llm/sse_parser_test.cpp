#include "llm/sse_parser.h"

#include <gtest/gtest.h>

#include <vector>

namespace sanad::llm {
namespace {

std::vector<SseEvent> parse_in_pieces(std::string_view input, size_t piece) {
  std::vector<SseEvent> events;
  SseParser parser([&](const SseEvent& e) {
    events.push_back(e);
    return true;
  });
  for (size_t i = 0; i < input.size(); i += piece) EXPECT_TRUE(parser.feed(input.substr(i, piece)));
  return events;
}

TEST(SseParserTest, ParsesEventsWhateverThePieceSize) {
  std::string_view input =
      ": comment\nevent: a\ndata: one\n\nevent: b\r\ndata: two\r\ndata:three\r\n\r\ndata: x\r\r";
  for (size_t piece : {1u, 2u, 5u, 100u}) {
    std::vector<SseEvent> events = parse_in_pieces(input, piece);
    ASSERT_EQ(events.size(), 3u) << piece;
    EXPECT_EQ(events[0].event, "a");
    EXPECT_EQ(events[0].data, "one");
    EXPECT_EQ(events[1].event, "b");
    EXPECT_EQ(events[1].data, "two\nthree");
    EXPECT_EQ(events[2].event, "");
    EXPECT_EQ(events[2].data, "x");
  }
}

TEST(SseParserTest, EventWithoutDataIsDroppedAndPartialEventIsVisible) {
  std::vector<SseEvent> events;
  SseParser parser([&](const SseEvent& e) {
    events.push_back(e);
    return true;
  });
  EXPECT_TRUE(parser.feed("event: ping\n\n"));
  EXPECT_TRUE(events.empty());
  EXPECT_FALSE(parser.has_partial_event());
  EXPECT_TRUE(parser.feed("event: x\ndata: {\"a\""));
  EXPECT_TRUE(parser.has_partial_event());
}

TEST(SseParserTest, HandlerCanStopAndOversizedEventFails) {
  int seen = 0;
  SseParser stopping([&](const SseEvent&) { return ++seen < 1; });
  EXPECT_FALSE(stopping.feed("data: 1\n\ndata: 2\n\n"));
  EXPECT_EQ(seen, 1);

  SseParser small([](const SseEvent&) { return true; }, 16);
  EXPECT_FALSE(small.feed("data: " + std::string(64, 'x') + "\n\n"));
  EXPECT_TRUE(small.overflowed());
}

}  // namespace
}  // namespace sanad::llm
