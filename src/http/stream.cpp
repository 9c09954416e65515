#include "http/stream.h"

namespace sanad::http {

bool StreamChannel::push(std::string chunk) {
  std::function<void()> notify;
  {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return cancelled_ || closed_ || queue_.size() < capacity_; });
    if (cancelled_ || closed_) return false;
    queue_.push_back(std::move(chunk));
    if (consumer_waiting_) {
      consumer_waiting_ = false;
      notify = notify_;
    }
  }
  if (notify) notify();
  return true;
}

void StreamChannel::close() {
  std::function<void()> notify;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
    if (consumer_waiting_) {
      consumer_waiting_ = false;
      notify = notify_;
    }
  }
  space_.notify_all();
  if (notify) notify();
}

bool StreamChannel::cancelled() const {
  std::lock_guard lock(mutex_);
  return cancelled_;
}

void StreamChannel::set_notify(std::function<void()> notify) {
  std::lock_guard lock(mutex_);
  notify_ = std::move(notify);
}

StreamChannel::Pop StreamChannel::try_pop(std::string& out) {
  out.clear();
  {
    std::lock_guard lock(mutex_);
    if (queue_.empty()) {
      if (closed_) return Pop::kEnd;
      consumer_waiting_ = true;
      return Pop::kEmpty;
    }
    while (!queue_.empty()) {
      out += queue_.front();
      queue_.pop_front();
    }
  }
  space_.notify_all();
  return Pop::kData;
}

void StreamChannel::cancel() {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    queue_.clear();
    notify_ = nullptr;
  }
  space_.notify_all();
}

std::string SseWriter::format(std::string_view name, std::string_view data, std::string_view id) {
  std::string out;
  out.reserve(data.size() + name.size() + 32);
  if (!id.empty()) {
    out += "id: ";
    out += id;
    out += '\n';
  }
  if (!name.empty()) {
    out += "event: ";
    out += name;
    out += '\n';
  }
  size_t pos = 0;
  while (true) {
    size_t nl = data.find('\n', pos);
    std::string_view line = data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += "data: ";
    out += line;
    out += '\n';
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  out += '\n';
  return out;
}

bool SseWriter::event(std::string_view name, std::string_view data, std::string_view id) {
  return channel_.push(format(name, data, id));
}

bool SseWriter::comment(std::string_view text) {
  std::string line = ": ";
  line += text;
  line += "\n\n";
  return channel_.push(std::move(line));
}

}  // namespace sanad::http
