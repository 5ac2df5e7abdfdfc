#include "io/prefetch_stream.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace customs {
namespace {

class PrefetchingStream : public InputStream {
 public:
  PrefetchingStream(std::unique_ptr<InputStream> inner, size_t chunk_size, size_t max_chunks)
      : inner_(std::move(inner)),
        chunk_size_(std::max<size_t>(chunk_size, 1)),
        max_chunks_(std::max<size_t>(max_chunks, 1)) {
    thread_ = std::thread([this] { produce(); });
  }

  ~PrefetchingStream() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    space_.notify_all();
    thread_.join();
  }

  PrefetchingStream(const PrefetchingStream&) = delete;
  PrefetchingStream& operator=(const PrefetchingStream&) = delete;

  Result<size_t> read(char* buf, size_t n) override {
    std::unique_lock<std::mutex> lock(mu_);
    data_.wait(lock, [this] { return !ready_.empty() || finished_; });
    if (ready_.empty()) {
      if (error_) return *error_;
      return size_t{0};
    }
    Chunk& c = ready_.front();
    size_t k = std::min(n, c.size - pos_);
    std::memcpy(buf, c.bytes.data() + pos_, k);
    pos_ += k;
    if (pos_ == c.size) {
      free_.push_back(std::move(c));
      ready_.pop_front();
      pos_ = 0;
      lock.unlock();
      space_.notify_one();
    }
    return k;
  }

 private:
  struct Chunk {
    std::vector<char> bytes;
    size_t size = 0;  // bytes of `bytes` that hold data
  };

  // The read-ahead thread: fills chunks until the end, an error or stop.
  void produce() {
    for (;;) {
      Chunk chunk = take_free_chunk();
      if (stop_requested()) return;
      std::optional<Error> error;
      bool at_end = false;
      while (chunk.size < chunk_size_) {
        auto r = inner_->read(chunk.bytes.data() + chunk.size, chunk_size_ - chunk.size);
        if (!r.ok()) {
          error = r.error();
          break;
        }
        if (*r == 0) {
          at_end = true;
          break;
        }
        chunk.size += *r;
      }
      if (!publish(std::move(chunk), std::move(error), at_end)) return;
    }
  }

  // A recycled chunk, or a new one while fewer than max_chunks exist; waits for the reader to
  // free one otherwise. An empty chunk comes back when stop was asked.
  Chunk take_free_chunk() {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [this] { return stop_ || !free_.empty() || allocated_ < max_chunks_; });
    if (stop_) return {};
    if (!free_.empty()) {
      Chunk c = std::move(free_.back());
      free_.pop_back();
      c.size = 0;
      return c;
    }
    ++allocated_;
    lock.unlock();
    Chunk c;
    c.bytes.resize(chunk_size_);
    return c;
  }

  bool stop_requested() {
    std::lock_guard<std::mutex> lock(mu_);
    return stop_;
  }

  // Hands a filled chunk to the reader; false when the thread is done (end, error or stop).
  bool publish(Chunk chunk, std::optional<Error> error, bool at_end) {
    const bool more = !error && !at_end;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (chunk.size > 0) ready_.push_back(std::move(chunk));
      if (error || at_end) {
        error_ = std::move(error);
        finished_ = true;
      }
    }
    data_.notify_one();
    return more;
  }

  std::unique_ptr<InputStream> inner_;
  const size_t chunk_size_;
  const size_t max_chunks_;
  std::mutex mu_;
  std::condition_variable data_;   // the reader waits for a ready chunk or the end
  std::condition_variable space_;  // the thread waits for a free chunk or stop
  std::deque<Chunk> ready_;
  std::vector<Chunk> free_;
  size_t allocated_ = 0;
  size_t pos_ = 0;  // read offset in ready_.front()
  bool finished_ = false;
  bool stop_ = false;
  std::optional<Error> error_;
  std::thread thread_;  // last: started once every member above exists
};

}  // namespace

std::unique_ptr<InputStream> make_prefetching_stream(std::unique_ptr<InputStream> inner, size_t chunk_size,
                                                     size_t max_chunks) {
  return std::make_unique<PrefetchingStream>(std::move(inner), chunk_size, max_chunks);
}

}  // namespace customs
