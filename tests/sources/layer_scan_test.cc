#include "sources/image/layer_scan.h"

#include <gtest/gtest.h>

#include <map>
#include <variant>

#include "io/tar_reader.h"
#include "tar_builder.h"

namespace customs {
namespace {

// An EntryReader over a list of (entry, content) items and errors; it counts the bytes read of
// each entry so tests can tell which contents were read.
class FakeReader : public EntryReader {
 public:
  FakeReader& add(FsEntry e, std::string content = "") {
    if (e.type == EntryType::kFile) e.size = content.size();
    items_.emplace_back(Item{std::move(e), std::move(content)});
    return *this;
  }
  FakeReader& file(std::string path, std::string content = "") {
    return add(FsEntry{std::move(path)}, content);
  }
  FakeReader& fail(ErrorKind kind, std::string message) {
    items_.emplace_back(make_error(kind, std::move(message)));
    return *this;
  }
  // Every call after the item list ends returns this error (a sticky reader failure).
  FakeReader& fail_forever(ErrorKind kind, std::string message) {
    forever_ = make_error(kind, std::move(message));
    return *this;
  }
  FakeReader& fail_reads(std::string path) {
    failing_read_ = std::move(path);
    return *this;
  }

  Result<std::optional<FsEntry>> next() override {
    ++next_;
    if (next_ > items_.size()) {
      if (forever_) return *forever_;
      return std::optional<FsEntry>();
    }
    pos_ = 0;
    auto& item = items_[next_ - 1];
    if (auto* e = std::get_if<Error>(&item)) return *e;
    return std::optional<FsEntry>(std::get<Item>(item).entry);
  }

  Result<size_t> read(char* buf, size_t n) override {
    if (next_ == 0 || next_ > items_.size()) return size_t{0};
    auto* item = std::get_if<Item>(&items_[next_ - 1]);
    if (!item) return size_t{0};
    if (item->entry.path == failing_read_) return make_error(ErrorKind::kInvalidInput, "corrupt data");
    size_t k = std::min(n, item->content.size() - pos_);
    std::copy_n(item->content.data() + pos_, k, buf);
    pos_ += k;
    bytes_read_[item->entry.path] += k;
    return k;
  }

  uint64_t bytes_read(const std::string& path) const {
    auto it = bytes_read_.find(path);
    return it == bytes_read_.end() ? 0 : it->second;
  }

 private:
  struct Item {
    FsEntry entry;
    std::string content;
  };
  std::vector<std::variant<Item, Error>> items_;
  std::optional<Error> forever_;
  std::string failing_read_;
  size_t next_ = 0;
  size_t pos_ = 0;
  std::map<std::string, uint64_t> bytes_read_;
};

// Wants a fixed byte count of the paths it is given; records "whole" or "truncated" with the
// bytes it got. Counts its wants() calls.
class PrefixAnalyzer : public FileAnalyzer {
 public:
  PrefixAnalyzer(std::string name, std::map<std::string, uint64_t> wants, int version = 1)
      : name_(std::move(name)), wants_(std::move(wants)), version_(version) {}
  std::string_view name() const override { return name_; }
  int version() const override { return version_; }
  uint64_t wants(const FsEntry& e) const override {
    ++calls_[e.path];
    auto it = wants_.find(e.path);
    return it == wants_.end() ? 0 : it->second;
  }
  void analyze(const FsEntry& e, std::string_view content, bool truncated,
               std::vector<AnalyzerRecord>& out) const override {
    out.push_back(AnalyzerRecord{name_, e.path, truncated ? "truncated" : "whole", std::string(content)});
  }
  int calls(const std::string& path) const {
    auto it = calls_.find(path);
    return it == calls_.end() ? 0 : it->second;
  }

 private:
  std::string name_;
  std::map<std::string, uint64_t> wants_;
  int version_;
  mutable std::map<std::string, int> calls_;
};

FsEntry entry(std::string path, EntryType type, std::string link = "") {
  FsEntry e;
  e.path = std::move(path);
  e.type = type;
  e.link_target = std::move(link);
  return e;
}

std::vector<std::pair<std::string, EntryType>> shape(const LayerResult& r) {
  std::vector<std::pair<std::string, EntryType>> out;
  for (const auto& e : r.entries) out.emplace_back(e.path, e.type);
  return out;
}

TEST(ScanLayer, WhiteoutMarkersBecomeEntriesForWhatTheyDelete) {
  FakeReader reader;
  reader.add(entry("etc", EntryType::kDirectory))
      .file("etc/.wh.shadow")
      .file(".wh.tmp")
      .file("var/cache/.wh..wh..opq")
      .file(".wh..wh..opq")
      .file("etc/passwd", "root");
  auto r = scan_layer(reader, {}, "layer 1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::vector<std::pair<std::string, EntryType>> expected = {
      {"etc", EntryType::kDirectory},   {"etc/shadow", EntryType::kWhiteout},
      {"tmp", EntryType::kWhiteout},    {"var/cache", EntryType::kOpaqueWhiteout},
      {"", EntryType::kOpaqueWhiteout}, {"etc/passwd", EntryType::kFile}};
  EXPECT_EQ(shape(*r), expected);
  EXPECT_TRUE(r->diagnostics.empty());
}

TEST(ScanLayer, AufsMetadataIsSkippedAndEmptyWhiteoutIsADiagnostic) {
  FakeReader reader;
  reader.add(entry(".wh..wh.plnk", EntryType::kDirectory))
      .file(".wh..wh.plnk/1234.5678", "x")
      .file("usr/.wh..wh.aufs")
      .file("usr/.wh.")
      .file("usr/.wh...")
      .file("usr/bin");
  auto r = scan_layer(reader, {}, "layer 3");
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::vector<std::pair<std::string, EntryType>> expected = {{"usr/bin", EntryType::kFile}};
  EXPECT_EQ(shape(*r), expected);
  ASSERT_EQ(r->diagnostics.size(), 2u);
  EXPECT_EQ(r->diagnostics[0].code, "layer.bad-whiteout");
  EXPECT_EQ(r->diagnostics[0].message, "layer 3: entry 'usr/.wh.': whiteout marker names no file; ignored");
  EXPECT_EQ(r->diagnostics[0].where.path, "usr/.wh.");
  EXPECT_EQ(r->diagnostics[1].where.path, "usr/.wh...");
}

TEST(ScanLayer, AnalyzersGetOnlyTheirFilesWithTheirPrefixAndTruncation) {
  FakeReader reader;
  reader.file("etc/passwd", "root:x:0:0").file("app/key", "abc").file("big.bin", "0123456789");
  PrefixAnalyzer a("a", {{"etc/passwd", 4}});
  PrefixAnalyzer b("b", {{"etc/passwd", 100}, {"app/key", 3}});
  auto r = scan_layer(reader, {&a, &b}, "layer 0");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->records.size(), 3u);
  auto expect = [&](size_t i, const char* analyzer, const char* path, const char* kind, const char* data) {
    SCOPED_TRACE(i);
    EXPECT_EQ(r->records[i].analyzer, analyzer);
    EXPECT_EQ(r->records[i].path, path);
    EXPECT_EQ(r->records[i].kind, kind);
    EXPECT_EQ(r->records[i].data, data);
  };
  expect(0, "a", "etc/passwd", "truncated", "root");
  expect(1, "b", "etc/passwd", "whole", "root:x:0:0");
  expect(2, "b", "app/key", "whole", "abc");
  // One read of the largest prefix, none of a file no one wanted; one wants() per analyzer and file.
  EXPECT_EQ(reader.bytes_read("etc/passwd"), 10u);
  EXPECT_EQ(reader.bytes_read("big.bin"), 0u);
  EXPECT_EQ(a.calls("etc/passwd"), 1);
  EXPECT_EQ(b.calls("big.bin"), 1);
  EXPECT_EQ(r->entries.size(), 3u);
}

TEST(ScanLayer, ContentIsBoundedByTheLimitAndMarkedTruncated) {
  FakeReader reader;
  reader.file("f", "0123456789");
  PrefixAnalyzer a("a", {{"f", 100}});
  LayerScanLimits limits;
  limits.max_content_per_file = 6;
  auto r = scan_layer(reader, {&a}, "layer 0", limits);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->records.size(), 1u);
  EXPECT_EQ(r->records[0].data, "012345");
  EXPECT_EQ(r->records[0].kind, "truncated");
}

TEST(ScanLayer, EmptyWantedFileIsAnalyzedWhole) {
  FakeReader reader;
  reader.file("empty");
  PrefixAnalyzer a("a", {{"empty", 10}});
  auto r = scan_layer(reader, {&a}, "layer 0");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->records.size(), 1u);
  EXPECT_EQ(r->records[0].data, "");
  EXPECT_EQ(r->records[0].kind, "whole");
}

TEST(ScanLayer, HardLinksAreRecordedButNeitherOfferedNorRead) {
  FakeReader reader;
  reader.file("bin/a", "payload").add(entry("bin/b", EntryType::kHardlink, "bin/a"));
  PrefixAnalyzer a("a", {{"bin/a", 100}, {"bin/b", 100}});
  auto r = scan_layer(reader, {&a}, "layer 0");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->entries.size(), 2u);
  EXPECT_EQ(r->entries[1].type, EntryType::kHardlink);
  EXPECT_EQ(r->entries[1].link_target, "bin/a");
  EXPECT_EQ(a.calls("bin/b"), 0);
  ASSERT_EQ(r->records.size(), 1u);
  EXPECT_EQ(r->records[0].path, "bin/a");
}

TEST(ScanLayer, SymlinksDirectoriesAndDevicesAreNotOffered) {
  FakeReader reader;
  reader.add(entry("l", EntryType::kSymlink, "/etc/passwd"))
      .add(entry("d", EntryType::kDirectory))
      .add(entry("dev/null", EntryType::kCharDevice))
      .add(entry("p", EntryType::kFifo));
  PrefixAnalyzer a("a", {{"l", 1}, {"d", 1}, {"dev/null", 1}, {"p", 1}});
  auto r = scan_layer(reader, {&a}, "layer 0");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entries.size(), 4u);
  EXPECT_TRUE(r->records.empty());
  EXPECT_EQ(a.calls("l") + a.calls("d") + a.calls("dev/null") + a.calls("p"), 0);
}

TEST(ScanLayer, MoreEntriesThanTheLimitFail) {
  FakeReader reader;
  reader.file("a").file("b").file("c");
  LayerScanLimits limits;
  limits.max_entries = 2;
  auto r = scan_layer(reader, {}, "layer 5", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(r.error().message, "layer 5: more than 2 entries");
}

TEST(ScanLayer, BadEntryNameIsADiagnosticAndTheScanGoesOn) {
  FakeReader reader;
  reader.file("a")
      .fail(ErrorKind::kInvalidInput, "layer 0: entry '../x': name has a '..' component")
      .file("b");
  auto r = scan_layer(reader, {}, "layer 0");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->entries.size(), 2u);
  ASSERT_EQ(r->diagnostics.size(), 1u);
  EXPECT_EQ(r->diagnostics[0].code, "layer.bad-entry");
  EXPECT_EQ(r->diagnostics[0].message, "layer 0: entry '../x': name has a '..' component");
}

TEST(ScanLayer, StickyReaderErrorFailsTheScan) {
  FakeReader reader;
  reader.file("a").fail_forever(ErrorKind::kInvalidInput, "layer 0: header after entry 'a': damaged");
  auto r = scan_layer(reader, {}, "layer 0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "layer 0: header after entry 'a': damaged");
}

TEST(ScanLayer, StreamErrorFailsAtOnce) {
  FakeReader reader;
  reader.fail(ErrorKind::kIo, "read error").file("a");
  auto r = scan_layer(reader, {}, "layer 0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kIo);
}

TEST(ScanLayer, ContentReadErrorFailsTheScan) {
  FakeReader reader;
  reader.file("etc/passwd", "root").fail_reads("etc/passwd");
  PrefixAnalyzer a("a", {{"etc/passwd", 10}});
  auto r = scan_layer(reader, {&a}, "layer 0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "corrupt data");
}

TEST(ScanLayer, TarLayerWithWhiteoutsAndContent) {
  testing::TarBuilder tar;
  tar.dir("etc")
      .file("etc/os-release", "ID=debian\n")
      .whiteout("etc", "shadow")
      .opaque("var/lib")
      .symlink("bin", "usr/bin");
  auto reader = make_tar_reader(make_string_stream(tar.finish()), "layer 2");
  PrefixAnalyzer a("a", {{"etc/os-release", 3}});
  auto r = scan_layer(*reader, {&a}, "layer 2");
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::vector<std::pair<std::string, EntryType>> expected = {{"etc", EntryType::kDirectory},
                                                             {"etc/os-release", EntryType::kFile},
                                                             {"etc/shadow", EntryType::kWhiteout},
                                                             {"var/lib", EntryType::kOpaqueWhiteout},
                                                             {"bin", EntryType::kSymlink}};
  EXPECT_EQ(shape(*r), expected);
  EXPECT_EQ(r->entries[4].link_target, "usr/bin");
  ASSERT_EQ(r->records.size(), 1u);
  EXPECT_EQ(r->records[0].data, "ID=");
  EXPECT_EQ(r->records[0].kind, "truncated");
}

TEST(AnalyzersKey, IsSortedNameAtVersion) {
  PrefixAnalyzer b("secrets", {}, 3);
  PrefixAnalyzer a("dpkg", {}, 12);
  EXPECT_EQ(analyzers_key({&b, &a}), "dpkg@12,secrets@3");
  EXPECT_EQ(analyzers_key({}), "");
}

}  // namespace
}  // namespace customs
