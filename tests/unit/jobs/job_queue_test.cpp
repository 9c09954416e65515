#include "jobs/job_queue.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "jobs_test_support.h"

namespace sanad::jobs {
namespace {

using testing::JobsTest;

class JobQueueTest : public JobsTest {};

TEST_P(JobQueueTest, EnqueueStoresAQueuedJob) {
  auto id = queue_->enqueue({"document.ingest", R"({"document_id":"d1"})", 0, 0});
  ASSERT_TRUE(id.is_ok()) << id.status().to_string();
  Job job = get(*id);
  EXPECT_EQ(job.id, *id);
  EXPECT_EQ(job.type, "document.ingest");
  EXPECT_EQ(job.payload, R"({"document_id":"d1"})");
  EXPECT_EQ(job.state, JobState::kQueued);
  EXPECT_EQ(job.attempts, 0);
  EXPECT_EQ(job.max_attempts, 3);  // from the config
  EXPECT_LE(job.run_after, core::now_ms());
  EXPECT_FALSE(job.lease_owner.has_value());
  EXPECT_FALSE(job.finished_at.has_value());
  EXPECT_EQ(queue_->get("nope").status().code(), ErrorCode::kNotFound);
}

TEST_P(JobQueueTest, EnqueueRejectsBadSpecs) {
  EXPECT_EQ(queue_->enqueue({"", "{}", 0, 0}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(queue_->enqueue({"x", "{not json", 0, 0}).status().code(), ErrorCode::kInvalidArgument);
}

TEST_P(JobQueueTest, CancelQueuedIsImmediateAndIdempotent) {
  auto id = queue_->enqueue({"later", "{}", 0, core::now_ms() + 3600000});
  ASSERT_TRUE(id.is_ok());
  ASSERT_TRUE(queue_->cancel(*id).is_ok());
  Job job = get(*id);
  EXPECT_EQ(job.state, JobState::kCancelled);
  EXPECT_TRUE(job.finished_at.has_value());
  EXPECT_TRUE(queue_->cancel(*id).is_ok());
  EXPECT_EQ(queue_->cancel("missing").code(), ErrorCode::kNotFound);
}

TEST_P(JobQueueTest, CountsAndListsByStateAndType) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(queue_->enqueue({"a", "{}", 0, 0}).is_ok());
  // Order within one millisecond is unspecified: make `b` strictly newer.
  int64_t last_a = core::now_ms();
  ASSERT_TRUE(testing::eventually([&] { return core::now_ms() > last_a; }));
  auto b = queue_->enqueue({"b", "{}", 0, 0});
  ASSERT_TRUE(b.is_ok());
  ASSERT_TRUE(queue_->cancel(*b).is_ok());

  auto counts = queue_->counts_by_state();
  ASSERT_TRUE(counts.is_ok()) << counts.status().to_string();
  EXPECT_EQ(counts->at("queued"), 3);
  EXPECT_EQ(counts->at("cancelled"), 1);
  EXPECT_EQ(counts->at("running"), 0);
  EXPECT_EQ(counts->size(), 5u);

  auto all = queue_->list();
  ASSERT_TRUE(all.is_ok());
  EXPECT_EQ(all->size(), 4u);
  EXPECT_EQ(all->front().id, *b);  // newest first
  JobFilter by_type;
  by_type.type = "a";
  EXPECT_EQ(queue_->list(by_type)->size(), 3u);
  JobFilter by_state;
  by_state.state = JobState::kCancelled;
  auto cancelled = queue_->list(by_state);
  ASSERT_EQ(cancelled->size(), 1u);
  EXPECT_EQ(cancelled->front().type, "b");
  JobFilter limited;
  limited.limit = 2;
  EXPECT_EQ(queue_->list(limited)->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobQueueTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);

}  // namespace
}  // namespace sanad::jobs
