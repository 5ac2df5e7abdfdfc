#include "io/prefetch_stream.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "chunked_stream.h"

namespace customs {
namespace {

using testing::ChunkedStream;

std::string pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
  return s;
}

// Reads everything, `read_size` bytes at a time; the error message when a read fails.
std::string read_everything(InputStream& in, size_t read_size, std::string* error = nullptr) {
  std::string out;
  std::string buf(read_size, '\0');
  for (;;) {
    auto r = in.read(buf.data(), buf.size());
    if (!r.ok()) {
      if (error) *error = r.error().message;
      return out;
    }
    if (*r == 0) return out;
    out.append(buf.data(), *r);
  }
}

TEST(PrefetchingStream, HandsOutEveryByteInOrderWhateverTheChunkAndReadSizes) {
  const std::string bytes = pattern(20'011);
  for (size_t inner_chunk : {1u, 977u, 65'536u}) {
    for (size_t chunk_size : {1u, 4096u, 1u << 20}) {
      for (size_t read_size : {3u, 8192u}) {
        auto s = make_prefetching_stream(std::make_unique<ChunkedStream>(bytes, inner_chunk), chunk_size, 2);
        EXPECT_EQ(read_everything(*s, read_size), bytes)
            << "inner " << inner_chunk << " chunk " << chunk_size << " read " << read_size;
      }
    }
  }
}

TEST(PrefetchingStream, EmptyInnerGivesTheEndAtOnceAndAgain) {
  auto s = make_prefetching_stream(make_string_stream(""));
  char c;
  EXPECT_EQ(*s->read(&c, 1), 0u);
  EXPECT_EQ(*s->read(&c, 1), 0u);
}

// Gives `good` bytes, then fails.
class FailingStream : public InputStream {
 public:
  explicit FailingStream(std::string good) : good_(std::move(good)) {}
  Result<size_t> read(char* buf, size_t n) override {
    if (pos_ == good_.size()) return make_error(ErrorKind::kInvalidInput, "layer: truncated gzip stream");
    size_t k = std::min(n, good_.size() - pos_);
    std::copy_n(good_.data() + pos_, k, buf);
    pos_ += k;
    return k;
  }

 private:
  std::string good_;
  size_t pos_ = 0;
};

TEST(PrefetchingStream, ErrorComesAfterTheBytesBeforeItAndStays) {
  const std::string good = pattern(10'000);
  auto s = make_prefetching_stream(std::make_unique<FailingStream>(good), 4096, 2);
  std::string error;
  EXPECT_EQ(read_everything(*s, 1000, &error), good);
  EXPECT_EQ(error, "layer: truncated gzip stream");
  char c;
  auto again = s->read(&c, 1);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::kInvalidInput);
}

// Never ends; counts the bytes handed out.
class EndlessStream : public InputStream {
 public:
  explicit EndlessStream(std::atomic<size_t>* produced) : produced_(produced) {}
  Result<size_t> read(char* buf, size_t n) override {
    std::fill_n(buf, n, 'x');
    *produced_ += n;
    return n;
  }

 private:
  std::atomic<size_t>* produced_;
};

TEST(PrefetchingStream, ReadAheadIsBoundedAndDestroyingStopsIt) {
  std::atomic<size_t> produced{0};
  {
    auto s = make_prefetching_stream(std::make_unique<EndlessStream>(&produced), 1000, 3);
    char buf[10];
    ASSERT_EQ(*s->read(buf, sizeof buf), 10u);
    // However long the reader waits, at most max_chunks chunks are filled ahead (plus the one
    // being filled when the limit is reached).
    for (int i = 0; i < 50 && produced < 3000; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_LE(produced.load(), 4000u);
  }  // the destructor returns: the thread stopped although the stream never ends
  size_t after = produced.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(produced.load(), after);
}

}  // namespace
}  // namespace customs
