// libFuzzer target: any bytes through make_decompressing_stream (detected kind) and drained must
// never crash, hang or exceed the limits; failures are kInvalidInput or kLimit naming the blob.
// Each input is decoded twice, once whole and once one byte per read: the outcome must not
// depend on how the source splits its bytes (except for the ratio bound, which is checked
// against the input consumed so far and so may trip earlier when input arrives byte by byte).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "io/decompress.h"

namespace {

class OneByteStream : public customs::InputStream {
 public:
  explicit OneByteStream(std::string bytes) : bytes_(std::move(bytes)) {}
  customs::Result<size_t> read(char* buf, size_t n) override {
    if (pos_ == bytes_.size()) return size_t{0};
    buf[0] = bytes_[pos_++];
    return size_t{1};
  }

 private:
  std::string bytes_;
  size_t pos_ = 0;
};

constexpr customs::DecompressLimits kLimits{uint64_t{4} << 20, 100, uint64_t{256} << 10};

customs::Result<uint64_t> run(std::unique_ptr<customs::InputStream> in) {
  auto s = customs::make_decompressing_stream(std::move(in), "fuzz blob", kLimits);
  return customs::drain(*s);
}

void check(const customs::Result<uint64_t>& r) {
  if (r.ok()) {
    if (*r > kLimits.max_output) __builtin_trap();
    return;
  }
  const customs::Error& e = r.error();
  if (e.kind != customs::ErrorKind::kInvalidInput && e.kind != customs::ErrorKind::kLimit) __builtin_trap();
  if (e.message.rfind("fuzz blob: ", 0) != 0) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto whole = run(customs::make_string_stream(bytes));
  check(whole);
  if (customs::detect_compression(bytes) == customs::Compression::kNone && whole.ok() && *whole != size)
    __builtin_trap();
  auto split = run(std::make_unique<OneByteStream>(bytes));
  check(split);
  bool limited = (!whole.ok() && whole.error().kind == customs::ErrorKind::kLimit) ||
                 (!split.ok() && split.error().kind == customs::ErrorKind::kLimit);
  if (limited) return 0;
  if (whole.ok() != split.ok()) __builtin_trap();
  if (whole.ok() && *whole != *split) __builtin_trap();
  if (!whole.ok() && whole.error().kind != split.error().kind) __builtin_trap();
  return 0;
}
