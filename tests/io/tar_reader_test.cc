#include "io/tar_reader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "tar_builder.h"

namespace customs {
namespace {

using testing::TarBuilder;

struct Read {
  std::vector<FsEntry> entries;
  std::vector<std::string> contents;
  std::optional<Error> error;  // the first error; reading stops there
};

Read read_all_entries(std::unique_ptr<InputStream> in, EntryLimits limits = {}) {
  Read out;
  auto reader = make_tar_reader(std::move(in), "layer 1", limits);
  for (;;) {
    auto e = reader->next();
    if (!e.ok()) {
      out.error = e.error();
      return out;
    }
    if (!e->has_value()) return out;
    auto content = read_entry_content(*reader, uint64_t{1} << 30, nullptr);
    if (!content.ok()) {
      out.error = content.error();
      return out;
    }
    out.entries.push_back(**e);
    out.contents.push_back(*content);
  }
}

Read read_all_entries(std::string bytes, EntryLimits limits = {}) {
  return read_all_entries(make_string_stream(std::move(bytes)), limits);
}

// One hand-made GNU-format header ("ustar  \0" magic) with a valid checksum.
std::string gnu_header(std::string_view name, char type, uint64_t size) {
  char h[512] = {};
  std::memcpy(h, name.data(), std::min<size_t>(name.size(), 100));
  std::snprintf(h + 100, 8, "%07o", 0644);
  std::snprintf(h + 108, 8, "%07o", 0);
  std::snprintf(h + 116, 8, "%07o", 0);
  std::snprintf(h + 124, 12, "%011llo", static_cast<unsigned long long>(size));
  std::snprintf(h + 136, 12, "%011o", 1700000000);
  std::memset(h + 148, ' ', 8);
  h[156] = type;
  std::memcpy(h + 257, "ustar  ", 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(h + 148, 8, "%06o", sum);
  return std::string(h, sizeof h);
}

std::string padded(std::string s) { return s + std::string((512 - s.size() % 512) % 512, '\0'); }

// Fails its read after `ok_bytes` bytes of `bytes`.
class FailingStream : public InputStream {
 public:
  FailingStream(std::string bytes, size_t ok_bytes) : bytes_(std::move(bytes)), ok_bytes_(ok_bytes) {}
  Result<size_t> read(char* buf, size_t n) override {
    if (pos_ >= ok_bytes_) return make_error(ErrorKind::kIo, "disk on fire");
    size_t k = std::min({n, ok_bytes_ - pos_, bytes_.size() - pos_});
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string bytes_;
  size_t ok_bytes_;
  size_t pos_ = 0;
};

// Counts the bytes read through it.
class CountingStream : public InputStream {
 public:
  CountingStream(std::unique_ptr<InputStream> in, uint64_t* count) : in_(std::move(in)), count_(count) {}
  Result<size_t> read(char* buf, size_t n) override {
    auto r = in_->read(buf, n);
    if (r.ok()) *count_ += *r;
    return r;
  }

 private:
  std::unique_ptr<InputStream> in_;
  uint64_t* count_;
};

TEST(TarReader, RegularFileWithExactFields) {
  auto r =
      read_all_entries(TarBuilder().file("etc/passwd", "root:x:0:0\n", {0640, 12, 34, 1650000000}).finish());
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.entries.size(), 1u);
  const FsEntry& e = r.entries[0];
  EXPECT_EQ(e.path, "etc/passwd");
  EXPECT_EQ(e.type, EntryType::kFile);
  EXPECT_EQ(e.size, 11u);
  EXPECT_EQ(e.mode, 0640u);
  EXPECT_EQ(e.uid, 12u);
  EXPECT_EQ(e.gid, 34u);
  EXPECT_EQ(e.mtime, 1650000000);
  EXPECT_EQ(e.link_target, "");
  EXPECT_EQ(r.contents[0], "root:x:0:0\n");
}

TEST(TarReader, EveryEntryTypeWithItsFields) {
  TarBuilder b;
  b.dir("usr/", {04755, 1, 2, 100})
      .symlink("usr/bin/sh", "../../bin/busybox", {0777, 0, 0, 200})
      .file("bin/busybox", "BB", {0755})
      .hardlink("bin/ls", "./bin/busybox", {0755})
      .chardev("dev/null", {0666})
      .entry("dev/sda", '4', "", "", {0660}, 0)
      .fifo("run/pipe", {0600});
  auto r = read_all_entries(b.finish());
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.entries.size(), 7u);
  EXPECT_EQ(r.entries[0].path, "usr");
  EXPECT_EQ(r.entries[0].type, EntryType::kDirectory);
  EXPECT_EQ(r.entries[0].mode, 04755u);
  EXPECT_EQ(r.entries[0].uid, 1u);
  EXPECT_EQ(r.entries[0].gid, 2u);
  EXPECT_EQ(r.entries[0].mtime, 100);
  EXPECT_EQ(r.entries[1].type, EntryType::kSymlink);
  EXPECT_EQ(r.entries[1].link_target, "../../bin/busybox");
  EXPECT_EQ(r.entries[1].size, 0u);
  EXPECT_EQ(r.entries[2].type, EntryType::kFile);
  EXPECT_EQ(r.entries[2].mode, 0755u);
  EXPECT_EQ(r.entries[3].path, "bin/ls");
  EXPECT_EQ(r.entries[3].type, EntryType::kHardlink);
  EXPECT_EQ(r.entries[3].link_target, "bin/busybox");
  EXPECT_EQ(r.entries[4].type, EntryType::kCharDevice);
  EXPECT_EQ(r.entries[4].mode, 0666u);
  EXPECT_EQ(r.entries[5].type, EntryType::kBlockDevice);
  EXPECT_EQ(r.entries[5].mode, 0660u);
  EXPECT_EQ(r.entries[6].type, EntryType::kFifo);
  EXPECT_EQ(r.entries[6].path, "run/pipe");
}

TEST(TarReader, LongNamesAndLinkTargetsViaPax) {
  std::string name = "opt/" + std::string(150, 'n') + "/file";
  std::string target = "/usr/" + std::string(140, 't');
  auto r = read_all_entries(TarBuilder().file(name, "data").symlink("opt/link", target).finish());
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].path, name);
  EXPECT_EQ(r.contents[0], "data");
  EXPECT_EQ(r.entries[1].link_target, target);
}

TEST(TarReader, GnuLongName) {
  std::string name = "var/" + std::string(120, 'g') + "/x.conf";
  std::string bytes = gnu_header("././@LongLink", 'L', name.size() + 1) + padded(name + '\0') +
                      gnu_header(name.substr(0, 100), '0', 3) + padded("abc") + std::string(1024, '\0');
  auto r = read_all_entries(bytes);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].path, name);
  EXPECT_EQ(r.contents[0], "abc");
}

TEST(TarReader, NonUtf8AndUtf8NamesKeepTheirBytes) {
  std::string utf8_long = std::string(110, 'u') + "/caf\xc3\xa9";
  auto r = read_all_entries(TarBuilder().file("caf\xe9", "1").file(utf8_long, "2").finish());
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].path, "caf\xe9");
  EXPECT_EQ(r.entries[1].path, utf8_long);
}

TEST(TarReader, NamesAreNormalised) {
  auto r = read_all_entries(TarBuilder().dir("./").dir("./a/./b/").file("a/./b//c", "x").finish());
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(r.entries[0].path, "");
  EXPECT_EQ(r.entries[1].path, "a/b");
  EXPECT_EQ(r.entries[2].path, "a/b/c");
}

TEST(TarReader, DotDotNameIsAnErrorNamingLayerAndEntry) {
  auto r = read_all_entries(TarBuilder().file("../x", "evil").finish());
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error->message, "layer 1: entry '../x': name has a '..' component");
}

TEST(TarReader, AbsoluteNameIsAnErrorNamingLayerAndEntry) {
  auto r = read_all_entries(TarBuilder().file("/etc/x", "evil").finish());
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error->message, "layer 1: entry '/etc/x': absolute name");
}

TEST(TarReader, HardLinkOutOfTheRootIsAnError) {
  auto r = read_all_entries(TarBuilder().hardlink("a", "../../etc/shadow").finish());
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message,
            "layer 1: entry 'a': hard link to entry '../../etc/shadow': name has a '..' component");
}

TEST(TarReader, BadNameDoesNotStopTheReader) {
  auto reader = make_tar_reader(
      make_string_stream(TarBuilder().file("../x", "evil").file("ok", "fine").finish()), "layer 1");
  auto bad = reader->next();
  ASSERT_FALSE(bad.ok());
  auto good = reader->next();
  ASSERT_TRUE(good.ok()) << good.error().message;
  ASSERT_TRUE(good->has_value());
  EXPECT_EQ((*good)->path, "ok");
  EXPECT_EQ(*read_entry_content(*reader, 100, nullptr), "fine");
}

TEST(TarReader, PartlyReadContentIsSkippedByNext) {
  std::string first(10000, 'a');
  first.replace(0, 3, "xyz");
  auto reader = make_tar_reader(
      make_string_stream(TarBuilder().file("big", first).file("small", "second").finish()), "layer 1");
  ASSERT_TRUE(reader->next().ok());
  char buf[3];
  auto got = reader->read(buf, 3);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(*got, 3u);
  EXPECT_EQ(std::string(buf, 3), "xyz");
  auto e = reader->next();
  ASSERT_TRUE(e.ok() && e->has_value());
  EXPECT_EQ((*e)->path, "small");
  EXPECT_EQ(*read_entry_content(*reader, 100, nullptr), "second");
  auto end = reader->next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
}

TEST(TarReader, ContentOverManyReadBlocksComesThroughExactly) {
  std::string big;
  for (int i = 0; big.size() < (size_t{3} << 20) + 12345; ++i) big += std::to_string(i) + ",";
  auto r = read_all_entries(TarBuilder().file("a", "1").file("big", big).file("z", "end").finish());
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(r.entries[1].size, big.size());
  EXPECT_TRUE(r.contents[1] == big);
  EXPECT_EQ(r.contents[2], "end");
}

TEST(TarReader, TruncatedInContentIsAnErrorNamingLayerAndEntry) {
  std::string bytes = TarBuilder().file("a", std::string(2000, 'x')).unfinished();
  auto r = read_all_entries(bytes.substr(0, 512 + 700));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error->message.rfind("layer 1: entry 'a': ", 0), 0u) << r.error->message;
  EXPECT_NE(r.error->message.find("runcated"), std::string::npos) << r.error->message;
}

TEST(TarReader, TruncatedInHeaderIsAnError) {
  std::string bytes = TarBuilder().file("a", "x").file("b", "y").unfinished();
  auto r = read_all_entries(bytes.substr(0, 1024 + 300));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error->message.rfind("layer 1: header after entry 'a': ", 0), 0u) << r.error->message;
  EXPECT_NE(r.error->message.find("runcated"), std::string::npos) << r.error->message;
}

TEST(TarReader, ErrorsAreSticky) {
  std::string bytes = TarBuilder().file("a", std::string(2000, 'x')).unfinished();
  auto reader = make_tar_reader(make_string_stream(bytes.substr(0, 1000)), "layer 1");
  ASSERT_TRUE(reader->next().ok());
  auto content = read_entry_content(*reader, 5000, nullptr);
  ASSERT_FALSE(content.ok());
  auto again = reader->next();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, content.error().message);
}

TEST(TarReader, EmptyLayerTarIsAnEmptyLayer) {
  auto r = read_all_entries(std::string(1024, '\0'));
  EXPECT_FALSE(r.error);
  EXPECT_TRUE(r.entries.empty());
}

TEST(TarReader, ZeroByteInputIsNotATarArchive) {
  auto r = read_all_entries(std::string());
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error->message, "layer 1: not a tar archive: empty");
}

TEST(TarReader, GarbageIsNotATarArchive) {
  auto r = read_all_entries(std::string(3000, 'G'));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error->message, "layer 1: not a tar archive: Unrecognized archive format");
}

TEST(TarReader, CompressedInputIsNotATarArchive) {
  auto r = read_all_entries(testing::gzip_bytes(TarBuilder().file("a", "x").finish()));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "layer 1: not a tar archive: Unrecognized archive format");
}

TEST(TarReader, ArchiveWithoutEndBlocksEndsCleanly) {
  auto r = read_all_entries(TarBuilder().file("a", "x").unfinished());
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.entries.size(), 1u);
}

TEST(TarReader, EntryLimitIsALimitError) {
  EntryLimits limits;
  limits.max_entries = 2;
  auto two = read_all_entries(TarBuilder().file("a", "").file("b", "").finish(), limits);
  EXPECT_FALSE(two.error);
  EXPECT_EQ(two.entries.size(), 2u);
  auto three = read_all_entries(TarBuilder().file("a", "").file("b", "").file("c", "").finish(), limits);
  ASSERT_TRUE(three.error);
  EXPECT_EQ(three.error->kind, ErrorKind::kLimit);
  EXPECT_EQ(three.error->message, "layer 1: more than 2 entries");
  EXPECT_EQ(three.entries.size(), 2u);
}

TEST(TarReader, PathLimitsApplyToEntries) {
  EntryLimits limits;
  limits.max_path_depth = 2;
  auto r = read_all_entries(TarBuilder().file("a/b/c", "").finish(), limits);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "layer 1: entry 'a/b/c': name is deeper than 2 components");
}

TEST(TarReader, OversizedPaxHeaderIsAnErrorNotAnAllocation) {
  std::string records = "2097160 path=" + std::string(2097160 - 14, 'p') + "\n";
  std::string bytes = gnu_header("pax", 'x', records.size());
  std::memcpy(bytes.data() + 257,
              "ustar\0"
              "00",
              8);
  unsigned sum = 0;
  std::memset(bytes.data() + 148, ' ', 8);
  for (unsigned char c : bytes) sum += c;
  std::snprintf(bytes.data() + 148, 8, "%06o", sum);
  bytes += padded(records) + TarBuilder().file("a", "x").finish();
  auto r = read_all_entries(bytes);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error->message.rfind("layer 1: first header: ", 0), 0u) << r.error->message;
}

TEST(TarReader, StreamErrorIsReturnedAsItIs) {
  std::string bytes = TarBuilder().file("a", std::string(5000, 'x')).file("b", "y").finish();
  auto r = read_all_entries(std::make_unique<FailingStream>(bytes, 2048));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::kIo);
  EXPECT_EQ(r.error->message, "disk on fire");
}

TEST(TarReader, EndDrainsTrailingBytesOfTheStream) {
  std::string bytes = TarBuilder().file("a", "x").finish() + std::string(3 << 20, '\0') + "trailer";
  uint64_t count = 0;
  auto r = read_all_entries(std::make_unique<CountingStream>(make_string_stream(bytes), &count));
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(count, bytes.size());
}

TEST(TarReader, EndReportsADigestMismatchOfTheStreamBelow) {
  std::string bytes = TarBuilder().file("a", "x").finish() + std::string(4096, '\0');
  auto good = read_all_entries(
      make_verifying_stream(make_string_stream(bytes), testing::sha256_digest(bytes), -1, "blob"));
  EXPECT_FALSE(good.error) << good.error->message;
  std::string wrong = testing::sha256_digest("other");
  auto bad = read_all_entries(make_verifying_stream(make_string_stream(bytes), wrong, -1, "blob"));
  ASSERT_TRUE(bad.error);
  EXPECT_EQ(bad.entries.size(), 1u);
  EXPECT_EQ(bad.error->message,
            "blob: digest mismatch: expected " + wrong + ", got " + testing::sha256_digest(bytes));
}

}  // namespace
}  // namespace customs
