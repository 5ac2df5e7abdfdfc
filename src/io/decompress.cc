#include "io/decompress.h"

#include <isa-l.h>
#include <zstd.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <vector>

namespace customs {

namespace {

constexpr size_t kInputBuffer = size_t{256} << 10;

// Compressed bytes: a window over the source, with the offset of its first byte, so errors can
// say where in the blob they happened.
struct Source {
  std::unique_ptr<InputStream> stream;
  std::unique_ptr<uint8_t[]> buf = std::make_unique_for_overwrite<uint8_t[]>(kInputBuffer);
  size_t pos = 0;
  size_t end = 0;
  uint64_t base = 0;  // offset of buf[0] in the compressed stream
  bool eof = false;

  size_t avail() const { return end - pos; }
  uint8_t* data() { return buf.get() + pos; }
  uint64_t offset() const { return base + pos; }

  // Keeps the unconsumed bytes and reads once more after them; sets eof at the end of the source.
  Status fill() {
    if (pos > 0) {
      std::memmove(buf.get(), buf.get() + pos, avail());
      base += pos;
      end -= pos;
      pos = 0;
    }
    if (eof || end == kInputBuffer) return ok_status();
    auto got = stream->read(reinterpret_cast<char*>(buf.get() + end), kInputBuffer - end);
    if (!got.ok()) return got.error();
    if (*got == 0) eof = true;
    end += *got;
    return ok_status();
  }
  // Reads until n bytes are available or the source ends.
  Status fill_to(size_t n) {
    while (avail() < n && !eof) {
      Status s = fill();
      if (!s.ok()) return s;
    }
    return ok_status();
  }
};

// The shared part of every decoder: the source, the output count and its bounds, sticky errors.
class Decoder : public InputStream {
 public:
  Decoder(Source src, std::string what, DecompressLimits limits)
      : src_(std::move(src)), what_(std::move(what)), limits_(limits) {}

  Result<size_t> read(char* buf, size_t n) final {
    if (failed_) return *failed_;
    auto got = decode(buf, n);
    if (got.ok()) {
      out_ += *got;
      Status s = check_limits();
      if (!s.ok()) got = s.error();
    }
    if (!got.ok()) failed_ = std::make_unique<Error>(got.error());
    return got;
  }

 protected:
  // Writes up to n (> 0) bytes of output; 0 only at a clean end of the compressed stream.
  virtual Result<size_t> decode(char* buf, size_t n) = 0;

  Error corrupt(std::string_view format, const std::string& problem) const {
    return make_error(ErrorKind::kInvalidInput, what_ + ": corrupt " + std::string(format) +
                                                    " data: " + problem + " (near compressed byte " +
                                                    std::to_string(src_.offset()) + ")");
  }
  Error truncated(std::string_view format) const {
    return make_error(ErrorKind::kInvalidInput, what_ + ": truncated " + std::string(format) +
                                                    " data: input ends at compressed byte " +
                                                    std::to_string(src_.offset()) + " inside a " +
                                                    (format == "zstd" ? "frame" : "member"));
  }

  Source src_;

 private:
  // max_output bounds the total; past ratio_grace, output may not exceed consumed input *
  // max_ratio (0 disables the ratio bound). Consumed, not read: the read-ahead buffer must not
  // buy extra output.
  Status check_limits() const {
    if (out_ > limits_.max_output)
      return make_error(ErrorKind::kLimit, what_ + ": decompressed size is over the limit of " +
                                               std::to_string(limits_.max_output) + " bytes");
    uint64_t in = std::max<uint64_t>(src_.offset(), 1);
    if (limits_.max_ratio > 0 && out_ > limits_.ratio_grace && out_ / limits_.max_ratio >= in)
      return make_error(ErrorKind::kLimit, what_ + ": expansion ratio is over the limit of " +
                                               std::to_string(limits_.max_ratio) + ":1 (" +
                                               std::to_string(out_) + " bytes from " + std::to_string(in) +
                                               " compressed bytes)");
    return ok_status();
  }

  std::string what_;
  DecompressLimits limits_;
  uint64_t out_ = 0;
  std::unique_ptr<Error> failed_;
};

// Bytes as they are (after the ones read ahead for detection).
class Passthrough : public Decoder {
 public:
  using Decoder::Decoder;

 protected:
  Result<size_t> decode(char* buf, size_t n) override {
    if (src_.avail() == 0) {
      if (src_.eof) return size_t{0};
      auto got = src_.stream->read(buf, n);
      if (got.ok()) src_.base += *got;
      return got;
    }
    size_t k = std::min(n, src_.avail());
    std::memcpy(buf, src_.data(), k);
    src_.pos += k;
    return k;
  }
};

struct IsalProblem {
  int code;
  const char* text;
};
constexpr IsalProblem kIsalProblems[] = {
    {ISAL_INVALID_BLOCK, "invalid deflate block"},
    {ISAL_INVALID_SYMBOL, "invalid deflate symbol"},
    {ISAL_INVALID_LOOKBACK, "back-reference before the start of the data"},
    {ISAL_INVALID_WRAPPER, "invalid gzip header"},
    {ISAL_UNSUPPORTED_METHOD, "unsupported compression method"},
    {ISAL_INCORRECT_CHECKSUM, "CRC-32 or length check of the member failed"},
    {ISAL_NEED_DICT, "needs a preset dictionary"},
};

std::string isal_problem(int code) {
  for (const auto& p : kIsalProblems)
    if (p.code == code) return p.text;
  return "ISA-L error " + std::to_string(code);
}

// gzip with ISA-L igzip, which checks each member's header, CRC-32 and ISIZE. Like `gzip -d`:
// concatenated members are decoded one after the other and zero bytes after the last member
// are ignored (tar tools pad with them). Unlike `gzip -d`, which only warns, any other trailing
// bytes are an error, as in Go's gzip reader (containerd, Docker): a scanner must not skip bytes
// that might hide data.
class GzipDecoder : public Decoder {
 public:
  GzipDecoder(Source src, std::string what, DecompressLimits limits)
      : Decoder(std::move(src), std::move(what), limits), state_(std::make_unique<inflate_state>()) {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;
  }

 protected:
  Result<size_t> decode(char* buf, size_t n) override {
    for (;;) {
      if (phase_ == kDone) return size_t{0};
      if (phase_ == kBetween) {
        Status s = next_member();
        if (!s.ok()) return s.error();
        continue;
      }
      auto got = inflate(buf, n);
      if (!got.ok() || *got > 0) return got;
    }
  }

 private:
  enum Phase { kMember, kBetween, kDone };

  // One isal_inflate call; 0 bytes of output means "call again".
  Result<size_t> inflate(char* buf, size_t n) {
    if (src_.avail() == 0 && !src_.eof) {
      Status s = src_.fill();
      if (!s.ok()) return s.error();
    }
    inflate_state& st = *state_;
    st.next_in = src_.data();
    st.avail_in = static_cast<uint32_t>(src_.avail());
    st.next_out = reinterpret_cast<uint8_t*>(buf);
    st.avail_out = static_cast<uint32_t>(std::min<size_t>(n, UINT32_MAX));
    int ret = isal_inflate(&st);
    size_t consumed = static_cast<size_t>(st.next_in - src_.data());
    size_t produced = static_cast<size_t>(st.next_out - reinterpret_cast<uint8_t*>(buf));
    src_.pos += consumed;
    if (ret < 0 || ret > ISAL_OUT_OVERFLOW) return corrupt("gzip", isal_problem(ret));
    if (st.block_state == ISAL_BLOCK_FINISH) phase_ = kBetween;
    if (produced > 0 || consumed > 0 || phase_ == kBetween) return produced;
    // No progress: the member needs more input than there is.
    if (src_.eof) return truncated("gzip");
    Status s = src_.fill();
    if (!s.ok()) return s.error();
    if (src_.avail() == kInputBuffer && !src_.eof) return corrupt("gzip", "decoder made no progress");
    return size_t{0};
  }

  // After a member: the end, another member, zero padding, or garbage.
  Status next_member() {
    Status s = src_.fill_to(2);
    if (!s.ok()) return s;
    if (src_.avail() == 0) {
      phase_ = kDone;
      return ok_status();
    }
    const uint8_t* p = src_.data();
    if (p[0] == 0) return skip_zero_padding();
    if (p[0] == 0x1f && src_.avail() == 1) return truncated("gzip");
    if (p[0] != 0x1f || p[1] != 0x8b) return corrupt("gzip", "trailing bytes after the last gzip member");
    isal_inflate_reset(state_.get());
    state_->crc_flag = ISAL_GZIP;
    phase_ = kMember;
    return ok_status();
  }

  Status skip_zero_padding() {
    for (;;) {
      const uint8_t* p = src_.data();
      const uint8_t* nz = std::find_if(p, p + src_.avail(), [](uint8_t c) { return c != 0; });
      src_.pos += static_cast<size_t>(nz - p);
      if (src_.avail() > 0)
        return corrupt("gzip", "trailing bytes after the zero padding of the last gzip member");
      if (src_.eof) {
        phase_ = kDone;
        return ok_status();
      }
      Status s = src_.fill();
      if (!s.ok()) return s;
    }
  }

  std::unique_ptr<inflate_state> state_;
  Phase phase_ = kMember;
};

// zstd: one or more frames (skippable frames included), as `zstd -d` reads them. The window is
// bounded by zstd's default (128 MiB), which bounds memory.
class ZstdDecoder : public Decoder {
 public:
  ZstdDecoder(Source src, std::string what, DecompressLimits limits)
      : Decoder(std::move(src), std::move(what), limits), dctx_(ZSTD_createDCtx()) {}
  ~ZstdDecoder() override { ZSTD_freeDCtx(dctx_); }

 protected:
  Result<size_t> decode(char* buf, size_t n) override {
    for (;;) {
      if (src_.avail() == 0 && !src_.eof) {
        Status s = src_.fill();
        if (!s.ok()) return s.error();
      }
      if (src_.avail() == 0 && src_.eof && at_boundary_) return size_t{0};
      ZSTD_inBuffer in{src_.data(), src_.avail(), 0};
      ZSTD_outBuffer out{buf, n, 0};
      size_t r = ZSTD_decompressStream(dctx_, &out, &in);
      src_.pos += in.pos;
      if (ZSTD_isError(r)) return corrupt("zstd", ZSTD_getErrorName(r));
      at_boundary_ = r == 0;
      if (out.pos > 0) return out.pos;
      if (in.pos > 0 || (at_boundary_ && src_.avail() == 0)) continue;
      // No progress: the frame needs more input than there is.
      if (src_.eof) return truncated("zstd");
      Status s = src_.fill();
      if (!s.ok()) return s.error();
      if (src_.avail() == kInputBuffer && !src_.eof) return corrupt("zstd", "decoder made no progress");
    }
  }

 private:
  ZSTD_DCtx* dctx_;
  bool at_boundary_ = false;  // false until a frame ends: empty input is truncated
};

std::unique_ptr<InputStream> make_decoder(Source src, Compression kind, std::string what,
                                          DecompressLimits limits) {
  switch (kind) {
    case Compression::kGzip: return std::make_unique<GzipDecoder>(std::move(src), std::move(what), limits);
    case Compression::kZstd: return std::make_unique<ZstdDecoder>(std::move(src), std::move(what), limits);
    case Compression::kNone: break;
  }
  return std::make_unique<Passthrough>(std::move(src), std::move(what), limits);
}

// A stream that fails every read with `error` (detection could not read the first bytes).
class FailedStream : public InputStream {
 public:
  explicit FailedStream(Error e) : error_(std::move(e)) {}
  Result<size_t> read(char*, size_t) override { return error_; }

 private:
  Error error_;
};

}  // namespace

std::string_view to_string(Compression c) {
  switch (c) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kNone: break;
  }
  return "none";
}

Compression detect_compression(std::string_view b) {
  if (b.size() >= 2 && b[0] == '\x1f' && b[1] == '\x8b') return Compression::kGzip;
  if (b.size() >= 4 && b.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4)) return Compression::kZstd;
  return Compression::kNone;
}

std::unique_ptr<InputStream> make_decompressing_stream(std::unique_ptr<InputStream> compressed,
                                                       std::string what, DecompressLimits limits) {
  Source src;
  src.stream = std::move(compressed);
  Status s = src.fill_to(4);
  if (!s.ok()) return std::make_unique<FailedStream>(s.error());
  std::string_view head(reinterpret_cast<const char*>(src.data()), src.avail());
  Compression kind = detect_compression(head);
  return make_decoder(std::move(src), kind, std::move(what), limits);
}

std::unique_ptr<InputStream> make_decompressing_stream(std::unique_ptr<InputStream> compressed,
                                                       Compression kind, std::string what,
                                                       DecompressLimits limits) {
  Source src;
  src.stream = std::move(compressed);
  return make_decoder(std::move(src), kind, std::move(what), limits);
}

}  // namespace customs
