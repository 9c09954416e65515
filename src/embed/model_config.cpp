#include "embed/model_config.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sanad::embed {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct JsonFile {
  bool present = false;
  json value;
  std::string text;
};

// Reads `dir/name`; absent is not an error (present = false), unparsable is.
Result<JsonFile> read_json(const std::string& dir, const std::string& name, bool array = false) {
  JsonFile file;
  const std::string path = dir + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) return file;
  std::stringstream ss;
  ss << in.rdbuf();
  file.text = ss.str();
  file.value = json::parse(file.text, nullptr, false);
  if (file.value.is_discarded() || (array ? !file.value.is_array() : !file.value.is_object())) {
    return invalid_argument(path + (array ? ": not a JSON array" : ": not a JSON object"));
  }
  file.present = true;
  return file;
}

Status read_int(const json& j, const std::string& path, const char* key, int64_t& out,
                bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) return invalid_argument(path + ": missing \"" + key + "\"");
    return Status::ok();
  }
  if (!it->is_number_integer() || it->get<int64_t>() < 0) {
    return invalid_argument(path + ": \"" + key + "\" must be a non-negative integer");
  }
  out = it->get<int64_t>();
  return Status::ok();
}

uint32_t fnv1a(const std::string& text, uint32_t hash = 2166136261u) {
  for (unsigned char c : text) hash = (hash ^ c) * 16777619u;
  return hash;
}

}  // namespace

const char* pooling_name(Pooling pooling) {
  switch (pooling) {
    case Pooling::kMean: return "mean";
    case Pooling::kCls: return "cls";
    case Pooling::kMax: return "max";
  }
  return "?";
}

Result<ModelConfig> load_model_config(const std::string& model_dir) {
  ModelConfig config;
  std::string dir = model_dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  config.model_dir = dir;
  if (!fs::is_directory(dir)) return not_found(dir + ": not a model folder (no such directory)");

  // config.json: architecture and shape.
  const std::string config_path = dir + "/config.json";
  SANAD_ASSIGN_OR_RETURN(JsonFile cfg, read_json(dir, "config.json"));
  if (!cfg.present) return not_found(config_path + ": missing (every model folder needs one)");
  const json& c = cfg.value;
  std::string architecture;
  if (auto it = c.find("architectures"); it != c.end() && it->is_array() && !it->empty() &&
                                         it->front().is_string()) {
    architecture = it->front().get<std::string>();
  } else if (auto mt = c.find("model_type"); mt != c.end() && mt->is_string()) {
    architecture = mt->get<std::string>();
  }
  EncoderConfig& e = config.encoder;
  if (architecture == "BertModel" || architecture == "bert") {
    e.architecture = Architecture::kBert;
  } else if (architecture == "XLMRobertaModel" || architecture == "xlm-roberta") {
    e.architecture = Architecture::kXlmRoberta;
  } else {
    return unsupported(config_path + ": unsupported architecture '" + architecture +
                       "' (supported: BertModel, XLMRobertaModel)");
  }
  SANAD_RETURN_IF_ERROR(read_int(c, config_path, "vocab_size", e.vocab_size, true));
  SANAD_RETURN_IF_ERROR(read_int(c, config_path, "hidden_size", e.hidden, true));
  SANAD_RETURN_IF_ERROR(read_int(c, config_path, "num_hidden_layers", e.layers, true));
  SANAD_RETURN_IF_ERROR(read_int(c, config_path, "num_attention_heads", e.heads, true));
  SANAD_RETURN_IF_ERROR(read_int(c, config_path, "intermediate_size", e.intermediate, true));
  SANAD_RETURN_IF_ERROR(read_int(c, config_path, "max_position_embeddings", e.max_positions, true));
  SANAD_RETURN_IF_ERROR(read_int(c, config_path, "type_vocab_size", e.type_vocab_size, false));
  e.pad_token_id = e.architecture == Architecture::kXlmRoberta ? 1 : 0;
  SANAD_RETURN_IF_ERROR(read_int(c, config_path, "pad_token_id", e.pad_token_id, false));
  if (auto it = c.find("layer_norm_eps"); it != c.end() && it->is_number()) {
    e.layer_norm_eps = it->get<float>();
  }
  if (auto it = c.find("hidden_act"); it != c.end() && it->is_string() && *it != "gelu") {
    return unsupported(config_path + ": unsupported hidden_act '" + it->get<std::string>() +
                       "' (supported: gelu)");
  }
  if (auto it = c.find("position_embedding_type");
      it != c.end() && it->is_string() && *it != "absolute") {
    return unsupported(config_path + ": unsupported position_embedding_type '" +
                       it->get<std::string>() + "' (supported: absolute)");
  }
  if (e.hidden == 0 || e.heads == 0 || e.hidden % e.heads != 0) {
    return invalid_argument(config_path + ": hidden_size must be a positive multiple of num_attention_heads");
  }
  if (e.layers == 0 || e.intermediate == 0 || e.vocab_size == 0 || e.type_vocab_size == 0) {
    return invalid_argument(config_path + ": vocab_size, num_hidden_layers, intermediate_size and type_vocab_size must be positive");
  }
  e.position_offset = e.architecture == Architecture::kXlmRoberta ? e.pad_token_id + 1 : 0;
  if (e.max_positions <= e.position_offset + 2) {
    return invalid_argument(config_path + ": max_position_embeddings is too small");
  }
  config.max_seq_length = static_cast<size_t>(e.max_positions - e.position_offset);

  // Tokenizer.
  SANAD_ASSIGN_OR_RETURN(JsonFile tok, read_json(dir, "tokenizer_config.json"));
  if (fs::exists(dir + "/vocab.txt") && e.architecture == Architecture::kBert) {
    config.tokenizer = TokenizerKind::kWordPiece;
    config.tokenizer_path = dir + "/vocab.txt";
    if (tok.present) {
      const json& t = tok.value;
      if (auto it = t.find("do_lower_case"); it != t.end() && it->is_boolean()) {
        config.wordpiece.lower_case = it->get<bool>();
      }
      if (auto it = t.find("strip_accents"); it != t.end() && it->is_boolean()) {
        config.wordpiece.strip_accents = it->get<bool>() ? 1 : 0;
      }
      if (auto it = t.find("tokenize_chinese_chars"); it != t.end() && it->is_boolean()) {
        config.wordpiece.split_chinese_chars = it->get<bool>();
      }
      for (auto [key, field] : {std::pair{"unk_token", &config.wordpiece.unk_token},
                                {"cls_token", &config.wordpiece.cls_token},
                                {"sep_token", &config.wordpiece.sep_token},
                                {"pad_token", &config.wordpiece.pad_token}}) {
        if (auto it = t.find(key); it != t.end() && it->is_string()) *field = it->get<std::string>();
      }
    }
  } else if (fs::exists(dir + "/sentencepiece.bpe.model")) {
    config.tokenizer = TokenizerKind::kSentencePiece;
    config.tokenizer_path = dir + "/sentencepiece.bpe.model";
  } else {
    return not_found(dir + ": no tokenizer (expected " +
                     (e.architecture == Architecture::kBert ? "vocab.txt" : "sentencepiece.bpe.model") +
                     ")");
  }

  // Pooling: 1_Pooling/config.json; mean when absent (the sentence-transformers default).
  SANAD_ASSIGN_OR_RETURN(JsonFile pool, read_json(dir, "1_Pooling/config.json"));
  if (pool.present) {
    const json& p = pool.value;
    auto flag = [&](const char* key) {
      auto it = p.find(key);
      return it != p.end() && it->is_boolean() && it->get<bool>();
    };
    const int modes = flag("pooling_mode_mean_tokens") + flag("pooling_mode_cls_token") +
                      flag("pooling_mode_max_tokens") + flag("pooling_mode_mean_sqrt_len_tokens") +
                      flag("pooling_mode_weightedmean_tokens") + flag("pooling_mode_lasttoken");
    if (modes != 1) {
      return unsupported(dir + "/1_Pooling/config.json: exactly one of mean, cls or max pooling must be set");
    }
    if (flag("pooling_mode_mean_tokens")) {
      config.pooling = Pooling::kMean;
    } else if (flag("pooling_mode_cls_token")) {
      config.pooling = Pooling::kCls;
    } else if (flag("pooling_mode_max_tokens")) {
      config.pooling = Pooling::kMax;
    } else {
      return unsupported(dir + "/1_Pooling/config.json: unsupported pooling mode (supported: mean, cls, max)");
    }
  }

  // Normalize module.
  SANAD_ASSIGN_OR_RETURN(JsonFile modules, read_json(dir, "modules.json", true));
  if (modules.present) {
    for (const json& module : modules.value) {
      if (module.is_object() && module.value("type", "").find("Normalize") != std::string::npos) {
        config.normalize = true;
      }
    }
  }

  // Sequence limit.
  SANAD_ASSIGN_OR_RETURN(JsonFile sbert, read_json(dir, "sentence_bert_config.json"));
  if (sbert.present) {
    int64_t limit = 0;
    SANAD_RETURN_IF_ERROR(read_int(sbert.value, dir + "/sentence_bert_config.json",
                                   "max_seq_length", limit, false));
    if (limit >= 2) config.max_seq_length = std::min(config.max_seq_length, static_cast<size_t>(limit));
  }

  // Prefixes: "prompts" of config_sentence_transformers.json; an e5 folder without
  // them gets the prefixes the e5 models were trained with.
  SANAD_ASSIGN_OR_RETURN(JsonFile st, read_json(dir, "config_sentence_transformers.json"));
  bool have_prompts = false;
  if (st.present) {
    if (auto it = st.value.find("prompts"); it != st.value.end() && it->is_object()) {
      if (auto q = it->find("query"); q != it->end() && q->is_string()) {
        config.query_prefix = q->get<std::string>();
        have_prompts = true;
      }
      if (auto p = it->find("passage"); p != it->end() && p->is_string()) {
        config.passage_prefix = p->get<std::string>();
        have_prompts = true;
      }
    }
  }
  const std::string folder = fs::path(dir).filename().string();
  if (!have_prompts && (folder.rfind("e5-", 0) == 0 || folder.find("-e5-") != std::string::npos)) {
    config.query_prefix = "query: ";
    config.passage_prefix = "passage: ";
  }

  char hash[16];
  const uint32_t h = fnv1a(pool.text, fnv1a(modules.text, fnv1a(sbert.text, fnv1a(cfg.text))));
  std::snprintf(hash, sizeof hash, "%08x", h);
  config.model_id = folder + "-" + hash;
  return config;
}

}  // namespace sanad::embed
