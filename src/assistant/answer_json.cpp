#include "assistant/answer_json.h"

#include <cmath>
#include <string>

namespace sanad::assistant {

nlohmann::json citation_to_json(const Citation& c) {
  nlohmann::json j = {{"n", c.n},           {"document_id", c.document_id}, {"chunk_id", c.chunk_id},
                      {"title", c.title},   {"page", c.page},               {"section", c.section},
                      {"quote", c.quote},   {"start", c.start},             {"end", c.end}};
  if (c.kind != "chunk") j["kind"] = c.kind;
  return j;
}

nlohmann::json citations_to_json(const std::vector<Citation>& citations) {
  nlohmann::json out = nlohmann::json::array();
  for (const Citation& c : citations) out.push_back(citation_to_json(c));
  return out;
}

Result<Citation> citation_from_json(const nlohmann::json& item) {
  if (!item.is_object()) return internal_error("a stored citation is not a JSON object");
  try {
    Citation c;
    c.n = item.value("n", 0);
    c.kind = item.value("kind", std::string("chunk"));
    c.document_id = item.value("document_id", std::string());
    c.chunk_id = item.value("chunk_id", std::string());
    c.title = item.value("title", std::string());
    c.page = item.value("page", int64_t{0});
    c.section = item.value("section", std::string());
    c.quote = item.value("quote", std::string());
    c.start = item.value("start", int64_t{0});
    c.end = item.value("end", int64_t{0});
    return c;
  } catch (const nlohmann::json::exception&) {
    return internal_error("a stored citation has a field of the wrong type");
  }
}

Result<std::vector<Citation>> citations_from_json_array(const nlohmann::json& j) {
  if (!j.is_array()) return internal_error("stored citations are not a JSON array");
  std::vector<Citation> out;
  for (const auto& item : j) {
    SANAD_ASSIGN_OR_RETURN(Citation c, citation_from_json(item));
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<Citation>> citations_from_json(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return internal_error("stored citations are not a JSON array");
  return citations_from_json_array(j);
}

nlohmann::json timings_to_json(const Timings& timings) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [stage, ms] : timings) out[stage + "_ms"] = std::round(ms * 1000.0) / 1000.0;
  return out;
}

Result<Timings> timings_from_json(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return internal_error("stored timings are not a JSON object");
  Timings out;
  for (const auto& [key, value] : j.items()) {
    if (!value.is_number()) continue;
    std::string stage = key;
    if (stage.size() > 3 && stage.compare(stage.size() - 3, 3, "_ms") == 0) stage.resize(stage.size() - 3);
    out.emplace_back(stage, value.get<double>());
  }
  return out;
}

}  // namespace sanad::assistant
