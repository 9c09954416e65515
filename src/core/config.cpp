#include "core/config.h"

#include <algorithm>
#include <charconv>
#include <thread>

#include "core/strings.h"

namespace sanad::core {

namespace {

Status bad_value(std::string_view name, std::string_view value, std::string_view expected) {
  return invalid_argument(std::string(name) + "='" + std::string(value) + "' is not valid: expected " +
                          std::string(expected));
}

template <typename T>
Status read_unsigned(const Environment& env, std::string_view name, T& out, uint64_t max_value) {
  auto value = env.get(name);
  if (!value || value->empty()) return {};
  uint64_t parsed = 0;
  auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), parsed);
  if (ec != std::errc() || ptr != value->data() + value->size() || parsed > max_value) {
    return bad_value(name, *value, "an integer from 0 to " + std::to_string(max_value));
  }
  out = static_cast<T>(parsed);
  return {};
}

Status read_millis(const Environment& env, std::string_view name, std::chrono::milliseconds& out) {
  uint64_t ms = static_cast<uint64_t>(out.count());
  SANAD_RETURN_IF_ERROR(read_unsigned(env, name, ms, 24ULL * 3600 * 1000));
  out = std::chrono::milliseconds(ms);
  return {};
}

Status read_bool(const Environment& env, std::string_view name, bool& out) {
  auto value = env.get(name);
  if (!value || value->empty()) return {};
  std::string v = ascii_lower(*value);
  if (v == "1" || v == "true" || v == "yes" || v == "on") {
    out = true;
  } else if (v == "0" || v == "false" || v == "no" || v == "off") {
    out = false;
  } else {
    return bad_value(name, *value, "true or false");
  }
  return {};
}

void read_string(const Environment& env, std::string_view name, std::string& out) {
  auto value = env.get(name);
  if (value && !value->empty()) out = *value;
}

std::vector<std::string> read_list(const Environment& env, std::string_view name) {
  std::vector<std::string> out;
  auto value = env.get(name);
  if (!value) return out;
  for (auto part : split(*value, ',')) {
    auto item = trim(part);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

std::string redact(const std::string& secret) {
  if (secret.empty()) return "(unset)";
  return "(set, " + std::to_string(secret.size()) + " bytes, redacted)";
}

// Hides the password part of a URL such as postgresql://user:pass@host/db.
std::string redact_url(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string join_or_unset(const std::vector<std::string>& items) {
  return items.empty() ? "(unset)" : join(items, ",");
}

}  // namespace

bool DatabaseConfig::is_postgres() const {
  return url.starts_with("postgres://") || url.starts_with("postgresql://");
}

std::string DatabaseConfig::sqlite_path() const {
  if (url.starts_with("sqlite://")) return url.substr(9);
  if (url.starts_with("sqlite:")) return url.substr(7);
  return url;
}

Result<Config> load_config(const Environment& env) {
  Config c;
  if (auto mode = env.get("SANAD_ENV"); mode && !mode->empty()) {
    std::string m = ascii_lower(*mode);
    if (m == "production" || m == "prod") {
      c.mode = RunMode::kProduction;
    } else if (m == "development" || m == "dev") {
      c.mode = RunMode::kDevelopment;
    } else {
      return bad_value("SANAD_ENV", *mode, "development or production");
    }
  }
  SANAD_RETURN_IF_ERROR(read_bool(env, "SANAD_DEBUG", c.debug));
  read_string(env, "SANAD_LOG_LEVEL", c.log_level);
  static constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
  if (std::find(std::begin(kLevels), std::end(kLevels), c.log_level) == std::end(kLevels)) {
    return bad_value("SANAD_LOG_LEVEL", c.log_level, "trace, debug, info, warn, error or off");
  }
  read_string(env, "SANAD_DATA_DIR", c.data_dir);
  c.upload_dir = c.data_dir + "/uploads";
  read_string(env, "UPLOAD_DIR", c.upload_dir);
  c.index_dir = c.data_dir + "/index";
  read_string(env, "SANAD_INDEX_DIR", c.index_dir);
  read_string(env, "REDIS_URL", c.redis_url);
  uint64_t ttl_seconds = static_cast<uint64_t>(c.answer_cache_ttl.count());
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_ANSWER_CACHE_TTL_SECONDS", ttl_seconds, 365ULL * 24 * 3600));
  if (ttl_seconds == 0) {
    return bad_value("SANAD_ANSWER_CACHE_TTL_SECONDS", "0", "a number of seconds from 1 to 31536000 (one year)");
  }
  c.answer_cache_ttl = std::chrono::seconds(static_cast<int64_t>(ttl_seconds));
  read_string(env, "FRONTEND_URL", c.frontend_url);

  // HTTP
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "PORT", c.http.port, 65535));
  read_string(env, "SANAD_BIND", c.http.bind_address);
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_HTTP_THREADS", c.http.io_threads, 256));
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_HANDLER_THREADS", c.http.handler_threads, 1024));
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_MAX_HEADER_BYTES", c.http.max_header_bytes, 1 << 20));
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_MAX_BODY_BYTES", c.http.max_body_bytes, 1ULL << 32));
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_MAX_UPLOAD_BYTES", c.http.max_upload_bytes, 1ULL << 40));
  SANAD_RETURN_IF_ERROR(read_millis(env, "SANAD_READ_TIMEOUT_MS", c.http.read_timeout));
  SANAD_RETURN_IF_ERROR(read_millis(env, "SANAD_IDLE_TIMEOUT_MS", c.http.idle_timeout));
  SANAD_RETURN_IF_ERROR(read_millis(env, "SANAD_SHUTDOWN_TIMEOUT_MS", c.http.shutdown_timeout));
  c.http.cors_origins = read_list(env, "CORS_ORIGINS");
  if (!c.frontend_url.empty() &&
      std::find(c.http.cors_origins.begin(), c.http.cors_origins.end(), c.frontend_url) ==
          c.http.cors_origins.end()) {
    c.http.cors_origins.push_back(c.frontend_url);
  }
  SANAD_RETURN_IF_ERROR(read_bool(env, "CORS_ALLOW_CREDENTIALS", c.http.cors_allow_credentials));
  c.http.allowed_hosts = read_list(env, "SANAD_ALLOWED_HOSTS");
  c.http.trusted_proxies = read_list(env, "SANAD_TRUSTED_PROXIES");
  read_string(env, "SANAD_STATIC_DIR", c.http.static_dir);

  // Database
  c.database.url = "sqlite://" + c.data_dir + "/sanad.db";
  read_string(env, "DATABASE_URL", c.database.url);
  if (!c.database.is_postgres() && !c.database.url.starts_with("sqlite:")) {
    return bad_value("DATABASE_URL", c.database.url,
                     "postgresql://user:password@host:port/dbname or sqlite:///path/to/file.db");
  }
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_DB_POOL_SIZE", c.database.pool_size, 256));
  if (c.database.pool_size == 0) return bad_value("SANAD_DB_POOL_SIZE", "0", "at least 1");
  SANAD_RETURN_IF_ERROR(read_millis(env, "SANAD_DB_BUSY_TIMEOUT_MS", c.database.busy_timeout));

  // Jobs
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_WORKERS", c.jobs.workers, 256));
  SANAD_RETURN_IF_ERROR(read_millis(env, "SANAD_JOB_LEASE_MS", c.jobs.lease));
  SANAD_RETURN_IF_ERROR(read_millis(env, "SANAD_JOB_POLL_MS", c.jobs.poll_interval));
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_JOB_MAX_ATTEMPTS", c.jobs.max_attempts, 100));

  // Embeddings
  read_string(env, "EMBEDDING_MODEL", c.embedding.model_dir);
  read_string(env, "EMBEDDING_URL", c.embedding.url);
  read_string(env, "EMBEDDING_API_KEY", c.embedding.api_key);
  read_string(env, "EMBEDDING_MODEL_NAME", c.embedding.model_name);
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_EMBED_THREADS", c.embedding.threads, 256));
  read_string(env, "SANAD_VECTOR_STORAGE", c.embedding.vector_storage);
  if (c.embedding.vector_storage != "float32" && c.embedding.vector_storage != "int8") {
    return bad_value("SANAD_VECTOR_STORAGE", c.embedding.vector_storage, "float32 or int8");
  }
  read_string(env, "SANAD_EMBED_PRECISION", c.embedding.precision);
  if (c.embedding.precision != "float32" && c.embedding.precision != "int8") {
    return bad_value("SANAD_EMBED_PRECISION", c.embedding.precision, "float32 or int8");
  }

  // LLM
  read_string(env, "CLAUDE_API_KEY", c.llm.anthropic_api_key);
  read_string(env, "ANTHROPIC_API_KEY", c.llm.anthropic_api_key);
  read_string(env, "ANTHROPIC_BASE_URL", c.llm.anthropic_base_url);
  read_string(env, "OPENAI_BASE_URL", c.llm.openai_base_url);
  read_string(env, "OPENAI_API_KEY", c.llm.openai_api_key);
  read_string(env, "LLM_MODEL", c.llm.model);
  read_string(env, "LLM_PROVIDER", c.llm.provider);
  if (c.llm.provider.empty()) {
    c.llm.provider = !c.llm.anthropic_api_key.empty() ? "anthropic"
                     : env.get("OPENAI_BASE_URL") || !c.llm.openai_api_key.empty() ? "openai"
                                                                                   : "extractive";
  }
  if (c.llm.provider != "anthropic" && c.llm.provider != "openai" && c.llm.provider != "extractive") {
    return bad_value("LLM_PROVIDER", c.llm.provider, "anthropic, openai or extractive");
  }

  // Auth
  read_string(env, "SECRET_KEY", c.auth.secret_key);
  read_string(env, "GOOGLE_OAUTH2_CLIENT_ID", c.auth.google_client_id);
  read_string(env, "GOOGLE_OAUTH2_CLIENT_SECRET", c.auth.google_client_secret);
  read_string(env, "OIDC_ISSUER", c.auth.oidc_issuer);
  read_string(env, "OIDC_CLIENT_ID", c.auth.oidc_client_id);
  read_string(env, "OIDC_CLIENT_SECRET", c.auth.oidc_client_secret);
  read_string(env, "SMTP_URL", c.auth.smtp_url);
  read_string(env, "SANAD_REGISTRATION", c.auth.registration);
  if (c.auth.registration != "open" && c.auth.registration != "invite" &&
      c.auth.registration != "closed") {
    return bad_value("SANAD_REGISTRATION", c.auth.registration, "open, invite or closed");
  }
  SANAD_RETURN_IF_ERROR(read_bool(env, "SANAD_OIDC_LINK_VERIFIED_EMAIL", c.auth.oidc_link_verified_email));
  SANAD_RETURN_IF_ERROR(read_millis(env, "SANAD_OIDC_JWKS_REFRESH_MS", c.auth.oidc_jwks_refresh));
  read_string(env, "SANAD_PUBLIC_URL", c.auth.public_url);
  while (!c.auth.public_url.empty() && c.auth.public_url.back() == '/') c.auth.public_url.pop_back();
  SANAD_RETURN_IF_ERROR(read_unsigned(env, "SANAD_CHAT_RATE_PER_MINUTE", c.auth.chat_rate_per_minute, 10'000));
  if (c.auth.chat_rate_per_minute == 0) {
    return bad_value("SANAD_CHAT_RATE_PER_MINUTE", "0", "a number of messages from 1 to 10000");
  }
  return c;
}

Result<Environment> gather_environment(const std::string& dotenv_path) {
  Environment env = Environment::from_process();
  auto mode = ascii_lower(env.get_or("SANAD_ENV", ""));
  if (mode == "production" || mode == "prod") return env;
  auto file = read_dotenv_file(dotenv_path);
  if (!file) return file.status();
  env.merge_missing(*file);
  return env;
}

std::vector<std::string> production_problems(const Config& c) {
  std::vector<std::string> problems;
  if (!c.production()) return problems;
  if (c.auth.secret_key.empty()) {
    problems.push_back(
        "SECRET_KEY is not set: set it to at least 32 random bytes, e.g. SECRET_KEY=$(openssl rand -hex 32)");
  } else if (c.auth.secret_key.size() < 32) {
    problems.push_back("SECRET_KEY is " + std::to_string(c.auth.secret_key.size()) +
                       " bytes long: use at least 32 random bytes, e.g. SECRET_KEY=$(openssl rand -hex 32)");
  }
  bool wildcard = std::find(c.http.cors_origins.begin(), c.http.cors_origins.end(), "*") !=
                  c.http.cors_origins.end();
  if (wildcard && c.http.cors_allow_credentials) {
    problems.push_back(
        "CORS_ORIGINS contains '*' while CORS_ALLOW_CREDENTIALS is on: list the exact origins "
        "(e.g. CORS_ORIGINS=https://intranet.example.org) or set CORS_ALLOW_CREDENTIALS=false");
  }
  if (c.debug) {
    problems.push_back("SANAD_DEBUG is on: unset it or set SANAD_DEBUG=false in production");
  }
  if (c.log_level == "trace" || c.log_level == "debug") {
    problems.push_back("SANAD_LOG_LEVEL=" + c.log_level +
                       " is a debug option: use info, warn or error in production");
  }
  if (c.http.allowed_hosts.empty()) {
    problems.push_back(
        "SANAD_ALLOWED_HOSTS is not set: list the host names the server answers to, "
        "e.g. SANAD_ALLOWED_HOSTS=intranet.example.org");
  }
  return problems;
}

std::vector<std::string> describe_config(const Config& c) {
  auto ms = [](std::chrono::milliseconds d) { return std::to_string(d.count()); };
  return {
      std::string("SANAD_ENV=") + (c.production() ? "production" : "development"),
      std::string("SANAD_DEBUG=") + (c.debug ? "true" : "false"),
      "SANAD_LOG_LEVEL=" + c.log_level,
      "SANAD_DATA_DIR=" + c.data_dir,
      "UPLOAD_DIR=" + c.upload_dir,
      "SANAD_INDEX_DIR=" + c.index_dir,
      "DATABASE_URL=" + redact_url(c.database.url),
      "SANAD_DB_POOL_SIZE=" + std::to_string(c.database.pool_size),
      "REDIS_URL=" + (c.redis_url.empty() ? std::string("(unset)") : redact_url(c.redis_url)),
      "SANAD_ANSWER_CACHE_TTL_SECONDS=" + std::to_string(c.answer_cache_ttl.count()),
      "PORT=" + std::to_string(c.http.port),
      "SANAD_BIND=" + c.http.bind_address,
      "SANAD_HTTP_THREADS=" + std::to_string(c.http.io_threads) + (c.http.io_threads ? "" : " (cores)"),
      "SANAD_MAX_HEADER_BYTES=" + std::to_string(c.http.max_header_bytes),
      "SANAD_MAX_BODY_BYTES=" + std::to_string(c.http.max_body_bytes),
      "SANAD_MAX_UPLOAD_BYTES=" + std::to_string(c.http.max_upload_bytes),
      "SANAD_READ_TIMEOUT_MS=" + ms(c.http.read_timeout),
      "SANAD_IDLE_TIMEOUT_MS=" + ms(c.http.idle_timeout),
      "SANAD_SHUTDOWN_TIMEOUT_MS=" + ms(c.http.shutdown_timeout),
      "FRONTEND_URL=" + (c.frontend_url.empty() ? std::string("(unset)") : c.frontend_url),
      "CORS_ORIGINS=" + join_or_unset(c.http.cors_origins),
      std::string("CORS_ALLOW_CREDENTIALS=") + (c.http.cors_allow_credentials ? "true" : "false"),
      "SANAD_ALLOWED_HOSTS=" + join_or_unset(c.http.allowed_hosts),
      "SANAD_TRUSTED_PROXIES=" + join_or_unset(c.http.trusted_proxies),
      "SANAD_STATIC_DIR=" + (c.http.static_dir.empty() ? std::string("(unset)") : c.http.static_dir),
      "SANAD_WORKERS=" + std::to_string(c.jobs.workers),
      "SANAD_JOB_LEASE_MS=" + ms(c.jobs.lease),
      "EMBEDDING_MODEL=" + (c.embedding.model_dir.empty() ? std::string("(unset)") : c.embedding.model_dir),
      "EMBEDDING_URL=" + (c.embedding.url.empty() ? std::string("(unset)") : c.embedding.url),
      "EMBEDDING_API_KEY=" + redact(c.embedding.api_key),
      "LLM_PROVIDER=" + c.llm.provider,
      "LLM_MODEL=" + (c.llm.model.empty() ? std::string("(default)") : c.llm.model),
      "ANTHROPIC_API_KEY=" + redact(c.llm.anthropic_api_key),
      "OPENAI_BASE_URL=" + c.llm.openai_base_url,
      "OPENAI_API_KEY=" + redact(c.llm.openai_api_key),
      "SECRET_KEY=" + redact(c.auth.secret_key),
      "GOOGLE_OAUTH2_CLIENT_ID=" + (c.auth.google_client_id.empty() ? std::string("(unset)") : c.auth.google_client_id),
      "GOOGLE_OAUTH2_CLIENT_SECRET=" + redact(c.auth.google_client_secret),
      "OIDC_ISSUER=" + (c.auth.oidc_issuer.empty() ? std::string("(unset)") : c.auth.oidc_issuer),
      "OIDC_CLIENT_ID=" + (c.auth.oidc_client_id.empty() ? std::string("(unset)") : c.auth.oidc_client_id),
      "OIDC_CLIENT_SECRET=" + redact(c.auth.oidc_client_secret),
      "SMTP_URL=" + (c.auth.smtp_url.empty() ? std::string("(unset)") : redact_url(c.auth.smtp_url)),
      "SANAD_REGISTRATION=" + c.auth.registration,
      "SANAD_VECTOR_STORAGE=" + c.embedding.vector_storage,
      "SANAD_EMBED_PRECISION=" + c.embedding.precision,
      std::string("SANAD_OIDC_LINK_VERIFIED_EMAIL=") + (c.auth.oidc_link_verified_email ? "true" : "false"),
      "SANAD_OIDC_JWKS_REFRESH_MS=" + ms(c.auth.oidc_jwks_refresh),
      "SANAD_PUBLIC_URL=" + (c.auth.public_url.empty() ? std::string("(from the request)") : c.auth.public_url),
      "SANAD_CHAT_RATE_PER_MINUTE=" + std::to_string(c.auth.chat_rate_per_minute),
  };
}

}  // namespace sanad::core
