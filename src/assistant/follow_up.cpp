#include "assistant/follow_up.h"

#include "assistant/question_terms.h"
#include "core/strings.h"
#include "llm/match_text.h"

namespace sanad::assistant {

namespace {

// Openings of follow-up questions (normalised: case folded, accents kept).
constexpr std::string_view kMarkers[] = {
    "et ",        "et pour",   "et si",     "et les",     "et la",      "et le",       "aussi",
    "pareil",     "dans ce cas", "and ",    "what about", "how about",  "also",        "same for",
    "in that case", "وماذا",     "ماذا عن",    "وكذلك",      "وهل"};

const llm::ChatMessage* last_user_message(const std::vector<llm::ChatMessage>& history) {
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->role == llm::Role::kUser && !core::trim(it->content).empty()) return &*it;
  }
  return nullptr;
}

}  // namespace

bool looks_like_follow_up(std::string_view question) {
  std::string q = llm::normalize_for_match(core::trim(question));
  for (std::string_view marker : kMarkers) {
    if (q.rfind(marker, 0) == 0) return true;
  }
  search::Analyzer analyzer;
  return content_words(analyzer, question, candidate_languages(question)).size() <= kFollowUpMaxContentWords;
}

std::string standalone_query(std::string_view question, const std::vector<llm::ChatMessage>& history) {
  const llm::ChatMessage* previous = last_user_message(history);
  if (previous == nullptr || !looks_like_follow_up(question)) return std::string(core::trim(question));
  return std::string(core::trim(previous->content)) + " " + std::string(core::trim(question));
}

std::string standalone_query_with_model(std::string_view question, const std::vector<llm::ChatMessage>& history,
                                        llm::ChatProvider& provider) {
  if (last_user_message(history) == nullptr || !looks_like_follow_up(question)) {
    return std::string(core::trim(question));
  }
  llm::ChatRequest request;
  request.system =
      "Rewrite the user's last question as one standalone search query, in the question's language, "
      "using the conversation only to resolve what it refers to. Reply with the query alone, on one line, "
      "without quotes or explanation.";
  std::string transcript;
  for (const auto& m : history) {
    transcript += std::string(llm::role_name(m.role)) + ": " + m.content.substr(0, 1000) + "\n";
  }
  transcript += "user: " + std::string(question);
  request.messages.push_back({llm::Role::kUser, transcript});
  request.max_tokens = 96;
  request.temperature = 0.0;
  auto reply = provider.complete(request);
  if (!reply) return standalone_query(question, history);
  std::string line(core::trim(reply->text));
  line = line.substr(0, line.find('\n'));
  line = std::string(core::trim(line));
  if (line.empty() || line.size() > 300) return standalone_query(question, history);
  return line;
}

}  // namespace sanad::assistant
