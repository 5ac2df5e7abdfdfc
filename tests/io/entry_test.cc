#include "io/entry.h"

#include <gtest/gtest.h>

#include "io/tar_reader.h"
#include "tar_builder.h"

namespace customs {
namespace {

using testing::TarBuilder;

std::string normalized(std::string_view raw, bool allow_absolute = false, EntryLimits limits = {}) {
  auto r = normalize_entry_path(raw, limits, allow_absolute);
  return r.ok() ? *r : "ERROR: " + r.error().message;
}

TEST(EntryType, NamesEveryType) {
  EXPECT_EQ(to_string(EntryType::kFile), "file");
  EXPECT_EQ(to_string(EntryType::kDirectory), "directory");
  EXPECT_EQ(to_string(EntryType::kSymlink), "symlink");
  EXPECT_EQ(to_string(EntryType::kHardlink), "hardlink");
  EXPECT_EQ(to_string(EntryType::kCharDevice), "char device");
  EXPECT_EQ(to_string(EntryType::kBlockDevice), "block device");
  EXPECT_EQ(to_string(EntryType::kFifo), "fifo");
  EXPECT_EQ(to_string(EntryType::kWhiteout), "whiteout");
  EXPECT_EQ(to_string(EntryType::kOpaqueWhiteout), "opaque whiteout");
}

TEST(NormalizeEntryPath, StripsDotSlashTrailingSlashDotAndEmptyComponents) {
  EXPECT_EQ(normalized("./etc/passwd"), "etc/passwd");
  EXPECT_EQ(normalized("usr/lib/"), "usr/lib");
  EXPECT_EQ(normalized("a/./b"), "a/b");
  EXPECT_EQ(normalized("a//b///c"), "a/b/c");
  EXPECT_EQ(normalized("././a/."), "a");
}

TEST(NormalizeEntryPath, DotAndDotSlashAreTheRoot) {
  EXPECT_EQ(normalized("."), "");
  EXPECT_EQ(normalized("./"), "");
}

TEST(NormalizeEntryPath, DotDotIsAnErrorEvenWhenItStaysInside) {
  EXPECT_EQ(normalized("../x"), "ERROR: entry '../x': name has a '..' component");
  EXPECT_EQ(normalized("a/b/../c"), "ERROR: entry 'a/b/../c': name has a '..' component");
  EXPECT_EQ(normalized("a/.."), "ERROR: entry 'a/..': name has a '..' component");
  auto r = normalize_entry_path("../x", {}, true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
}

TEST(NormalizeEntryPath, AbsoluteNamesOnlyWhenAllowed) {
  EXPECT_EQ(normalized("/etc/x"), "ERROR: entry '/etc/x': absolute name");
  EXPECT_EQ(normalized("/etc/x", true), "etc/x");
  EXPECT_EQ(normalized("//etc//x/", true), "etc/x");
  EXPECT_EQ(normalized("/", true), "");
}

TEST(NormalizeEntryPath, EmptyNameIsAnError) { EXPECT_EQ(normalized(""), "ERROR: entry '': empty name"); }

TEST(NormalizeEntryPath, NulByteIsAnErrorNamingTheRawName) {
  EXPECT_EQ(normalized(std::string("a\0b", 3)), "ERROR: entry 'a\\x00b': name contains a NUL byte");
}

TEST(NormalizeEntryPath, LengthLimitCountsRawBytes) {
  EntryLimits limits;
  limits.max_path_bytes = 8;
  EXPECT_EQ(normalized("abcdefgh", false, limits), "abcdefgh");
  EXPECT_EQ(normalized("abcdefghi", false, limits), "ERROR: entry 'abcdefghi': name is longer than 8 bytes");
}

TEST(NormalizeEntryPath, DepthLimitCountsComponentsAfterNormalising) {
  EntryLimits limits;
  limits.max_path_depth = 3;
  EXPECT_EQ(normalized("./a/./b/c/", false, limits), "a/b/c");
  EXPECT_EQ(normalized("a/b/c/d", false, limits), "ERROR: entry 'a/b/c/d': name is deeper than 3 components");
}

TEST(NormalizeEntryPath, KeepsNonUtf8BytesAsTheyAre) { EXPECT_EQ(normalized("caf\xe9/x"), "caf\xe9/x"); }

TEST(QuoteEntryName, EscapesControlBytesAndCutsLongNames) {
  EXPECT_EQ(quote_entry_name("a\nb\x1b"), "'a\\x0ab\\x1b'");
  EXPECT_EQ(quote_entry_name(std::string(300, 'x')), "'" + std::string(256, 'x') + "...'");
}

// A tar reader over one file entry holding `content`, positioned on it.
std::unique_ptr<EntryReader> reader_on(const std::string& content) {
  auto reader = make_tar_reader(make_string_stream(TarBuilder().file("f", content).finish()), "t");
  auto e = reader->next();
  EXPECT_TRUE(e.ok() && e->has_value());
  return reader;
}

TEST(ReadEntryContent, ReadsAllContentUnderTheBound) {
  auto reader = reader_on("hello world");
  bool truncated = true;
  auto r = read_entry_content(*reader, 100, &truncated);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "hello world");
  EXPECT_FALSE(truncated);
}

TEST(ReadEntryContent, ContentOfExactlyTheBoundIsNotTruncated) {
  auto reader = reader_on("hello");
  bool truncated = true;
  auto r = read_entry_content(*reader, 5, &truncated);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "hello");
  EXPECT_FALSE(truncated);
}

TEST(ReadEntryContent, StopsAtTheBoundAndSaysThereWasMore) {
  std::string big(200000, 'z');
  big[99999] = 'A';
  auto reader = reader_on(big);
  bool truncated = false;
  auto r = read_entry_content(*reader, 100000, &truncated);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 100000u);
  EXPECT_EQ(r->back(), 'A');
  EXPECT_TRUE(truncated);
}

TEST(ReadEntryContent, ZeroBoundReadsNothing) {
  auto reader = reader_on("x");
  bool truncated = false;
  auto r = read_entry_content(*reader, 0, &truncated);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "");
  EXPECT_TRUE(truncated);
}

}  // namespace
}  // namespace customs
