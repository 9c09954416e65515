#include "embed/remote_embedder.h"

#include <curl/curl.h>

#include <nlohmann/json.hpp>
#include <thread>

namespace sanad::embed {
namespace {

size_t collect(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

Result<std::unique_ptr<RemoteEmbedder>> RemoteEmbedder::create(RemoteOptions options) {
  if (options.url.rfind("http://", 0) != 0 && options.url.rfind("https://", 0) != 0) {
    return invalid_argument("EMBEDDING_URL must start with http:// or https://, got '" + options.url + "'");
  }
  if (options.batch_size == 0 || options.max_attempts == 0) {
    return invalid_argument("remote embedder: batch_size and max_attempts must be positive");
  }
  std::unique_ptr<RemoteEmbedder> e(new RemoteEmbedder(std::move(options)));
  std::string url = e->options_.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  const std::string suffix = "/embeddings";
  if (url.size() < suffix.size() || url.compare(url.size() - suffix.size(), suffix.size(), suffix) != 0) {
    url += suffix;
  }
  e->endpoint_ = url;
  return e;
}

size_t RemoteEmbedder::dimension() const {
  std::lock_guard lock(mutex_);
  return dimension_;
}

std::string RemoteEmbedder::model_id() const {
  return "remote:" + (options_.model.empty() ? endpoint_ : options_.model);
}

Result<std::vector<std::vector<float>>> RemoteEmbedder::embed(const std::vector<std::string>& texts,
                                                              InputKind kind) {
  const std::string& prefix = kind == InputKind::kQuery ? options_.query_prefix : options_.passage_prefix;
  std::vector<std::vector<float>> vectors;
  vectors.reserve(texts.size());
  for (size_t begin = 0; begin < texts.size(); begin += options_.batch_size) {
    const size_t end = std::min(texts.size(), begin + options_.batch_size);
    std::vector<std::string> inputs;
    for (size_t i = begin; i < end; ++i) inputs.push_back(prefix + texts[i]);
    Result<std::vector<std::vector<float>>> batch = unavailable("not attempted");
    auto delay = options_.backoff;
    for (unsigned attempt = 1; attempt <= options_.max_attempts; ++attempt) {
      batch = post_batch(inputs);
      if (batch.is_ok() || batch.status().code() != ErrorCode::kUnavailable) break;
      if (attempt < options_.max_attempts) {
        std::this_thread::sleep_for(delay);  // backoff before retrying, not synchronisation
        delay *= 2;
      }
    }
    if (!batch.is_ok()) return batch.status();
    for (auto& v : batch.value()) vectors.push_back(std::move(v));
  }
  return vectors;
}

Result<std::vector<std::vector<float>>> RemoteEmbedder::post_batch(
    const std::vector<std::string>& inputs) {
  nlohmann::json request = {{"input", inputs}};
  if (!options_.model.empty()) request["model"] = options_.model;
  const std::string body = request.dump();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return internal_error("remote embedder: curl_easy_init failed");
  std::unique_ptr<curl_slist, SlistDeleter> headers(
      curl_slist_append(nullptr, "Content-Type: application/json"));
  if (!options_.api_key.empty()) {
    headers.reset(curl_slist_append(headers.release(),
                                    ("Authorization: Bearer " + options_.api_key).c_str()));
  }
  std::string response;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, endpoint_.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    return unavailable(endpoint_ + ": timed out after " + std::to_string(options_.timeout.count()) + " ms");
  }
  if (rc != CURLE_OK) return unavailable(endpoint_ + ": " + curl_easy_strerror(rc));
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status == 429 || status >= 500) {
    return unavailable(endpoint_ + ": HTTP " + std::to_string(status));
  }
  if (status != 200) {
    return failed_precondition(endpoint_ + ": HTTP " + std::to_string(status) + ": " +
                               response.substr(0, 200));
  }
  const nlohmann::json parsed = nlohmann::json::parse(response, nullptr, false);
  auto data = parsed.is_object() ? parsed.find("data") : parsed.end();
  if (!parsed.is_object() || data == parsed.end() || !data->is_array() || data->size() != inputs.size()) {
    return internal_error(endpoint_ + ": the response has no \"data\" array with one entry per input");
  }
  std::vector<std::vector<float>> vectors(inputs.size());
  size_t position = 0;
  for (const auto& item : *data) {
    const size_t index = item.contains("index") && item["index"].is_number_unsigned()
                             ? item["index"].get<size_t>()
                             : position;
    auto embedding = item.find("embedding");
    if (index >= inputs.size() || embedding == item.end() || !embedding->is_array() ||
        embedding->empty()) {
      return internal_error(endpoint_ + ": malformed entry " + std::to_string(position) + " in \"data\"");
    }
    try {
      vectors[index] = embedding->get<std::vector<float>>();
    } catch (const nlohmann::json::exception&) {
      return internal_error(endpoint_ + ": entry " + std::to_string(position) + " is not numeric");
    }
    ++position;
  }
  std::lock_guard lock(mutex_);
  for (const auto& v : vectors) {
    if (v.empty() || (dimension_ != 0 && v.size() != dimension_) || v.size() != vectors[0].size()) {
      return internal_error(endpoint_ + ": vectors of inconsistent dimension");
    }
  }
  dimension_ = vectors[0].size();
  return vectors;
}

}  // namespace sanad::embed
