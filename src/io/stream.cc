#include "io/stream.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace customs {

namespace {

constexpr size_t kChunk = size_t{256} << 10;

Error invalid(const std::string& what, const std::string& message) {
  return make_error(ErrorKind::kInvalidInput, what + ": " + message);
}

// An owned byte string as a stream.
class StringStream : public InputStream {
 public:
  explicit StringStream(std::string bytes) : bytes_(std::move(bytes)) {}
  Result<size_t> read(char* buf, size_t n) override {
    size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string bytes_;
  size_t pos_ = 0;
};

class StringFile : public RandomAccessFile {
 public:
  explicit StringFile(std::string bytes) : bytes_(std::move(bytes)) {}
  uint64_t size() const override { return bytes_.size(); }
  Result<size_t> read_at(uint64_t offset, char* buf, size_t n) const override {
    if (offset >= bytes_.size()) return size_t{0};
    size_t k = std::min<uint64_t>(n, bytes_.size() - offset);
    std::memcpy(buf, bytes_.data() + offset, k);
    return k;
  }

 private:
  const std::string bytes_;
};

// [offset, offset + length) of a file, read with positional reads straight into the caller's buffer.
class RangeStream : public InputStream {
 public:
  RangeStream(std::shared_ptr<const RandomAccessFile> file, uint64_t offset, uint64_t length,
              std::string what)
      : file_(std::move(file)), offset_(offset), length_(length), what_(std::move(what)) {}

  Result<size_t> read(char* buf, size_t n) override {
    if (done_ == length_) return size_t{0};
    size_t want = static_cast<size_t>(std::min<uint64_t>(n, length_ - done_));
    auto got = file_->read_at(offset_ + done_, buf, want);
    if (!got.ok()) return got.error();
    if (*got == 0)
      return invalid(
          what_, "truncated: expected " + std::to_string(length_) + " bytes, got " + std::to_string(done_));
    done_ += *got;
    return *got;
  }

 private:
  std::shared_ptr<const RandomAccessFile> file_;
  uint64_t offset_;
  uint64_t length_;
  uint64_t done_ = 0;
  std::string what_;
};

std::string hex(const unsigned char* p, size_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kHex[p[i] >> 4]);
    out.push_back(kHex[p[i] & 15]);
  }
  return out;
}

// The algorithms a digest may name: prefix, EVP message digest, hex length.
struct DigestAlgorithm {
  std::string_view prefix;
  const EVP_MD* (*md)();
  size_t hex_len;
};
constexpr DigestAlgorithm kAlgorithms[] = {
    {"sha256:", EVP_sha256, 64},
    {"sha512:", EVP_sha512, 128},
};

const DigestAlgorithm* algorithm_of(std::string_view digest) {
  for (const auto& a : kAlgorithms) {
    if (digest.substr(0, a.prefix.size()) != a.prefix) continue;
    std::string_view h = digest.substr(a.prefix.size());
    if (h.size() != a.hex_len) return nullptr;
    bool lower_hex = std::all_of(h.begin(), h.end(),
                                 [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    return lower_hex ? &a : nullptr;
  }
  return nullptr;
}

// An EVP digest context with RAII; finish() works on a copy so hashing may continue.
class Hasher {
 public:
  explicit Hasher(const DigestAlgorithm& a) : alg_(a), ctx_(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(ctx_, a.md(), nullptr);
  }
  ~Hasher() { EVP_MD_CTX_free(ctx_); }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void update(const char* p, size_t n) { EVP_DigestUpdate(ctx_, p, n); }
  std::string finish() const {
    EVP_MD_CTX* copy = EVP_MD_CTX_new();
    EVP_MD_CTX_copy_ex(copy, ctx_);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(copy, md, &len);
    EVP_MD_CTX_free(copy);
    return std::string(alg_.prefix) + hex(md, len);
  }

 private:
  const DigestAlgorithm& alg_;
  EVP_MD_CTX* ctx_;
};

// Counts and hashes the bytes of `inner`; the end of the stream is reported only when both the
// count and the digest match.
class VerifyingStream : public InputStream {
 public:
  VerifyingStream(std::unique_ptr<InputStream> inner, std::string expected, int64_t expected_size,
                  std::string what)
      : inner_(std::move(inner)),
        expected_(std::move(expected)),
        expected_size_(expected_size),
        what_(std::move(what)) {
    if (const DigestAlgorithm* a = algorithm_of(expected_)) hasher_ = std::make_unique<Hasher>(*a);
  }

  // Errors are sticky: once a read failed, every later read fails the same way.
  Result<size_t> read(char* buf, size_t n) override {
    if (failed_) return *failed_;
    auto got = step(buf, n);
    if (!got.ok()) failed_ = std::make_unique<Error>(got.error());
    return got;
  }

 private:
  Result<size_t> step(char* buf, size_t n) {
    if (!hasher_) return invalid(what_, "unsupported or malformed digest \"" + expected_ + "\"");
    auto got = inner_->read(buf, n);
    if (!got.ok()) return got;
    if (*got == 0) return finish();
    count_ += *got;
    if (expected_size_ >= 0 && count_ > static_cast<uint64_t>(expected_size_))
      return invalid(
          what_, "size mismatch: expected " + std::to_string(expected_size_) + " bytes, got more than that");
    hasher_->update(buf, *got);
    return got;
  }

  Result<size_t> finish() {
    if (expected_size_ >= 0 && count_ != static_cast<uint64_t>(expected_size_))
      return invalid(what_, "size mismatch: expected " + std::to_string(expected_size_) + " bytes, got " +
                                std::to_string(count_));
    std::string actual = hasher_->finish();
    if (actual != expected_)
      return invalid(what_, "digest mismatch: expected " + expected_ + ", got " + actual);
    return size_t{0};
  }

  std::unique_ptr<InputStream> inner_;
  std::string expected_;
  int64_t expected_size_;
  std::string what_;
  std::unique_ptr<Hasher> hasher_;
  uint64_t count_ = 0;
  std::unique_ptr<Error> failed_;
};

}  // namespace

struct Sha256Stream::State {
  Hasher hasher{kAlgorithms[0]};
};

Sha256Stream::Sha256Stream(std::unique_ptr<InputStream> inner)
    : inner_(std::move(inner)), state_(std::make_unique<State>()) {}

Sha256Stream::~Sha256Stream() = default;

Result<size_t> Sha256Stream::read(char* buf, size_t n) {
  auto got = inner_->read(buf, n);
  if (got.ok() && *got > 0) {
    state_->hasher.update(buf, *got);
    bytes_ += *got;
  }
  return got;
}

std::string Sha256Stream::digest() const { return state_->hasher.finish(); }

std::unique_ptr<InputStream> make_range_stream(std::shared_ptr<const RandomAccessFile> file, uint64_t offset,
                                               uint64_t length, std::string what) {
  return std::make_unique<RangeStream>(std::move(file), offset, length, std::move(what));
}

std::unique_ptr<InputStream> make_string_stream(std::string bytes) {
  return std::make_unique<StringStream>(std::move(bytes));
}

std::shared_ptr<const RandomAccessFile> make_string_file(std::string bytes) {
  return std::make_shared<StringFile>(std::move(bytes));
}

std::unique_ptr<InputStream> make_verifying_stream(std::unique_ptr<InputStream> inner,
                                                   std::string expected_digest, int64_t expected_size,
                                                   std::string what) {
  return std::make_unique<VerifyingStream>(std::move(inner), std::move(expected_digest), expected_size,
                                           std::move(what));
}

Result<std::string> read_all(InputStream& in, uint64_t max_bytes) {
  std::string out;
  auto buf = std::make_unique_for_overwrite<char[]>(kChunk);
  for (;;) {
    auto got = in.read(buf.get(), kChunk);
    if (!got.ok()) return got.error();
    if (*got == 0) return out;
    if (out.size() + *got > max_bytes)
      return make_error(ErrorKind::kLimit,
                        "stream is over the limit of " + std::to_string(max_bytes) + " bytes");
    out.append(buf.get(), *got);
  }
}

Result<uint64_t> drain(InputStream& in) {
  uint64_t total = 0;
  auto buf = std::make_unique_for_overwrite<char[]>(kChunk);
  for (;;) {
    auto got = in.read(buf.get(), kChunk);
    if (!got.ok()) return got.error();
    if (*got == 0) return total;
    total += *got;
  }
}

bool is_valid_digest(std::string_view digest) { return algorithm_of(digest) != nullptr; }

}  // namespace customs
