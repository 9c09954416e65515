#pragma once
// The effective configuration of a Sanad process, read once at start-up from the
// environment (and, in development, a .env file). Immutable afterwards: services
// receive a const reference. Variable names follow API.md; SANAD_* names are ours.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/environment.h"
#include "core/status.h"

namespace sanad::core {

enum class RunMode { kDevelopment, kProduction };

struct HttpConfig {
  uint16_t port = 8080;                       // PORT
  std::string bind_address = "0.0.0.0";       // SANAD_BIND
  unsigned io_threads = 0;                    // SANAD_HTTP_THREADS; 0 = number of cores
  unsigned handler_threads = 0;               // SANAD_HANDLER_THREADS; 0 = 2 x cores
  size_t max_header_bytes = 16 * 1024;        // SANAD_MAX_HEADER_BYTES (431 above)
  size_t max_body_bytes = 1024 * 1024;        // SANAD_MAX_BODY_BYTES (413 above; per route)
  size_t max_upload_bytes = 50 * 1024 * 1024; // SANAD_MAX_UPLOAD_BYTES
  std::chrono::milliseconds read_timeout{10000};     // SANAD_READ_TIMEOUT_MS: whole request
  std::chrono::milliseconds idle_timeout{60000};     // SANAD_IDLE_TIMEOUT_MS: keep-alive idle
  std::chrono::milliseconds shutdown_timeout{10000}; // SANAD_SHUTDOWN_TIMEOUT_MS: drain deadline
  std::vector<std::string> cors_origins;      // CORS_ORIGINS (comma-separated) + FRONTEND_URL
  bool cors_allow_credentials = true;         // CORS_ALLOW_CREDENTIALS
  std::vector<std::string> allowed_hosts;     // SANAD_ALLOWED_HOSTS (production: required)
  std::vector<std::string> trusted_proxies;   // SANAD_TRUSTED_PROXIES (IPs or CIDRs)
  std::string static_dir;                     // SANAD_STATIC_DIR (the web app build)
};

struct DatabaseConfig {
  std::string url;               // DATABASE_URL; default sqlite://<data_dir>/sanad.db
  unsigned pool_size = 8;        // SANAD_DB_POOL_SIZE
  std::chrono::milliseconds busy_timeout{5000};  // SANAD_DB_BUSY_TIMEOUT_MS (SQLite)
  bool is_postgres() const;
  // For sqlite URLs: the file path (after "sqlite://" or "sqlite:").
  std::string sqlite_path() const;
};

struct JobsConfig {
  unsigned workers = 2;                            // SANAD_WORKERS (0 disables the runner)
  std::chrono::milliseconds lease{30000};          // SANAD_JOB_LEASE_MS
  std::chrono::milliseconds poll_interval{500};    // SANAD_JOB_POLL_MS
  unsigned max_attempts = 5;                       // SANAD_JOB_MAX_ATTEMPTS
};

struct EmbeddingConfig {
  std::string model_dir;   // EMBEDDING_MODEL
  std::string url;         // EMBEDDING_URL
  std::string api_key;     // EMBEDDING_API_KEY (secret)
  std::string model_name;  // EMBEDDING_MODEL_NAME (for remote endpoints)
  unsigned threads = 0;    // SANAD_EMBED_THREADS; 0 = number of cores
  std::string vector_storage = "float32";  // SANAD_VECTOR_STORAGE: float32 | int8 (search index)
  std::string precision = "float32";       // SANAD_EMBED_PRECISION: float32 | int8 (encoder linear layers)
};

struct LlmConfig {
  std::string provider;           // LLM_PROVIDER: anthropic | openai | extractive
  std::string anthropic_api_key;  // ANTHROPIC_API_KEY or CLAUDE_API_KEY (secret)
  std::string anthropic_base_url = "https://api.anthropic.com";  // ANTHROPIC_BASE_URL
  std::string openai_base_url = "https://api.openai.com/v1";     // OPENAI_BASE_URL
  std::string openai_api_key;     // OPENAI_API_KEY (secret)
  std::string model;              // LLM_MODEL
};

struct AuthConfig {
  std::string secret_key;              // SECRET_KEY (secret)
  std::string google_client_id;        // GOOGLE_OAUTH2_CLIENT_ID
  std::string google_client_secret;    // GOOGLE_OAUTH2_CLIENT_SECRET (secret)
  std::string oidc_issuer;             // OIDC_ISSUER
  std::string oidc_client_id;          // OIDC_CLIENT_ID
  std::string oidc_client_secret;      // OIDC_CLIENT_SECRET (secret)
  std::string smtp_url;                // SMTP_URL (secret: may hold a password)
  std::string registration = "open";   // SANAD_REGISTRATION: open | invite | closed
  bool oidc_link_verified_email = false;  // SANAD_OIDC_LINK_VERIFIED_EMAIL
  std::chrono::milliseconds oidc_jwks_refresh{60000};  // SANAD_OIDC_JWKS_REFRESH_MS: min gap between JWKS refetches
  std::string public_url;              // SANAD_PUBLIC_URL: this server's public base (OIDC callbacks)
  unsigned chat_rate_per_minute = 20;  // SANAD_CHAT_RATE_PER_MINUTE: chat messages per user
};

struct Config {
  RunMode mode = RunMode::kDevelopment;  // SANAD_ENV
  bool debug = false;                    // SANAD_DEBUG
  std::string log_level = "info";        // SANAD_LOG_LEVEL: trace|debug|info|warn|error|off
  std::string data_dir = "./var";        // SANAD_DATA_DIR
  std::string upload_dir;                // UPLOAD_DIR; default <data_dir>/uploads
  std::string index_dir;                 // SANAD_INDEX_DIR; default <data_dir>/index
  std::string redis_url;                 // REDIS_URL
  std::chrono::seconds answer_cache_ttl{86400};  // SANAD_ANSWER_CACHE_TTL_SECONDS (Redis answer cache)
  std::string frontend_url;              // FRONTEND_URL
  HttpConfig http;
  DatabaseConfig database;
  JobsConfig jobs;
  EmbeddingConfig embedding;
  LlmConfig llm;
  AuthConfig auth;

  bool production() const { return mode == RunMode::kProduction; }
};

// Builds the configuration from `env`. Values that cannot be parsed (a port of
// "abc", an unknown SANAD_ENV) are errors that name the variable.
Result<Config> load_config(const Environment& env);

// The process environment, plus `.env` in the working directory unless
// SANAD_ENV=production (the .env file is for development only).
Result<Environment> gather_environment(const std::string& dotenv_path = ".env");

// Problems that make `config` unsafe to run in production; empty when it is fine
// or when not in production mode. Each entry names the variable and the fix.
std::vector<std::string> production_problems(const Config& config);

// One "NAME=value" line per setting, secrets redacted, for `sanad config check`.
std::vector<std::string> describe_config(const Config& config);

}  // namespace sanad::core
