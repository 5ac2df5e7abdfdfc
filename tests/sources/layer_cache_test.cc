#include "sources/image/layer_cache.h"

#include <gtest/gtest.h>

#include <ctime>

#include "core/hash.h"

namespace customs {
namespace {

const std::string kDiffA = "sha256:" + std::string(64, 'a');
const std::string kDiffB = "sha256:" + std::string(64, 'b');
const std::string kDiffC = "sha256:" + std::string(64, 'c');
const std::string kKey = "image-files@1";

LayerResult full_result() {
  LayerResult r;
  r.index = 7;
  r.blob_digest = "sha256:" + std::string(64, 'f');
  r.diff_id = kDiffA;
  r.blob_size = 123456789012ULL;
  r.uncompressed_size = 987654321098ULL;
  FsEntry f{"etc/passwd", EntryType::kFile, 42, 04755, 1000, 1001, -5, ""};
  FsEntry l{"bin", EntryType::kSymlink, 0, 0777, 0, 0, 1700000000, "usr/bin"};
  FsEntry h{"usr/bin/perl5", EntryType::kHardlink, 0, 0755, 0, 0, 0, "usr/bin/perl"};
  FsEntry o{"var/lib", EntryType::kOpaqueWhiteout, 0, 0, 0, 0, 0, ""};
  r.entries = {f, l, h, o};
  r.records.push_back(AnalyzerRecord{"image-files", "etc/passwd", "content", std::string("root\0x\n", 7)});
  Diagnostic d{DiagLevel::kError, "layer.bad-entry", "layer 7: entry '../x': bad", {}};
  d.where.file = "img.tar";
  d.where.line = 1;
  d.where.column = 2;
  d.where.end_line = 3;
  d.where.end_column = 4;
  d.where.layer_digest = "sha256:1";
  d.where.layer_index = 7;
  d.where.layer_created_by = "RUN x";
  d.where.path = "../x";
  r.diagnostics.push_back(d);
  return r;
}

void expect_same(const LayerResult& a, const LayerResult& b) {
  EXPECT_EQ(a.index, b.index);
  EXPECT_EQ(a.blob_digest, b.blob_digest);
  EXPECT_EQ(a.diff_id, b.diff_id);
  EXPECT_EQ(a.blob_size, b.blob_size);
  EXPECT_EQ(a.uncompressed_size, b.uncompressed_size);
  ASSERT_EQ(a.entries.size(), b.entries.size());
  for (size_t i = 0; i < a.entries.size(); ++i) {
    SCOPED_TRACE(i);
    const FsEntry& x = a.entries[i];
    const FsEntry& y = b.entries[i];
    EXPECT_EQ(x.path, y.path);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.size, y.size);
    EXPECT_EQ(x.mode, y.mode);
    EXPECT_EQ(x.uid, y.uid);
    EXPECT_EQ(x.gid, y.gid);
    EXPECT_EQ(x.mtime, y.mtime);
    EXPECT_EQ(x.link_target, y.link_target);
  }
  ASSERT_EQ(a.records.size(), b.records.size());
  for (size_t i = 0; i < a.records.size(); ++i) {
    EXPECT_EQ(a.records[i].analyzer, b.records[i].analyzer);
    EXPECT_EQ(a.records[i].path, b.records[i].path);
    EXPECT_EQ(a.records[i].kind, b.records[i].kind);
    EXPECT_EQ(a.records[i].data, b.records[i].data);
  }
  ASSERT_EQ(a.diagnostics.size(), b.diagnostics.size());
  for (size_t i = 0; i < a.diagnostics.size(); ++i) {
    const Diagnostic& x = a.diagnostics[i];
    const Diagnostic& y = b.diagnostics[i];
    EXPECT_EQ(x.level, y.level);
    EXPECT_EQ(x.code, y.code);
    EXPECT_EQ(x.message, y.message);
    EXPECT_EQ(x.where.file, y.where.file);
    EXPECT_EQ(x.where.line, y.where.line);
    EXPECT_EQ(x.where.column, y.where.column);
    EXPECT_EQ(x.where.end_line, y.where.end_line);
    EXPECT_EQ(x.where.end_column, y.where.end_column);
    EXPECT_EQ(x.where.layer_digest, y.where.layer_digest);
    EXPECT_EQ(x.where.layer_index, y.where.layer_index);
    EXPECT_EQ(x.where.layer_created_by, y.where.layer_created_by);
    EXPECT_EQ(x.where.path, y.where.path);
  }
}

// Rewrites the trailing checksum so the body's own checks are what a test exercises.
std::string reseal(std::string bytes) {
  std::string body = bytes.substr(0, bytes.size() - 64);
  return body + sha256_hex(body);
}

TEST(LayerCacheEncoding, RoundTripsEveryField) {
  LayerResult in = full_result();
  auto out = decode_layer_result(encode_layer_result(in));
  ASSERT_TRUE(out.ok()) << out.error().message;
  expect_same(in, *out);
  EXPECT_FALSE(out->from_cache);
}

TEST(LayerCacheEncoding, StartsWithMagicAndVersion) {
  std::string bytes = encode_layer_result(LayerResult{});
  EXPECT_EQ(bytes.substr(0, 12), std::string("CUSTOMSL\x01\0\0\0", 12));
}

TEST(LayerCacheEncoding, EveryTruncationIsRejected) {
  std::string bytes = encode_layer_result(full_result());
  for (size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(decode_layer_result(bytes.substr(0, n)).ok()) << n;
}

TEST(LayerCacheEncoding, EveryFlippedByteIsRejected) {
  std::string bytes = encode_layer_result(full_result());
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x40);
    EXPECT_FALSE(decode_layer_result(bad).ok()) << i;
  }
}

TEST(LayerCacheEncoding, OtherFormatVersionIsRejected) {
  std::string bytes = encode_layer_result(full_result());
  bytes[8] = 2;
  auto r = decode_layer_result(reseal(bytes));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "layer cache entry: format version 2, expected 1");
}

TEST(LayerCacheEncoding, CountBeyondTheInputIsRejected) {
  LayerResult empty;
  std::string bytes = encode_layer_result(empty);
  // Layout: magic, version, index, two empty strings, two sizes, then the entry count.
  size_t count_at = 8 + 4 + 8 + 4 + 4 + 8 + 8;
  for (int i = 0; i < 8; ++i) bytes[count_at + i] = '\xff';
  auto r = decode_layer_result(reseal(bytes));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "layer cache entry: truncated or malformed");
}

TEST(LayerCacheEncoding, TrailingBytesAreRejected) {
  std::string bytes = encode_layer_result(LayerResult{});
  bytes.insert(bytes.size() - 64, "x");
  auto r = decode_layer_result(reseal(bytes));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "layer cache entry: 1 bytes after the end");
}

TEST(LayerCacheEncoding, UnknownEntryTypeIsRejected) {
  LayerResult r;
  r.entries.push_back(FsEntry{"a"});
  std::string bytes = encode_layer_result(r);
  size_t type_at = 8 + 4 + 8 + 4 + 4 + 8 + 8 + 8 + 4 + 1;
  ASSERT_EQ(bytes[type_at], 0);
  bytes[type_at] = 9;
  EXPECT_FALSE(decode_layer_result(reseal(bytes)).ok());
}

std::string entry_file(const std::string& diff_hex) {
  return "/cache/layers/" + diff_hex + "-" + sha256_hex(kKey).substr(0, 16) + ".bin";
}

TEST(LayerCache, PutThenGetIsAHitFromCache) {
  MemoryFs fs;
  LayerCache cache(fs, "/cache/layers", 1 << 20);
  LayerResult in = full_result();
  ASSERT_TRUE(cache.put(in, kKey).ok());
  EXPECT_TRUE(fs.exists(entry_file(std::string(64, 'a'))));
  auto hit = cache.get(kDiffA, kKey);
  ASSERT_TRUE(hit.has_value());
  EXPECT_TRUE(hit->from_cache);
  expect_same(in, *hit);
}

TEST(LayerCache, OtherAnalyzersOrLayerIsAMiss) {
  MemoryFs fs;
  LayerCache cache(fs, "/cache/layers", 1 << 20);
  ASSERT_TRUE(cache.put(full_result(), kKey).ok());
  EXPECT_FALSE(cache.get(kDiffA, "image-files@2").has_value());
  EXPECT_FALSE(cache.get(kDiffB, kKey).has_value());
}

TEST(LayerCache, DamagedEntryIsAMissAndIsRemoved) {
  MemoryFs fs;
  LayerCache cache(fs, "/cache/layers", 1 << 20);
  ASSERT_TRUE(cache.put(full_result(), kKey).ok());
  std::string path = entry_file(std::string(64, 'a'));
  std::string bytes = *fs.read_file(path, 1 << 20);
  ASSERT_TRUE(fs.write_file(path, bytes.substr(0, bytes.size() / 2)).ok());
  EXPECT_FALSE(cache.get(kDiffA, kKey).has_value());
  EXPECT_FALSE(fs.exists(path));
}

TEST(LayerCache, EntryForAnotherLayerUnderThisNameIsAMiss) {
  MemoryFs fs;
  LayerCache cache(fs, "/cache/layers", 1 << 20);
  LayerResult other = full_result();
  other.diff_id = kDiffB;
  ASSERT_TRUE(fs.write_file(entry_file(std::string(64, 'a')), encode_layer_result(other)).ok());
  EXPECT_FALSE(cache.get(kDiffA, kKey).has_value());
}

TEST(LayerCache, MalformedDiffIdIsNeverAPath) {
  MemoryFs fs;
  LayerCache cache(fs, "/cache/layers", 1 << 20);
  LayerResult r = full_result();
  r.diff_id = "sha256:../../../etc/passwd";
  Status s = cache.put(r, kKey);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
  EXPECT_FALSE(cache.get(r.diff_id, kKey).has_value());
  EXPECT_FALSE(fs.is_directory("/cache/layers"));
}

TEST(LayerCache, ResultOverTheBoundIsNotStored) {
  MemoryFs fs;
  LayerCache cache(fs, "/cache/layers", 100);
  Status s = cache.put(full_result(), kKey);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kLimit);
  EXPECT_FALSE(fs.exists(entry_file(std::string(64, 'a'))));
}

TEST(LayerCache, EvictsLeastRecentlyUsedFirst) {
  MemoryFs fs;
  LayerResult a = full_result();
  LayerResult b = a;
  b.diff_id = kDiffB;
  LayerResult c = a;
  c.diff_id = kDiffC;
  uint64_t size = encode_layer_result(a).size();
  LayerCache cache(fs, "/cache/layers", 2 * size);  // room for two
  std::string pa = entry_file(std::string(64, 'a'));
  std::string pb = entry_file(std::string(64, 'b'));
  std::string pc = entry_file(std::string(64, 'c'));

  ASSERT_TRUE(cache.put(a, kKey).ok());
  ASSERT_TRUE(fs.set_mtime(pa, 100).ok());
  ASSERT_TRUE(cache.put(b, kKey).ok());
  ASSERT_TRUE(fs.set_mtime(pb, 200).ok());
  ASSERT_TRUE(cache.get(kDiffA, kKey).has_value());  // a is now the most recently used
  EXPECT_GE(fs.stat(pa)->mtime, static_cast<int64_t>(std::time(nullptr)) - 60);
  ASSERT_TRUE(cache.put(c, kKey).ok());
  EXPECT_TRUE(fs.exists(pa));
  EXPECT_FALSE(fs.exists(pb));
  EXPECT_TRUE(fs.exists(pc));
}

TEST(LayerCache, OtherFilesInTheFolderAreNeitherCountedNorRemoved) {
  MemoryFs fs;
  ASSERT_TRUE(fs.write_file("/cache/layers/notes.txt", std::string(10000, 'x')).ok());
  LayerResult a = full_result();
  LayerCache cache(fs, "/cache/layers", encode_layer_result(a).size());
  ASSERT_TRUE(cache.put(a, kKey).ok());
  EXPECT_TRUE(fs.exists("/cache/layers/notes.txt"));
  EXPECT_TRUE(fs.exists(entry_file(std::string(64, 'a'))));
}

}  // namespace
}  // namespace customs
