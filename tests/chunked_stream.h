#pragma once
// A test InputStream that hands out its bytes at most `chunk` at a time, so that readers and
// decoders see their input split anywhere.
#include <algorithm>
#include <cstring>
#include <string>

#include "io/stream.h"

namespace customs::testing {

class ChunkedStream : public InputStream {
 public:
  ChunkedStream(std::string bytes, size_t chunk) : bytes_(std::move(bytes)), chunk_(chunk) {}
  Result<size_t> read(char* buf, size_t n) override {
    size_t k = std::min({n, chunk_, bytes_.size() - pos_});
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string bytes_;
  size_t chunk_;
  size_t pos_ = 0;
};

}  // namespace customs::testing
