#include "io/dir_reader.h"
#include "scratch_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

namespace customs {
namespace {

// Reads every entry (and, for regular files, its content) until the end or an error.
struct Walked {
  std::vector<FsEntry> entries;
  std::map<std::string, std::string> contents;
  std::optional<Error> error;
};

Walked walk(DirReader& reader) {
  Walked w;
  for (;;) {
    auto next = reader.next();
    if (!next.ok()) {
      w.error = next.error();
      return w;
    }
    if (!next->has_value()) return w;
    FsEntry e = std::move(**next);
    bool truncated = false;
    auto content = read_entry_content(reader, 1 << 20, &truncated);
    EXPECT_TRUE(content.ok());
    if (e.type == EntryType::kFile)
      w.contents[e.path] = *content;
    else
      EXPECT_EQ(*content, "") << e.path;
    w.entries.push_back(std::move(e));
  }
}

std::vector<std::pair<std::string, EntryType>> shape(const Walked& w) {
  std::vector<std::pair<std::string, EntryType>> out;
  for (const auto& e : w.entries) out.emplace_back(e.path, e.type);
  return out;
}

// A MemoryFs on which some paths cannot be listed or opened.
class LockedFs : public MemoryFs {
 public:
  std::set<std::string> unlistable, unopenable;
  Result<std::vector<DirEntry>> list_dir(const std::string& path) const override {
    if (unlistable.count(path)) return make_error(ErrorKind::kIo, "cannot list directory: Permission denied");
    return MemoryFs::list_dir(path);
  }
  Result<std::shared_ptr<const RandomAccessFile>> open(const std::string& path) const override {
    if (unopenable.count(path)) return make_error(ErrorKind::kIo, "cannot open: Permission denied");
    return MemoryFs::open(path);
  }
};

TEST(DirReader, WalksAMemoryTreeDepthFirstInNameOrder) {
  MemoryFs fs;
  fs.add_file("/img/etc/passwd", "root:x:0:0::/root:/bin/sh\n");
  fs.add_file("/img/etc/hosts", "127.0.0.1 localhost\n", 0600);
  fs.add_file("/img/usr/bin/su", "ELF", 04755);
  fs.add_symlink("/img/bin", "usr/bin");
  fs.add_dir("/img/var/empty");
  fs.add_file("/img/a.txt", "a");
  auto reader = make_dir_reader(fs, "/img");
  Walked w = walk(*reader);
  ASSERT_FALSE(w.error) << w.error->message;
  std::vector<std::pair<std::string, EntryType>> expected = {
      {"a.txt", EntryType::kFile},         {"bin", EntryType::kSymlink},     {"etc", EntryType::kDirectory},
      {"etc/hosts", EntryType::kFile},     {"etc/passwd", EntryType::kFile}, {"usr", EntryType::kDirectory},
      {"usr/bin", EntryType::kDirectory},  {"usr/bin/su", EntryType::kFile}, {"var", EntryType::kDirectory},
      {"var/empty", EntryType::kDirectory}};
  EXPECT_EQ(shape(w), expected);
  EXPECT_EQ(w.entries[1].link_target, "usr/bin");
  EXPECT_EQ(w.entries[3].mode, 0600u);
  EXPECT_EQ(w.entries[3].size, 20u);
  EXPECT_EQ(w.entries[7].mode, 04755u);
  EXPECT_EQ(w.contents["etc/passwd"], "root:x:0:0::/root:/bin/sh\n");
  EXPECT_EQ(w.contents["usr/bin/su"], "ELF");
  EXPECT_TRUE(reader->take_diagnostics().empty());
}

TEST(DirReader, UnreadParentContentIsSkippedByNext) {
  MemoryFs fs;
  fs.add_file("r/a", "first");
  fs.add_file("r/b", "second");
  auto reader = make_dir_reader(fs, "r");
  auto a = reader->next();
  ASSERT_TRUE(a.ok() && a->has_value());
  char c;
  ASSERT_EQ(*reader->read(&c, 1), 1u);
  auto b = reader->next();
  ASSERT_TRUE(b.ok() && b->has_value());
  EXPECT_EQ((*b)->path, "b");
  EXPECT_EQ(*read_entry_content(*reader, 100, nullptr), "second");
}

TEST(DirReader, MissingRootIsAnError) {
  MemoryFs fs;
  auto reader = make_dir_reader(fs, "/nope");
  auto r = reader->next();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(r.error().message, "/nope: no such directory");
}

TEST(DirReader, UnreadableDirectoryAndFileBecomeDiagnostics) {
  LockedFs fs;
  fs.add_file("/r/locked/secret", "s");
  fs.add_file("/r/private.key", "k");
  fs.add_file("/r/z", "z");
  fs.unlistable.insert("/r/locked");
  fs.unopenable.insert("/r/private.key");
  auto reader = make_dir_reader(fs, "/r");
  Walked w = walk(*reader);
  ASSERT_FALSE(w.error);
  std::vector<std::pair<std::string, EntryType>> expected = {
      {"locked", EntryType::kDirectory}, {"private.key", EntryType::kFile}, {"z", EntryType::kFile}};
  EXPECT_EQ(shape(w), expected);
  EXPECT_EQ(w.contents["private.key"], "");
  EXPECT_EQ(w.contents["z"], "z");
  auto diags = reader->take_diagnostics();
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_EQ(diags[0].code, "rootfs.unreadable");
  EXPECT_EQ(diags[0].message,
            "/r: 'locked': cannot list directory: Permission denied; its content is skipped");
  EXPECT_EQ(diags[0].where.path, "locked");
  EXPECT_EQ(diags[1].message,
            "/r: 'private.key': cannot open: Permission denied; its content is not scanned");
  EXPECT_TRUE(reader->take_diagnostics().empty());
}

TEST(DirReader, DepthIsBounded) {
  MemoryFs fs;
  fs.add_file("r/a/b/c/d", "x");
  EntryLimits limits;
  limits.max_path_depth = 2;
  auto reader = make_dir_reader(fs, "r", limits);
  Walked w = walk(*reader);
  ASSERT_FALSE(w.error);
  std::vector<std::pair<std::string, EntryType>> expected = {{"a", EntryType::kDirectory},
                                                             {"a/b", EntryType::kDirectory}};
  EXPECT_EQ(shape(w), expected);
  auto diags = reader->take_diagnostics();
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].code, "rootfs.too-deep");
  EXPECT_EQ(diags[0].where.path, "a/b");
}

TEST(DirReader, EntryCountIsBounded) {
  MemoryFs fs;
  fs.add_file("r/a", "");
  fs.add_file("r/b", "");
  fs.add_file("r/c", "");
  EntryLimits limits;
  limits.max_entries = 2;
  auto reader = make_dir_reader(fs, "r", limits);
  Walked w = walk(*reader);
  ASSERT_TRUE(w.error);
  EXPECT_EQ(w.error->kind, ErrorKind::kLimit);
  EXPECT_EQ(w.error->message, "r: more than 2 entries");
  EXPECT_EQ(w.entries.size(), 2u);
  EXPECT_EQ(reader->next().error().kind, ErrorKind::kLimit);  // and it stays failed
}

class TempDir {
 public:
  const std::string& path() const { return path_; }

 private:
  testing::ScratchDir dir_{"customs-dirreader"};
  std::string path_ = dir_.str();
};

TEST(DirReader, RealTreeReportsLinksAndFifosWithoutFollowingOrOpening) {
  TempDir tmp;
  ASSERT_FALSE(tmp.path().empty());
  const std::string& root = tmp.path();
  std::filesystem::create_directories(root + "/etc");
  std::ofstream(root + "/etc/os-release") << "ID=alpine\n";
  ::chmod((root + "/etc/os-release").c_str(), 0640);
  std::filesystem::create_directory_symlink("/etc", root + "/host-etc");
  std::filesystem::create_symlink("/etc/passwd", root + "/passwd-link");
  ASSERT_EQ(::mkfifo((root + "/pipe").c_str(), 0600), 0);

  DiskFs fs;
  auto reader = make_dir_reader(fs, root);
  Walked w = walk(*reader);  // reading the FIFO's content would block: it is never opened
  ASSERT_FALSE(w.error) << w.error->message;
  std::vector<std::pair<std::string, EntryType>> expected = {{"etc", EntryType::kDirectory},
                                                             {"etc/os-release", EntryType::kFile},
                                                             {"host-etc", EntryType::kSymlink},
                                                             {"passwd-link", EntryType::kSymlink},
                                                             {"pipe", EntryType::kFifo}};
  EXPECT_EQ(shape(w), expected);
  EXPECT_EQ(w.entries[1].size, 10u);
  EXPECT_EQ(w.entries[1].mode, 0640u);
  EXPECT_EQ(w.entries[1].uid, ::getuid());
  EXPECT_EQ(w.entries[2].link_target, "/etc");
  EXPECT_EQ(w.entries[3].link_target, "/etc/passwd");
  EXPECT_EQ(w.entries[4].mode, 0600u);
  EXPECT_EQ(w.contents["etc/os-release"], "ID=alpine\n");
  EXPECT_TRUE(reader->take_diagnostics().empty());
}

}  // namespace
}  // namespace customs
