#include "io/tar_index.h"

#include <gtest/gtest.h>

#include <cstring>

#include "tar_builder.h"

namespace customs {
namespace {

using testing::TarBuilder;

Result<TarIndex> index_of(std::string bytes, EntryLimits limits = {}) {
  return index_tar(make_string_file(std::move(bytes)), "img.tar", limits);
}

std::string error_of(std::string bytes, EntryLimits limits = {}) {
  auto r = index_of(std::move(bytes), limits);
  return r.ok() ? "OK" : r.error().message;
}

// Writes the checksum of a 512-byte header: the unsigned byte sum, or the signed one.
void seal(char* h, bool signed_sum = false) {
  std::memset(h + 148, ' ', 8);
  long sum = 0;
  for (int i = 0; i < 512; ++i)
    sum += signed_sum ? static_cast<signed char>(h[i]) : static_cast<unsigned char>(h[i]);
  std::snprintf(h + 148, 8, "%06lo", static_cast<unsigned long>(sum));
}

// A hand-made header; `magic` is "ustar\0" "00" (POSIX) or "ustar  \0" (GNU).
std::string header(std::string_view name, char type, uint64_t size,
                   std::string_view magic = {"ustar\0"
                                             "00",
                                             8}) {
  char h[512] = {};
  std::memcpy(h, name.data(), std::min<size_t>(name.size(), 100));
  std::snprintf(h + 100, 8, "%07o", 0644);
  std::snprintf(h + 124, 12, "%011llo", static_cast<unsigned long long>(size));
  h[156] = type;
  std::memcpy(h + 257, magic.data(), magic.size());
  seal(h);
  return std::string(h, 512);
}

std::string padded(std::string s) { return s + std::string((512 - s.size() % 512) % 512, '\0'); }
std::string end_blocks() { return std::string(1024, '\0'); }

TEST(TarIndex, DataOffsetsAndSizesAreExact) {
  std::string long_name = "blobs/" + std::string(120, 'b');
  auto idx =
      index_of(TarBuilder().file("manifest.json", "[1]").file(long_name, std::string(600, 'x')).finish());
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  ASSERT_EQ(idx->members.size(), 2u);
  const TarMember& m = idx->members.at("manifest.json");
  EXPECT_EQ(m.data_offset, 512u);
  EXPECT_EQ(m.entry.size, 3u);
  // header 1024, pax header 1024, pax records 1536, real header 2048, data 2560.
  const TarMember& big = idx->members.at(long_name);
  EXPECT_EQ(big.data_offset, 2560u);
  EXPECT_EQ(big.entry.size, 600u);
  auto content = idx->read(long_name, 1000);
  ASSERT_TRUE(content.ok()) << content.error().message;
  EXPECT_EQ(*content, std::string(600, 'x'));
  EXPECT_EQ(idx->what, "img.tar");
}

TEST(TarIndex, EntryFieldsAndTypes) {
  TarBuilder b;
  b.dir("./blobs/", {0750, 5, 6, 123})
      .file("blobs/f", "abc", {04711, 7, 8, 456})
      .symlink("blobs/s", "f")
      .hardlink("blobs/h", "./blobs/f")
      .chardev("c")
      .entry("bd", '4', "", "", {0600}, 0)
      .fifo("p");
  auto idx = index_of(b.finish());
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  ASSERT_EQ(idx->members.size(), 7u);
  const FsEntry& d = idx->members.at("blobs").entry;
  EXPECT_EQ(d.type, EntryType::kDirectory);
  EXPECT_EQ(d.mode, 0750u);
  EXPECT_EQ(d.uid, 5u);
  EXPECT_EQ(d.gid, 6u);
  EXPECT_EQ(d.mtime, 123);
  const FsEntry& f = idx->members.at("blobs/f").entry;
  EXPECT_EQ(f.type, EntryType::kFile);
  EXPECT_EQ(f.mode, 04711u);
  EXPECT_EQ(f.size, 3u);
  EXPECT_EQ(f.uid, 7u);
  EXPECT_EQ(f.mtime, 456);
  EXPECT_EQ(idx->members.at("blobs/s").entry.type, EntryType::kSymlink);
  EXPECT_EQ(idx->members.at("blobs/s").entry.link_target, "f");
  EXPECT_EQ(idx->members.at("blobs/h").entry.type, EntryType::kHardlink);
  EXPECT_EQ(idx->members.at("blobs/h").entry.link_target, "blobs/f");
  EXPECT_EQ(idx->members.at("c").entry.type, EntryType::kCharDevice);
  EXPECT_EQ(idx->members.at("bd").entry.type, EntryType::kBlockDevice);
  EXPECT_EQ(idx->members.at("p").entry.type, EntryType::kFifo);
}

TEST(TarIndex, PaxPathLinkpathAndSizeRecords) {
  std::string records =
      "30 path=dir/from-pax-name.txt\n"
      "20 linkpath=ignored\n"
      "10 size=5\n";
  std::string bytes = header("PaxHeader", 'x', records.size()) + padded(records) + header("short", '0', 0) +
                      padded("12345") + end_blocks();
  auto idx = index_of(bytes);
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  ASSERT_EQ(idx->members.size(), 1u);
  const TarMember& m = idx->members.at("dir/from-pax-name.txt");
  EXPECT_EQ(m.entry.size, 5u);
  EXPECT_EQ(m.data_offset, 1536u);
  EXPECT_EQ(*idx->read("dir/from-pax-name.txt", 10), "12345");
}

TEST(TarIndex, PaxLinkpathForLongSymlinkTargets) {
  std::string target = "blobs/" + std::string(130, 't');
  auto idx = index_of(TarBuilder().symlink("l", target).finish());
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  EXPECT_EQ(idx->members.at("l").entry.link_target, target);
}

TEST(TarIndex, GlobalPaxHeadersAreIgnored) {
  std::string records = "22 path=global-name.x\n";
  std::string bytes = header("pax_global_header", 'g', records.size()) + padded(records) +
                      header("real", '0', 2) + padded("ok") + end_blocks();
  auto idx = index_of(bytes);
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  ASSERT_EQ(idx->members.size(), 1u);
  EXPECT_EQ(idx->members.at("real").data_offset, 1536u);
}

TEST(TarIndex, GnuLongNameAndLongLink) {
  std::string gnu{"ustar  \0", 8};
  std::string name = std::string(110, 'n') + "/layer.tar";
  std::string link = std::string(105, 'k');
  std::string bytes = header("././@LongLink", 'L', name.size() + 1, gnu) + padded(name + '\0') +
                      header(name.substr(0, 100), '0', 4, gnu) + padded("data") +
                      header("././@LongLink", 'K', link.size() + 1, gnu) + padded(link + '\0') +
                      header("sym", '2', 0, gnu) + end_blocks();
  auto idx = index_of(bytes);
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  ASSERT_EQ(idx->members.size(), 2u);
  EXPECT_EQ(idx->members.at(name).data_offset, 1536u);
  EXPECT_EQ(idx->members.at("sym").entry.link_target, link);
}

TEST(TarIndex, UstarPrefixJoinsTheName) {
  std::string h = header("file.txt", '0', 1);
  std::memcpy(h.data() + 345, "some/prefix", 11);
  seal(h.data());
  auto idx = index_of(h + padded("z") + end_blocks());
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  EXPECT_EQ(idx->members.count("some/prefix/file.txt"), 1u);
}

TEST(TarIndex, Base256SizeField) {
  std::string h = header("b256", '0', 0);
  std::memset(h.data() + 124, 0, 12);
  h[124] = static_cast<char>(0x80);
  h[134] = 0x02;  // 0x0258 = 600
  h[135] = 0x58;
  seal(h.data());
  auto idx = index_of(h + padded(std::string(600, 'q')) + end_blocks());
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  EXPECT_EQ(idx->members.at("b256").entry.size, 600u);
}

TEST(TarIndex, SignedChecksumIsAccepted) {
  std::string h = header("caf\xe9\xff", '0', 0);
  seal(h.data(), true);
  auto idx = index_of(h + end_blocks());
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  EXPECT_EQ(idx->members.count("caf\xe9\xff"), 1u);
}

TEST(TarIndex, BadChecksumIsAnErrorWithTheOffset) {
  std::string bytes = TarBuilder().file("a", "x").file("b", "y").finish();
  bytes[1024 + 3] = 'Z';
  EXPECT_EQ(error_of(bytes), "img.tar: bad header checksum at offset 1024");
}

TEST(TarIndex, GarbageIsABadChecksum) {
  EXPECT_EQ(error_of(std::string(2048, 'G')), "img.tar: bad header checksum at offset 0");
}

TEST(TarIndex, TruncatedInHeaderIsAnErrorWithTheOffset) {
  std::string bytes = TarBuilder().file("a", "x").unfinished() + std::string(100, 'h');
  EXPECT_EQ(error_of(bytes), "img.tar: truncated header at offset 1024 (the archive ends at 1124)");
}

TEST(TarIndex, ContentRunningPastTheEndIsAnErrorNamingTheMember) {
  std::string bytes = TarBuilder().file("a", "x").entry("blobs/big", '0', "short", "", {}, 5000).unfinished();
  EXPECT_EQ(
      error_of(bytes),
      "img.tar: entry 'blobs/big' at offset 1024: content of 5000 bytes runs past the end of the archive "
      "(2048 bytes)");
}

TEST(TarIndex, TruncatedInPaddingIsAnError) {
  std::string bytes = TarBuilder().file("a", "xyz").unfinished().substr(0, 700);
  EXPECT_EQ(error_of(bytes),
            "img.tar: entry 'a' at offset 0: truncated in the padding (the archive ends at 700)");
}

TEST(TarIndex, ArchiveEndingOnABlockBoundaryIsAccepted) {
  auto idx = index_of(TarBuilder().file("a", "x").file("b", "y").unfinished());
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  EXPECT_EQ(idx->members.size(), 2u);
}

TEST(TarIndex, EmptyArchiveHasNoMembers) {
  auto idx = index_of(std::string(1024, '\0'));
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  EXPECT_TRUE(idx->members.empty());
}

TEST(TarIndex, ZeroByteFileIsNotATarArchive) { EXPECT_EQ(error_of(""), "img.tar: not a tar archive: empty"); }

TEST(TarIndex, DotDotNameIsAnError) {
  EXPECT_EQ(error_of(TarBuilder().file("a", "").file("../x", "").finish()),
            "img.tar: entry '../x': name has a '..' component (header at offset 512)");
}

TEST(TarIndex, AbsoluteNamesAreTakenRelativeToTheArchive) {
  auto idx = index_of(TarBuilder().file("/manifest.json", "m").finish());
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  EXPECT_EQ(idx->members.count("manifest.json"), 1u);
}

TEST(TarIndex, MalformedPaxRecordIsAnError) {
  std::string records = "99 path=x\n";
  std::string bytes = header("PaxHeader", 'x', records.size()) + padded(records) + end_blocks();
  EXPECT_EQ(error_of(bytes), "img.tar: 'x' header at offset 0: malformed pax record at byte 0");
}

TEST(TarIndex, OversizedPaxHeaderIsAnError) {
  std::string bytes = header("PaxHeader", 'x', (1 << 20) + 1) + std::string((1 << 20) + 512, '\0');
  EXPECT_EQ(error_of(bytes), "img.tar: 'x' header at offset 0: 1048577 bytes, over the limit of 1048576");
}

TEST(TarIndex, EntryLimitIsALimitError) {
  EntryLimits limits;
  limits.max_entries = 2;
  EXPECT_EQ(error_of(TarBuilder().file("a", "").file("b", "").finish(), limits), "OK");
  auto r = index_of(TarBuilder().file("a", "").file("b", "").file("c", "").finish(), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(r.error().message, "img.tar: more than 2 entries");
}

TEST(TarIndex, LastOfDuplicateNamesWins) {
  auto idx = index_of(TarBuilder().file("a", "old").file("./a", "new!").finish());
  ASSERT_TRUE(idx.ok()) << idx.error().message;
  EXPECT_EQ(idx->members.at("a").data_offset, 1536u);
  EXPECT_EQ(*idx->read("a", 10), "new!");
}

// The docker-archive legacy layout links layer.tar files across layer directories.
TarIndex linked_archive() {
  TarBuilder b;
  b.file("def/layer.tar", "LAYER-DEF")
      .symlink("abc/layer.tar", "../def/layer.tar")
      .hardlink("hard.tar", "def/layer.tar")
      .symlink("chain", "abc/layer.tar")
      .symlink("absolute", "/def/layer.tar")
      .symlink("dirlink", "def")
      .symlink("escape", "../../../../def/layer.tar")
      .symlink("loop1", "loop2")
      .symlink("loop2", "loop1")
      .symlink("dangling", "nowhere")
      .dir("d");
  auto idx = index_tar(make_string_file(b.finish()), "img.tar");
  EXPECT_TRUE(idx.ok());
  return std::move(*idx);
}

TEST(TarIndexLinks, SymlinksAndHardLinksAreFollowed) {
  TarIndex idx = linked_archive();
  for (std::string p : {"abc/layer.tar", "hard.tar", "chain", "absolute", "dirlink/layer.tar", "escape",
                        "./abc/./layer.tar"}) {
    auto content = idx.read(p, 100);
    ASSERT_TRUE(content.ok()) << p << ": " << content.error().message;
    EXPECT_EQ(*content, "LAYER-DEF") << p;
    const TarMember* m = idx.find(p);
    ASSERT_NE(m, nullptr) << p;
    EXPECT_EQ(m->entry.path, "def/layer.tar");
    EXPECT_EQ(m->data_offset, 512u);
  }
}

TEST(TarIndexLinks, OpenStreamsTheTargetContent) {
  TarIndex idx = linked_archive();
  auto in = idx.open("abc/layer.tar");
  ASSERT_TRUE(in.ok()) << in.error().message;
  auto all = read_all(**in, 100);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, "LAYER-DEF");
}

TEST(TarIndexLinks, LinkLoopIsAnError) {
  TarIndex idx = linked_archive();
  auto r = idx.open("loop1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message, "img.tar: member 'loop1': more than 16 links");
  EXPECT_EQ(idx.find("loop1"), nullptr);
}

TEST(TarIndexLinks, MissingAndDanglingAreNotFound) {
  TarIndex idx = linked_archive();
  auto missing = idx.read("nope", 10);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(missing.error().message, "img.tar: no member 'nope'");
  auto dangling = idx.open("dangling");
  ASSERT_FALSE(dangling.ok());
  EXPECT_EQ(dangling.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(idx.find("dangling"), nullptr);
}

TEST(TarIndexLinks, OpeningADirectoryIsAnError) {
  TarIndex idx = linked_archive();
  auto r = idx.open("d");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "img.tar: member 'd' is a directory, not a regular file");
  // "dirlink" leads to "def", a directory only implied by its members: not a member itself.
  EXPECT_EQ(idx.find("dirlink"), nullptr);
}

TEST(TarIndex, ReadOverTheLimitIsALimitError) {
  auto idx = index_of(TarBuilder().file("big", std::string(100, 'b')).finish());
  ASSERT_TRUE(idx.ok());
  auto r = idx->read("big", 99);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(r.error().message, "img.tar: member 'big' is 100 bytes, over the limit of 99");
}

}  // namespace
}  // namespace customs
