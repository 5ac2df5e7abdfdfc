#pragma once
// Byte streams: the pull chain every image blob flows through (file range -> digest check ->
// decompression -> tar reader). A stream is used by one thread; a RandomAccessFile by many.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace customs {

// A pull source of bytes.
class InputStream {
 public:
  virtual ~InputStream() = default;
  // Reads up to n (> 0) bytes into buf. Returns 0 only at the end of the stream.
  virtual Result<size_t> read(char* buf, size_t n) = 0;
};

// A file opened for positional reads. read_at is safe to call from several threads at once.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  virtual uint64_t size() const = 0;
  // Reads up to n bytes at offset; returns fewer only at the end of the file.
  virtual Result<size_t> read_at(uint64_t offset, char* buf, size_t n) const = 0;
};

// [offset, offset + length) of `file` as a stream. A file that ends early is a kInvalidInput
// error naming `what` ("truncated: expected N bytes").
std::unique_ptr<InputStream> make_range_stream(std::shared_ptr<const RandomAccessFile> file, uint64_t offset,
                                               uint64_t length, std::string what);
std::unique_ptr<InputStream> make_string_stream(std::string bytes);
std::shared_ptr<const RandomAccessFile> make_string_file(std::string bytes);

// Passes bytes through and hashes them with SHA-256.
class Sha256Stream : public InputStream {
 public:
  explicit Sha256Stream(std::unique_ptr<InputStream> inner);
  ~Sha256Stream() override;
  Result<size_t> read(char* buf, size_t n) override;
  // "sha256:<64 hex>" of everything read so far; meaningful once read() returned 0.
  std::string digest() const;
  uint64_t bytes_read() const { return bytes_; }

 private:
  std::unique_ptr<InputStream> inner_;
  struct State;
  std::unique_ptr<State> state_;
  uint64_t bytes_ = 0;
};

// Checks the bytes of `inner` against `expected_digest` ("sha256:<hex>"; sha512 too) and, when
// expected_size >= 0, their count. The check happens at the end of the stream: the read that
// would return 0 returns a kInvalidInput error naming `what` instead when they differ, so a
// consumer that reads to the end never accepts wrong bytes. More bytes than expected_size fail
// as soon as they arrive. An unsupported or malformed digest fails on the first read.
std::unique_ptr<InputStream> make_verifying_stream(std::unique_ptr<InputStream> inner,
                                                   std::string expected_digest, int64_t expected_size,
                                                   std::string what);

// Reads the rest of `in`; kLimit when it holds more than max_bytes.
Result<std::string> read_all(InputStream& in, uint64_t max_bytes);
// Reads and discards the rest of `in`; returns the count.
Result<uint64_t> drain(InputStream& in);

// True when `digest` is "sha256:" + 64 lowercase hex digits (or sha512 with 128).
bool is_valid_digest(std::string_view digest);

}  // namespace customs
