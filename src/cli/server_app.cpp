#include "cli/server_app.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit_log.h"
#include "accounts/background_tasks.h"
#include "accounts/group_service.h"
#include "accounts/housekeeping.h"
#include "accounts/identity_store.h"
#include "accounts/invitations.h"
#include "accounts/oidc_sign_in.h"
#include "accounts/registration_settings.h"
#include "accounts/sign_in_codes.h"
#include "accounts/sql_token_store.h"
#include "accounts/user_service.h"
#include "api/account_services.h"
#include "api/admin_routes.h"
#include "api/search_routes.h"
#include "api/auth_routes.h"
#include "api/authentication.h"
#include "api/group_routes.h"
#include "api/category_routes.h"
#include "api/chat_completion_routes.h"
#include "api/conversation_routes.h"
#include "api/feedback_routes.h"
#include "api/document_routes.h"
#include "api/faq_routes.h"
#include "api/folder_routes.h"
#include "api/job_routes.h"
#include "api/access_scope.h"
#include "api/chat_rate_limit.h"
#include "api/permission_routes.h"
#include "api/oidc_routes.h"
#include "api/settings_routes.h"
#include "api/user_routes.h"
#include "auth/access_token.h"
#include "auth/http_fetch.h"
#include "auth/mailer.h"
#include "auth/failover_rate_limiter.h"
#include "auth/memory_rate_limiter.h"
#include "auth/redis_rate_limiter.h"
#include "auth/password_hasher.h"
#include "auth/password_policy.h"
#include "auth/refresh_token_service.h"
#include "auth/reset_token_service.h"
#include "auth/secrets.h"
#include "api/openapi_route.h"
#include "cli/answer_services.h"
#include "cli/command.h"
#include "cli/library_context.h"
#include "core/ids.h"
#include "core/log.h"
#include "db/database.h"
#include "db/migrate.h"
#include "http/health.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "jobs/job_queue.h"
#include "jobs/worker_pool.h"
#include "library/ingest_job.h"
#include "library/library.h"
#include "library/permissions.h"
#include "redis/client.h"
#include "retrieval/index_service.h"
#include "retrieval/reindex_job.h"

namespace sanad::cli {

namespace {

Status ensure_directory(const std::string& path, const char* variable) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    return unavailable(std::string("cannot create ") + variable + " directory '" + path + "': " + ec.message());
  }
  return {};
}

std::string worker_owner() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + core::new_id().substr(20);
}

void add_readiness_checks(http::HealthChecks& checks, db::Database& db, const jobs::WorkerPool& workers,
                          const core::JobsConfig& jobs_config) {
  checks.add("database", [&db] {
    Status s = db.ping();
    return http::CheckResult{s.is_ok(), s.is_ok() ? std::string(db::dialect_name(db.dialect())) : s.message()};
  });
  checks.add("migrations", [&db] {
    auto status = db::migration_status(db);
    if (!status) return http::CheckResult{false, status.status().message()};
    if (!status->up_to_date()) {
      return http::CheckResult{false, std::to_string(status->pending.size()) + " pending migrations"};
    }
    return http::CheckResult{true, "version " + std::to_string(status->current_version)};
  });
  checks.add("workers", [&workers, &jobs_config] {
    if (jobs_config.workers == 0) return http::CheckResult{true, "disabled (SANAD_WORKERS=0)"};
    bool running = workers.running();
    return http::CheckResult{running, running ? std::to_string(jobs_config.workers) + " running" : "stopped"};
  });
}

// What the administration page shows next to the database: the search index, the
// embedding model and the answer provider. Informational: they never fail readiness
// (lexical search and extractive answers work without a model or a key).
void add_answer_checks(http::HealthChecks& checks, const retrieval::IndexService& index,
                       const embed::Embedder* embedder, const llm::ChatProvider* provider) {
  checks.add("search_index", [&index] {
    auto s = index.stats();
    return http::CheckResult{true, std::to_string(s.chunks) + " chunks, " + std::to_string(s.vectors) +
                                       " with vectors, change log at " + std::to_string(s.applied_seq)};
  });
  const std::string model = embedder ? embedder->model_id() : "none: lexical search only";
  checks.add("embedding_model", [model] { return http::CheckResult{true, model}; });
  const std::string answers = provider ? std::string(provider->name()) : "extractive (no LLM configured)";
  checks.add("llm_provider", [answers] { return http::CheckResult{true, answers}; });
}

// With REDIS_URL: whether Redis answers (PING). Informational too: while it does not,
// rate limits and cached answers are kept in this process, and requests still succeed.
void add_redis_check(http::HealthChecks& checks, redis::Client& client) {
  checks.add("redis", [&client] {
    auto reply = client.command({"PING"});
    if (!reply) {
      return http::CheckResult{true, "unreachable, rate limits and answers kept in this process: " +
                                         reply.status().message()};
    }
    return http::CheckResult{true, "reachable: rate limits and answers shared between instances"};
  });
}

void add_metrics_collectors(http::HttpMetrics& metrics, db::Database& db, jobs::JobQueue& queue,
                            const jobs::WorkerPool& workers) {
  metrics.add_collector([&db](std::string& out) {
    auto s = db.stats();
    out += "# HELP sanad_db_pool_connections Database pool connections by state.\n";
    out += "# TYPE sanad_db_pool_connections gauge\n";
    out += "sanad_db_pool_connections{state=\"max\"} " + std::to_string(s.size) + "\n";
    out += "sanad_db_pool_connections{state=\"open\"} " + std::to_string(s.open) + "\n";
    out += "sanad_db_pool_connections{state=\"in_use\"} " + std::to_string(s.in_use) + "\n";
    out += "# HELP sanad_db_pool_waiting Threads waiting for a database connection.\n";
    out += "# TYPE sanad_db_pool_waiting gauge\n";
    out += "sanad_db_pool_waiting " + std::to_string(s.waiting) + "\n";
    out += "# HELP sanad_db_pool_acquire_timeouts_total Connection requests that timed out.\n";
    out += "# TYPE sanad_db_pool_acquire_timeouts_total counter\n";
    out += "sanad_db_pool_acquire_timeouts_total " + std::to_string(s.acquire_timeouts) + "\n";
  });
  metrics.add_collector([&queue, &workers](std::string& out) {
    out += "# HELP sanad_jobs Jobs in the database by state.\n";
    out += "# TYPE sanad_jobs gauge\n";
    if (auto counts = queue.counts_by_state()) {
      for (const auto& [state, count] : *counts) {
        out += "sanad_jobs{state=\"" + state + "\"} " + std::to_string(count) + "\n";
      }
    }
    auto w = workers.stats();
    out += "# HELP sanad_job_workers_busy Job handlers running in this process.\n";
    out += "# TYPE sanad_job_workers_busy gauge\n";
    out += "sanad_job_workers_busy " + std::to_string(w.busy) + "\n";
  });
}

void add_index_metrics(http::HttpMetrics& metrics, const retrieval::IndexService& index) {
  metrics.add_collector([&index](std::string& out) {
    auto s = index.stats();
    out += "# HELP sanad_search_index_chunks Chunks in this process's search index.\n";
    out += "# TYPE sanad_search_index_chunks gauge\n";
    out += "sanad_search_index_chunks " + std::to_string(s.chunks) + "\n";
    out += "# HELP sanad_search_index_vectors Chunks with a vector in this process's search index.\n";
    out += "# TYPE sanad_search_index_vectors gauge\n";
    out += "sanad_search_index_vectors " + std::to_string(s.vectors) + "\n";
    out += "# HELP sanad_search_index_applied_seq The last change-log sequence applied to the index.\n";
    out += "# TYPE sanad_search_index_applied_seq gauge\n";
    out += "sanad_search_index_applied_seq " + std::to_string(s.applied_seq) + "\n";
  });
}

void add_answer_cache_metrics(http::HttpMetrics& metrics, const assistant::AnswerPipeline& pipeline) {
  metrics.add_collector([&pipeline](std::string& out) {
    auto counts = pipeline.cache_counts();
    out += "# HELP sanad_answer_cache_lookups_total Answer cache look-ups by result.\n";
    out += "# TYPE sanad_answer_cache_lookups_total counter\n";
    out += "sanad_answer_cache_lookups_total{result=\"hit\"} " + std::to_string(counts.hits) + "\n";
    out += "sanad_answer_cache_lookups_total{result=\"miss\"} " + std::to_string(counts.misses) + "\n";
  });
}

// The key that signs access tokens: SECRET_KEY, or in development without one a
// random key for this process only (tokens then die with the process).
Result<std::string> signing_key(const core::Config& config, core::Logger& logger) {
  if (!config.auth.secret_key.empty()) return config.auth.secret_key;
  if (config.production()) return failed_precondition("SECRET_KEY is required in production");
  logger.warn("SECRET_KEY is not set: signing access tokens with a random per-process key "
              "(sessions end when the server restarts; set SECRET_KEY in production)");
  return auth::random_bytes(32);
}

// The From address of outgoing mail: no-reply@ the FRONTEND_URL host, else a
// reserved domain.
std::string mail_from(const core::Config& config) {
  std::string host = config.frontend_url;
  if (auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  host = host.substr(0, host.find_first_of(":/?#"));
  if (host.empty() || host.find('.') == std::string::npos) host = "sanad.invalid";
  return "Sanad <no-reply@" + host + ">";
}

// The OpenID Connect providers the configuration names (Google preset, generic).
std::vector<auth::OidcProviderConfig> oidc_providers(const core::AuthConfig& auth) {
  std::vector<auth::OidcProviderConfig> providers;
  if (!auth.google_client_id.empty()) {
    providers.push_back(auth::google_provider(auth.google_client_id, auth.google_client_secret));
  }
  if (!auth.oidc_issuer.empty()) {
    providers.push_back(auth::generic_provider("oidc", auth.oidc_issuer, auth.oidc_client_id, auth.oidc_client_secret));
  }
  return providers;
}

}  // namespace

int run_server(const core::Config& config) {
  auto level = core::parse_log_level(config.log_level);
  if (!level) return fail(level.status());
  // Log lines go to stderr, unbuffered by default: make it fully buffered so the
  // access log costs one write() per flush, not one per request. The Logger's
  // flusher thread and warn/error lines bound the delay.
  std::setvbuf(stderr, nullptr, _IOFBF, 1 << 16);
  core::Logger logger(*level);

  if (Status s = ensure_directory(config.data_dir, "SANAD_DATA_DIR"); !s) return fail(s);
  if (Status s = ensure_directory(config.upload_dir, "UPLOAD_DIR"); !s) return fail(s);
  // Request bodies are spooled here, inside UPLOAD_DIR, so stored files are renamed
  // into place rather than copied.
  const std::filesystem::path spool_dir = std::filesystem::path(config.upload_dir) / "incoming";
  if (Status s = ensure_directory(spool_dir.string(), "UPLOAD_DIR/incoming"); !s) return fail(s);

  auto db = db::Database::open(config.database);
  if (!db) return fail(db.status());
  auto migrated = db::migrate(**db);
  if (!migrated) return fail(migrated.status());
  for (const auto& file : migrated->applied) logger.info("migration applied", {{"file", file}});

  // Declared before the worker pool, so it outlives the handlers the pool runs.
  auto embedder = embed::make_embedder(config.embedding);
  if (!embedder) return fail(embedder.status().with_context("embedding model"));
  library::LibraryOptions library_options;
  library_options.upload_dir = config.upload_dir;
  library_options.embedder = embedder->get();
  auto extract_process = extract_process_options();
  if (!extract_process) return fail(extract_process.status());
  library_options.extractor = documents::child_process_extractor(std::move(*extract_process));
  library::Library library(**db, library_options);
  jobs::JobQueue queue(**db, config.jobs);
  jobs::WorkerPool workers(**db, queue, config.jobs, logger, worker_owner());
  library::register_ingest_handler(workers, library);

  // Search: this process's index, derived from the chunks table and its change log.
  auto index_options = retrieval::index_options_from(config, embedder->get());
  index_options.logger = &logger;
  auto index = retrieval::IndexService::open(**db, index_options);
  if (!index) return fail(index.status().with_context("search index"));
  {
    auto stats = (*index)->stats();
    logger.info("search index ready", {{"chunks", stats.chunks}, {"vectors", stats.vectors},
                                       {"from", stats.origin}, {"ms", stats.open_ms}});
    if (*embedder && stats.vectors < stats.chunks) {
      logger.warn("chunks without a vector for the configured embedding model: vector search covers only part "
                  "of the library until `sanad reindex --vectorize` (or POST /api/admin/reindex) computes them",
                  {{"missing", stats.chunks - stats.vectors}, {"model", (*embedder)->model_id()}});
    }
  }
  retrieval::VectorizeFn vectorize;
  if (*embedder) {
    vectorize = [&library](const std::function<void(size_t, size_t)>& progress,
                           const std::function<bool()>& cancelled) {
      library::VectorizeScope scope;
      scope.recompute = true;
      return library.vectorize(scope, {progress, cancelled}).status();
    };
  }
  retrieval::register_reindex_handler(workers, **index, std::move(vectorize));

  // Accounts and sign-in.
  auto policy = auth::load_password_policy(config.production(), std::string(auth::kDefaultCommonPasswordList),
                                           logger);
  if (!policy) return fail(policy.status());
  auto hasher = auth::PasswordHasher::create();
  if (!hasher) return fail(hasher.status());
  auto key = signing_key(config, logger);
  if (!key) return fail(key.status());
  auth::AccessTokenOptions access_options;
  access_options.secret = std::move(*key);
  auto access_tokens = auth::AccessTokenService::create(std::move(access_options));
  if (!access_tokens) return fail(access_tokens.status());
  accounts::SqlTokenStore token_store(**db);
  accounts::SqlResetTokenStore reset_store(**db);
  auth::RefreshTokenService refresh_tokens(token_store);
  auth::ResetTokenService reset_tokens(reset_store);
  // Rate limits: in-process, or shared through Redis when REDIS_URL is set (falling
  // back to the in-process limiter, with a warning, while Redis is unreachable).
  // One Redis client (connection pool) serves the limiter and the answer cache.
  auth::MemoryRateLimiter local_limiter;
  std::unique_ptr<redis::Client> redis_client;
  std::unique_ptr<auth::RedisRateLimiter> redis_limiter;
  std::unique_ptr<auth::FailoverRateLimiter> shared_limiter;
  if (!config.redis_url.empty()) {
    auto endpoint = redis::parse_redis_url(config.redis_url);
    if (!endpoint) return fail(endpoint.status());
    redis_client = std::make_unique<redis::Client>(std::move(*endpoint));
    redis_limiter = std::make_unique<auth::RedisRateLimiter>(*redis_client);
    shared_limiter = std::make_unique<auth::FailoverRateLimiter>(*redis_limiter, local_limiter, logger);
    logger.info("rate limits shared through Redis");
  }
  auth::RateLimiter& limiter = shared_limiter ? static_cast<auth::RateLimiter&>(*shared_limiter) : local_limiter;
  accounts::UserService users(**db, *hasher, *policy, refresh_tokens);
  accounts::GroupService groups(**db);
  accounts::AuditLog audit(**db);
  accounts::RegistrationSettings registration(
      **db, accounts::parse_registration_mode(config.auth.registration).value_or(accounts::RegistrationMode::kClosed));
  std::unique_ptr<auth::CurlGlobal> curl;
  std::vector<auth::OidcProviderConfig> providers = oidc_providers(config.auth);
  if (!providers.empty() || !config.auth.smtp_url.empty()) curl = std::make_unique<auth::CurlGlobal>();
  // Plain http to a loopback provider only outside production (development, tests).
  auth::HttpFetchOptions fetch_options;
  fetch_options.allow_http_loopback = !config.production();
  accounts::SqlLoginStateStore login_states(**db);
  accounts::IdentityStore identities(**db);
  accounts::SignInCodes sign_in_codes(**db);
  accounts::Invitations invitations(**db);
  accounts::OidcSignInOptions oidc_options;
  oidc_options.link_verified_email = config.auth.oidc_link_verified_email;
  oidc_options.allow_http_loopback = fetch_options.allow_http_loopback;
  oidc_options.jwks_min_refresh = config.auth.oidc_jwks_refresh;
  accounts::OidcSignIn oidc(std::move(providers), oidc_options, login_states, identities, users, registration,
                            auth::make_http_fetcher(fetch_options),
                            [fetch_options](const std::string& url, const std::string& body) {
                              return auth::http_post_form(url, body, fetch_options);
                            });
  std::optional<auth::SmtpMailer> mailer;
  if (!config.auth.smtp_url.empty()) {
    auth::SmtpOptions smtp;
    smtp.url = config.auth.smtp_url;
    smtp.from = mail_from(config);
    auto created = auth::SmtpMailer::create(std::move(smtp));
    if (!created) return fail(created.status().with_context("SMTP_URL"));
    mailer.emplace(std::move(*created));
  }
  // Declared after every service its tasks use, so it is destroyed (drained) first.
  accounts::BackgroundTasks background;
  std::string frontend = config.frontend_url;
  while (!frontend.empty() && frontend.back() == '/') frontend.pop_back();
  api::AccountServices account_services{users,
                                        groups,
                                        audit,
                                        *access_tokens,
                                        refresh_tokens,
                                        reset_tokens,
                                        limiter,
                                        mailer ? &*mailer : nullptr,
                                        registration,
                                        frontend,
                                        background,
                                        logger,
                                        &oidc,
                                        config.auth.chat_rate_per_minute,
                                        &invitations};

  // Folder permissions: every library route and the search filter ask through it.
  library::Permissions permissions(**db);
  api::AccessScope access_scope(permissions, groups);

  // Answers: conversations, the pipeline over the index, the provider.
  auto answers = make_answer_services(config, **db, **index, embedder->get(), logger, redis_client.get());
  if (!answers) return fail(answers.status());

  http::Router router;
  http::HttpMetrics metrics;
  http::HealthChecks checks;
  add_readiness_checks(checks, **db, workers, config.jobs);
  add_answer_checks(checks, **index, embedder->get(), (*answers)->provider.get());
  if (redis_client) add_redis_check(checks, *redis_client);
  add_metrics_collectors(metrics, **db, queue, workers);
  add_index_metrics(metrics, **index);
  add_answer_cache_metrics(metrics, *(*answers)->pipeline);
  http::add_health_routes(router, checks);
  http::add_metrics_route(router, metrics);
  api::add_openapi_route(router);
  api::add_job_routes(router, api::JobRouteServices{queue, library, access_scope});
  api::add_folder_routes(router, library, access_scope);
  api::add_permission_routes(router, access_scope, account_services);
  api::add_category_routes(router, library);
  api::DocumentRouteOptions document_options;
  document_options.spool_dir = spool_dir;
  document_options.max_upload_bytes = config.http.max_upload_bytes;
  api::add_document_routes(router, library, queue, access_scope, document_options);
  api::add_faq_routes(router, library, access_scope, spool_dir, config.http.max_upload_bytes);
  api::add_auth_routes(router, account_services);
  api::add_oidc_routes(router, account_services, {oidc, sign_in_codes, config.auth.public_url});
  api::add_settings_routes(router, account_services);
  api::add_user_routes(router, account_services);
  api::add_group_routes(router, account_services);
  api::add_search_routes(router, **index);
  api::add_conversation_routes(router, *(*answers)->service);
  api::add_feedback_routes(router, *(*answers)->store);
  api::add_chat_completion_routes(router, *(*answers)->service);
  api::AdminRouteOptions admin_options;
  admin_options.can_vectorize = *embedder != nullptr;
  api::add_admin_routes(router, queue, admin_options);
  if (!config.http.static_dir.empty()) router.set_fallback(http::StaticFiles(config.http.static_dir));

  // Expired tokens, pending sign-ins, hand-off codes and invitations, swept hourly.
  accounts::Housekeeping housekeeping(
      {{"refresh_tokens", [&token_store](int64_t now) { return token_store.delete_expired(now); }},
       {"password_reset_tokens", [&reset_store](int64_t now) { return reset_store.delete_expired(now); }},
       {"login_states", [&login_states](int64_t now) { return login_states.delete_expired(now); }},
       {"sign_in_codes", [&sign_in_codes](int64_t now) { return sign_in_codes.delete_expired(now); }},
       {"invitations", [&invitations](int64_t now) { return invitations.delete_expired(now); }}},
      std::chrono::hours(1), logger);
  housekeeping.start();

  if (Status s = workers.start(); !s) return fail(s);
  (*index)->start();
  http::Server server(config.http, router, logger, metrics);
  server.use(api::authentication_middleware(*access_tokens, users, api::default_public_routes()));
  server.use(api::access_scope_middleware(access_scope));
  server.use(api::chat_rate_middleware(account_services));
  if (Status s = server.start(); !s) return fail(s);
  std::printf("sanad listening on http://%s:%u\n", config.http.bind_address.c_str(),
              static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  logger.info("listening", {{"address", config.http.bind_address},
                            {"port", static_cast<unsigned>(server.port())},
                            {"database", std::string(db::dialect_name((*db)->dialect()))},
                            {"mode", config.production() ? "production" : "development"}});

  server.run_until_signal();
  logger.info("http server stopped; stopping job workers");
  auto deadline = std::chrono::steady_clock::now() + config.http.shutdown_timeout;
  if (Status s = workers.stop(deadline); !s) logger.warn("job workers stop", {{"error", s.to_string()}});
  (*index)->stop();  // also writes the snapshot when anything changed
  logger.info("shutdown complete");
  return kExitOk;
}

}  // namespace sanad::cli
