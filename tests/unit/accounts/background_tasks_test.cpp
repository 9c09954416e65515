#include "accounts/background_tasks.h"

#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <vector>

namespace sanad::accounts {
namespace {

TEST(BackgroundTasks, RunsTasksInOrderAndDrainsOnDestruction) {
  std::vector<int> seen;
  std::mutex mutex;
  {
    BackgroundTasks tasks(16);
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE(tasks.post([&, i] {
        std::lock_guard lock(mutex);
        seen.push_back(i);
      }));
    }
  }  // the destructor runs what is queued
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(BackgroundTasks, RefusesWhenTheQueueIsFull) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  int ran = 0;
  {
    BackgroundTasks tasks(2);
    ASSERT_TRUE(tasks.post([&] {
      started.set_value();
      released.wait();
    }));
    started.get_future().wait();  // the worker holds the first task; the queue is empty
    EXPECT_TRUE(tasks.post([&] { ++ran; }));
    EXPECT_TRUE(tasks.post([&] { ++ran; }));
    EXPECT_FALSE(tasks.post([&] { ++ran; }));  // third queued task: refused at once
    release.set_value();
  }
  EXPECT_EQ(ran, 2);
}

}  // namespace
}  // namespace sanad::accounts
