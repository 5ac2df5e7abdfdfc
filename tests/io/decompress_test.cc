#include "io/decompress.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "chunked_stream.h"
#include "tar_builder.h"

namespace customs {
namespace {

using testing::gzip_bytes;
using testing::zstd_bytes;

using testing::ChunkedStream;

class FailingStream : public InputStream {
 public:
  Result<size_t> read(char*, size_t) override { return make_error(ErrorKind::kIo, "disk on fire"); }
};

// Text that compresses like real files do, without being trivial.
std::string sample(size_t n) {
  std::string out;
  uint32_t x = 12345;
  while (out.size() < n) {
    x = x * 1103515245 + 12345;
    out += "line " + std::to_string((x >> 8) % 5000) + " of some config file\n";
  }
  out.resize(n);
  return out;
}

Result<std::string> decompress(std::string bytes, DecompressLimits limits = {}, size_t chunk = 1 << 20) {
  auto s =
      make_decompressing_stream(std::make_unique<ChunkedStream>(std::move(bytes), chunk), "layer 1", limits);
  return read_all(*s, uint64_t{1} << 32);
}

Result<std::string> decompress_as(Compression kind, std::string bytes) {
  auto s = make_decompressing_stream(make_string_stream(std::move(bytes)), kind, "blob", {});
  return read_all(*s, uint64_t{1} << 32);
}

TEST(DetectCompression, FromMagicBytes) {
  EXPECT_EQ(detect_compression("\x1f\x8b\x08"), Compression::kGzip);
  EXPECT_EQ(detect_compression(std::string_view("\x28\xb5\x2f\xfd", 4)), Compression::kZstd);
  EXPECT_EQ(detect_compression("\x28\xb5\x2f"), Compression::kNone);
  EXPECT_EQ(detect_compression("\x1f"), Compression::kNone);
  EXPECT_EQ(detect_compression("ustar"), Compression::kNone);
  EXPECT_EQ(detect_compression(""), Compression::kNone);
  EXPECT_EQ(to_string(Compression::kGzip), "gzip");
  EXPECT_EQ(to_string(Compression::kZstd), "zstd");
  EXPECT_EQ(to_string(Compression::kNone), "none");
}

TEST(Decompress, GzipRoundTripInSmallAndLargeReads) {
  std::string data = sample(3 << 20);
  EXPECT_EQ(*decompress(gzip_bytes(data)), data);
  EXPECT_EQ(*decompress(gzip_bytes(data), {}, 7), data);
}

TEST(Decompress, ZstdRoundTripInSmallAndLargeReads) {
  std::string data = sample(3 << 20);
  EXPECT_EQ(*decompress(zstd_bytes(data)), data);
  EXPECT_EQ(*decompress(zstd_bytes(data), {}, 7), data);
}

TEST(Decompress, UncompressedBytesPassThrough) {
  std::string data = sample(600 << 10);
  EXPECT_EQ(*decompress(data), data);
  EXPECT_EQ(*decompress(data, {}, 3), data);
  EXPECT_EQ(*decompress("x"), "x");
  EXPECT_EQ(*decompress(""), "");
  EXPECT_EQ(*decompress_as(Compression::kNone, gzip_bytes("kept as is")), gzip_bytes("kept as is"));
}

TEST(Decompress, KnownKindNeedsNoDetection) {
  EXPECT_EQ(*decompress_as(Compression::kGzip, gzip_bytes("abc")), "abc");
  EXPECT_EQ(*decompress_as(Compression::kZstd, zstd_bytes("abc")), "abc");
}

TEST(Decompress, EmptyMembersAndFrames) {
  EXPECT_EQ(*decompress(gzip_bytes("")), "");
  EXPECT_EQ(*decompress(zstd_bytes("")), "");
}

TEST(Decompress, MultiMemberGzipIsConcatenated) {
  std::string a = sample(300 << 10), b = "second member\n", c = sample(1000);
  std::string blob = gzip_bytes(a) + gzip_bytes(b, 1) + gzip_bytes("") + gzip_bytes(c, 9);
  EXPECT_EQ(*decompress(blob), a + b + c);
  EXPECT_EQ(*decompress(blob, {}, 1), a + b + c);
}

TEST(Decompress, MultiFrameZstdIsConcatenated) {
  std::string a = sample(300 << 10), b = "second frame\n";
  std::string blob = zstd_bytes(a) + zstd_bytes(b, 19) + zstd_bytes("");
  EXPECT_EQ(*decompress(blob), a + b);
  EXPECT_EQ(*decompress(blob, {}, 1), a + b);
}

TEST(Decompress, ZeroPaddingAfterTheLastGzipMemberIsIgnored) {
  std::string blob = gzip_bytes("payload") + std::string(10000, '\0');
  EXPECT_EQ(*decompress(blob), "payload");
  EXPECT_EQ(*decompress(blob, {}, 5), "payload");
}

TEST(Decompress, GarbageAfterTheLastGzipMemberIsAnError) {
  std::string member = gzip_bytes("payload");
  auto r = decompress(member + "junk");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message,
            "layer 1: corrupt gzip data: trailing bytes after the last gzip member "
            "(near compressed byte " +
                std::to_string(member.size()) + ")");
  auto padded = decompress(member + std::string(3, '\0') + "x");
  ASSERT_FALSE(padded.ok());
  EXPECT_EQ(padded.error().kind, ErrorKind::kInvalidInput);
}

TEST(Decompress, TruncatedGzipIsAnErrorAtEveryCut) {
  std::string blob = gzip_bytes(sample(200 << 10));
  for (size_t cut : {size_t{5}, size_t{10}, blob.size() / 2, blob.size() - 8, blob.size() - 1}) {
    auto r = decompress(blob.substr(0, cut), {}, 4096);
    ASSERT_FALSE(r.ok()) << "cut at " << cut;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
    EXPECT_EQ(r.error().message, "layer 1: truncated gzip data: input ends at compressed byte " +
                                     std::to_string(cut) + " inside a member")
        << "cut at " << cut;
  }
}

TEST(Decompress, SecondMemberCutAfterItsMagicIsTruncated) {
  std::string first = gzip_bytes("one");
  auto r = decompress(first + "\x1f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "layer 1: truncated gzip data: input ends at compressed byte " +
                                   std::to_string(first.size()) + " inside a member");
}

TEST(Decompress, TruncatedZstdIsAnErrorAtEveryCut) {
  std::string blob = zstd_bytes(sample(200 << 10));
  for (size_t cut : {size_t{4}, size_t{6}, blob.size() / 2, blob.size() - 1}) {
    auto r = decompress(blob.substr(0, cut), {}, 4096);
    ASSERT_FALSE(r.ok()) << "cut at " << cut;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
    EXPECT_EQ(r.error().message, "layer 1: truncated zstd data: input ends at compressed byte " +
                                     std::to_string(cut) + " inside a frame")
        << "cut at " << cut;
  }
}

TEST(Decompress, CorruptedGzipCrcIsAnError) {
  std::string blob = gzip_bytes(sample(10000));
  blob[blob.size() - 8] ^= 0x01;  // first byte of the CRC-32 trailer
  auto r = decompress(blob);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message,
            "layer 1: corrupt gzip data: CRC-32 or length check of the member failed "
            "(near compressed byte " +
                std::to_string(blob.size()) + ")");
}

TEST(Decompress, WrongGzipLengthIsAnError) {
  std::string blob = gzip_bytes("twelve bytes");
  blob[blob.size() - 4] ^= 0x01;  // ISIZE
  auto r = decompress(blob);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "layer 1: corrupt gzip data: CRC-32 or length check of the member failed "
            "(near compressed byte " +
                std::to_string(blob.size()) + ")");
}

TEST(Decompress, CorruptedDeflateDataIsAnError) {
  std::string blob = gzip_bytes(sample(100000));
  for (size_t i = 20; i < 60; ++i) blob[i] = static_cast<char>(0xff);
  auto r = decompress(blob);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message.rfind("layer 1: corrupt gzip data: ", 0), 0u) << r.error().message;
}

TEST(Decompress, CorruptedZstdIsAnError) {
  std::string blob = zstd_bytes(sample(100000));
  blob[blob.size() - 2] ^= 0x40;      // inside the content checksum or last block
  blob[4] = static_cast<char>(0xff);  // frame header descriptor with a reserved bit set
  auto r = decompress(blob);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message.rfind("layer 1: corrupt zstd data: ", 0), 0u) << r.error().message;
}

TEST(Decompress, GzipBombHitsTheRatioLimitAfterTheGrace) {
  std::string bomb = gzip_bytes(std::string(200 << 20, '\0'), 9);
  ASSERT_LT(bomb.size(), 250000u);
  DecompressLimits limits;
  limits.max_ratio = 100;
  limits.ratio_grace = 1 << 20;
  auto s = make_decompressing_stream(make_string_stream(bomb), "layer 2", limits);
  auto r = drain(*s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(r.error().message.rfind("layer 2: expansion ratio is over the limit of 100:1 (", 0), 0u)
      << r.error().message;
}

TEST(Decompress, DefaultRatioLetsZerosThrough) {
  std::string zeros(100 << 20, '\0');
  auto s = make_decompressing_stream(make_string_stream(gzip_bytes(zeros, 9)), "layer 2");
  auto r = drain(*s);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, zeros.size());
}

TEST(Decompress, MaxOutputIsALimitError) {
  DecompressLimits limits;
  limits.max_output = 1000;
  for (std::string blob : {gzip_bytes(sample(5000)), zstd_bytes(sample(5000)), sample(5000)}) {
    auto r = decompress(blob, limits, 100);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
    EXPECT_EQ(r.error().message, "layer 1: decompressed size is over the limit of 1000 bytes");
  }
  limits.max_output = 5000;
  EXPECT_EQ(*decompress(gzip_bytes(sample(5000)), limits), sample(5000));
}

TEST(Decompress, ErrorsAreSticky) {
  std::string blob = gzip_bytes(sample(1000));
  auto s = make_decompressing_stream(make_string_stream(blob.substr(0, 20)), "layer 1");
  char buf[4096];
  auto first = s->read(buf, sizeof buf);
  while (first.ok() && *first > 0) first = s->read(buf, sizeof buf);
  ASSERT_FALSE(first.ok());
  auto again = s->read(buf, sizeof buf);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, first.error().message);
}

TEST(Decompress, SourceErrorsPassThrough) {
  auto s = make_decompressing_stream(std::make_unique<FailingStream>(), "layer 1");
  char buf[16];
  auto r = s->read(buf, sizeof buf);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kIo);
  EXPECT_EQ(r.error().message, "disk on fire");
}

}  // namespace
}  // namespace customs
