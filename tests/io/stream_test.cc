#include "io/stream.h"

#include <gtest/gtest.h>

#include <cstring>

#include "chunked_stream.h"
#include "tar_builder.h"

namespace customs {
namespace {

using testing::sha256_digest;

using testing::ChunkedStream;

constexpr char kEmptySha256[] = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr char kAbcSha512[] =
    "sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
    "454d4423643ce80e2a9ac94fa54ca49f";

Result<std::string> verify(std::string bytes, std::string digest, int64_t size) {
  auto s =
      make_verifying_stream(make_string_stream(std::move(bytes)), std::move(digest), size, "blob sha256:ab");
  return read_all(*s, 1 << 20);
}

TEST(Sha256Stream, HashesWhatPassesThrough) {
  Sha256Stream s(std::make_unique<ChunkedStream>("abc", 1));
  EXPECT_EQ(*read_all(s, 100), "abc");
  EXPECT_EQ(s.bytes_read(), 3u);
  EXPECT_EQ(s.digest(), "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256Stream empty(make_string_stream(""));
  EXPECT_EQ(*drain(empty), 0u);
  EXPECT_EQ(empty.digest(), kEmptySha256);
}

TEST(VerifyingStream, MatchingBytesReadToTheEnd) {
  std::string data(300000, 'q');
  EXPECT_EQ(*verify(data, sha256_digest(data), 300000), data);
  EXPECT_EQ(*verify(data, sha256_digest(data), -1), data);
  EXPECT_EQ(*verify("abc", kAbcSha512, 3), "abc");
  EXPECT_EQ(*verify("", kEmptySha256, 0), "");
}

TEST(VerifyingStream, DigestMismatchNamesWhatExpectedAndActual) {
  auto r = verify("abd", sha256_digest("abc"), 3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message, "blob sha256:ab: digest mismatch: expected " + sha256_digest("abc") +
                                   ", got " + sha256_digest("abd"));
}

TEST(VerifyingStream, Sha512MismatchIsReported) {
  auto r = verify("abd", kAbcSha512, -1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind(
                std::string("blob sha256:ab: digest mismatch: expected ") + kAbcSha512 + ", got sha512:", 0),
            0u);
}

TEST(VerifyingStream, TooFewBytesIsASizeMismatch) {
  auto r = verify("abc", sha256_digest("abc"), 4);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message, "blob sha256:ab: size mismatch: expected 4 bytes, got 3");
}

TEST(VerifyingStream, TooManyBytesFailAsSoonAsTheyArrive) {
  auto s = make_verifying_stream(std::make_unique<ChunkedStream>("abcdef", 2), sha256_digest("abcdef"), 3,
                                 "blob sha256:ab");
  char buf[8];
  EXPECT_EQ(*s->read(buf, sizeof buf), 2u);
  auto r = s->read(buf, sizeof buf);  // bytes 3 and 4: one over
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "blob sha256:ab: size mismatch: expected 3 bytes, got more than that");
  auto again = s->read(buf, sizeof buf);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, r.error().message);
}

TEST(VerifyingStream, MalformedDigestFailsOnTheFirstRead) {
  for (std::string bad : {"sha256:abc", "md5:d41d8cd98f00b204e9800998ecf8427e", "",
                          "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"}) {
    auto s = make_verifying_stream(make_string_stream("abc"), bad, -1, "blob x");
    char buf[8];
    auto r = s->read(buf, sizeof buf);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message, "blob x: unsupported or malformed digest \"" + bad + "\"");
  }
}

TEST(RangeStream, ReadsOnlyTheRange) {
  auto file = make_string_file("0123456789");
  auto s = make_range_stream(file, 2, 5, "layer.tar");
  EXPECT_EQ(*read_all(*s, 100), "23456");
  auto whole = make_range_stream(file, 0, 10, "layer.tar");
  EXPECT_EQ(*read_all(*whole, 100), "0123456789");
  auto empty = make_range_stream(file, 10, 0, "layer.tar");
  EXPECT_EQ(*read_all(*empty, 100), "");
}

TEST(RangeStream, FileEndingEarlyIsTruncation) {
  auto file = make_string_file("0123456789");
  auto s = make_range_stream(file, 4, 10, "layer.tar");
  auto r = read_all(*s, 100);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message, "layer.tar: truncated: expected 10 bytes, got 6");
  auto past = make_range_stream(file, 20, 1, "layer.tar");
  EXPECT_EQ(read_all(*past, 100).error().message, "layer.tar: truncated: expected 1 bytes, got 0");
}

TEST(StringFile, ReadAtStopsAtTheEnd) {
  auto file = make_string_file("hello");
  EXPECT_EQ(file->size(), 5u);
  char buf[8] = {};
  EXPECT_EQ(*file->read_at(3, buf, 8), 2u);
  EXPECT_EQ(std::string(buf, 2), "lo");
  EXPECT_EQ(*file->read_at(5, buf, 8), 0u);
  EXPECT_EQ(*file->read_at(99, buf, 8), 0u);
}

TEST(ReadAll, OverTheLimitIsALimitError) {
  auto s = make_string_stream(std::string(11, 'x'));
  auto r = read_all(*s, 10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
  auto exact = make_string_stream(std::string(10, 'x'));
  EXPECT_EQ(*read_all(*exact, 10), std::string(10, 'x'));
}

TEST(Drain, CountsTheBytes) {
  ChunkedStream s(std::string(1000003, 'z'), 4099);
  EXPECT_EQ(*drain(s), 1000003u);
}

TEST(IsValidDigest, AcceptsOnlyLowercaseSha256AndSha512) {
  EXPECT_TRUE(is_valid_digest(kEmptySha256));
  EXPECT_TRUE(is_valid_digest(kAbcSha512));
  EXPECT_FALSE(is_valid_digest("sha256:" + std::string(63, 'a')));
  EXPECT_FALSE(is_valid_digest("sha256:" + std::string(65, 'a')));
  EXPECT_FALSE(is_valid_digest("sha256:" + std::string(64, 'A')));
  EXPECT_FALSE(is_valid_digest("sha256:" + std::string(64, 'g')));
  EXPECT_FALSE(is_valid_digest("sha512:" + std::string(64, 'a')));
  EXPECT_FALSE(is_valid_digest("sha384:" + std::string(96, 'a')));
  EXPECT_FALSE(is_valid_digest(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_digest(""));
}

}  // namespace
}  // namespace customs
