#include "io/fs.h"
#include "scratch_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace customs {
namespace {

TEST(MemoryFs, ListsFilesAndImpliedDirectoriesSorted) {
  MemoryFs fs;
  fs.add_file("proj/b/Dockerfile", "FROM x\n");
  fs.add_file("proj/a.txt", "hi");
  auto entries = fs.list_dir("proj");
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].name, "a.txt");
  EXPECT_EQ((*entries)[0].type, FileType::kRegular);
  EXPECT_EQ((*entries)[1].name, "b");
  EXPECT_EQ((*entries)[1].type, FileType::kDirectory);
}

TEST(MemoryFs, ReadOverLimitIsALimitError) {
  MemoryFs fs;
  fs.add_file("big", std::string(100, 'x'));
  auto r = fs.read_file("big", 10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
}

TEST(MemoryFs, MissingFileIsNotFound) {
  MemoryFs fs;
  auto r = fs.read_file("nope", 10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
}

TEST(DiskFs, MissingFileIsNotFoundWithPath) {
  DiskFs fs;
  auto r = fs.read_file("/nonexistent/customs/file", 10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(r.error().where.file, "/nonexistent/customs/file");
}

// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
 public:
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::vector<std::string> names() const {
    DiskFs fs;
    std::vector<std::string> out;
    auto entries = fs.list_dir(dir_.str());
    for (const auto& e : *entries) out.push_back(e.name);
    return out;
  }

 private:
  testing::ScratchDir dir_{"fs_test"};
};

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DiskFs, FifoIsRefusedWithoutBlocking) {
  TempDir t;
  ASSERT_EQ(::mkfifo(t.path("Dockerfile").c_str(), 0644), 0);
  DiskFs fs;
  auto r = fs.read_file(t.path("Dockerfile"), 100);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message, "not a regular file (a FIFO)");
  EXPECT_EQ(r.error().where.file, t.path("Dockerfile"));
}

TEST(DiskFs, CharacterDeviceIsRefused) {
  DiskFs fs;
  auto r = fs.read_file("/dev/zero", 100);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "not a regular file (a character device)");
}

TEST(DiskFs, DirectoryIsRefused) {
  TempDir t;
  ASSERT_EQ(::mkdir(t.path("Dockerfile").c_str(), 0755), 0);
  DiskFs fs;
  auto r = fs.read_file(t.path("Dockerfile"), 100);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message, "is a directory");
}

TEST(DiskFs, SymlinkLoopIsAnIoError) {
  TempDir t;
  ASSERT_EQ(::symlink("Dockerfile", t.path("Dockerfile").c_str()), 0);
  DiskFs fs;
  auto r = fs.read_file(t.path("Dockerfile"), 100);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kIo);
  EXPECT_EQ(r.error().message, "cannot stat: Too many levels of symbolic links");
}

TEST(DiskFs, FileOverTheLimitIsALimitError) {
  TempDir t;
  DiskFs fs;
  ASSERT_TRUE(fs.write_file(t.path("big"), std::string(11, 'x')).ok());
  auto r = fs.read_file(t.path("big"), 10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(r.error().message, "file is 11 bytes, over the limit of 10");
  EXPECT_EQ(*fs.read_file(t.path("big"), 11), std::string(11, 'x'));
}

TEST(DiskFs, WriteReplacesAndKeepsTheMode) {
  TempDir t;
  DiskFs fs;
  ASSERT_TRUE(fs.write_file(t.path("f"), "one").ok());
  ASSERT_EQ(::chmod(t.path("f").c_str(), 0751), 0);
  ASSERT_TRUE(fs.write_file(t.path("f"), "two").ok());
  EXPECT_EQ(slurp(t.path("f")), "two");
  EXPECT_EQ(fs.stat(t.path("f"))->mode, 0751u);
  EXPECT_EQ(t.names(), std::vector<std::string>{"f"});  // no temporary file left behind
}

TEST(DiskFs, WriteNeverFollowsAPlantedTemporaryName) {
  TempDir t;
  DiskFs fs;
  ASSERT_TRUE(fs.write_file(t.path("victim"), "precious").ok());
  ASSERT_EQ(::symlink(t.path("victim").c_str(), t.path("Dockerfile.customs-tmp").c_str()), 0);
  ASSERT_TRUE(fs.write_file(t.path("Dockerfile"), "FROM x\n").ok());
  EXPECT_EQ(slurp(t.path("victim")), "precious");
  EXPECT_EQ(slurp(t.path("Dockerfile")), "FROM x\n");
}

TEST(DiskFs, WriteThroughASymlinkKeepsTheLink) {
  TempDir t;
  DiskFs fs;
  ASSERT_TRUE(fs.write_file(t.path("real"), "old").ok());
  ASSERT_EQ(::symlink("real", t.path("link").c_str()), 0);
  ASSERT_TRUE(fs.write_file(t.path("link"), "new").ok());
  EXPECT_EQ(fs.stat(t.path("link"))->type, FileType::kSymlink);
  EXPECT_EQ(slurp(t.path("real")), "new");
}

TEST(DiskFs, WriteToADeviceWritesInPlace) {
  DiskFs fs;
  ASSERT_TRUE(fs.write_file("/dev/null", "report").ok());
  EXPECT_EQ(fs.stat("/dev/null")->type, FileType::kOther);
}

TEST(DiskFs, WriteToAFifoWithoutReaderFailsInsteadOfBlocking) {
  TempDir t;
  ASSERT_EQ(::mkfifo(t.path("out").c_str(), 0644), 0);
  DiskFs fs;
  Status s = fs.write_file(t.path("out"), "report");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "cannot write: No such device or address");
}

TEST(DiskFs, WriteToADirectoryIsRefused) {
  TempDir t;
  DiskFs fs;
  Status s = fs.write_file(t.path(""), "x");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "is a directory");
}

TEST(DiskFs, OpenReadsARegularFileAtOffsets) {
  TempDir t;
  DiskFs fs;
  ASSERT_TRUE(fs.write_file(t.path("blob"), "0123456789").ok());
  auto f = fs.open(t.path("blob"));
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ((*f)->size(), 10u);
  char buf[16] = {};
  EXPECT_EQ(*(*f)->read_at(3, buf, 4), 4u);
  EXPECT_EQ(std::string(buf, 4), "3456");
  EXPECT_EQ(*(*f)->read_at(8, buf, 16), 2u);
  EXPECT_EQ(std::string(buf, 2), "89");
  EXPECT_EQ(*(*f)->read_at(10, buf, 16), 0u);
  auto s = make_range_stream(*f, 1, 3, "blob");
  EXPECT_EQ(*read_all(*s, 100), "123");
}

TEST(DiskFs, OpenRefusesAFifoWithoutBlocking) {
  TempDir t;
  ASSERT_EQ(::mkfifo(t.path("blob").c_str(), 0644), 0);
  DiskFs fs;
  auto r = fs.open(t.path("blob"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().message, "not a regular file (a FIFO)");
  EXPECT_EQ(r.error().where.file, t.path("blob"));
}

TEST(DiskFs, OpenRefusesDirectoriesDevicesAndSymlinks) {
  TempDir t;
  DiskFs fs;
  ASSERT_EQ(::mkdir(t.path("dir").c_str(), 0755), 0);
  ASSERT_TRUE(fs.write_file(t.path("real"), "x").ok());
  ASSERT_EQ(::symlink("real", t.path("link").c_str()), 0);
  EXPECT_EQ(fs.open(t.path("dir")).error().message, "is a directory");
  EXPECT_EQ(fs.open("/dev/null").error().message, "not a regular file (a character device)");
  auto link = fs.open(t.path("link"));
  ASSERT_FALSE(link.ok());
  EXPECT_EQ(link.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(link.error().message, "is a symbolic link (not followed)");
  EXPECT_EQ(fs.open(t.path("missing")).error().kind, ErrorKind::kNotFound);
}

TEST(DiskFs, StatReportsOwnerTimeLinkTargetAndDevices) {
  TempDir t;
  DiskFs fs;
  ASSERT_TRUE(fs.write_file(t.path("f"), "abc").ok());
  ASSERT_TRUE(fs.set_mtime(t.path("f"), 1600000000).ok());
  ASSERT_EQ(::symlink("../somewhere/else", t.path("link").c_str()), 0);
  auto f = fs.stat(t.path("f"));
  EXPECT_EQ(f->size, 3u);
  EXPECT_EQ(f->uid, ::getuid());
  EXPECT_EQ(f->gid, ::getgid());
  EXPECT_EQ(f->mtime, 1600000000);
  EXPECT_EQ(f->link_target, "");
  EXPECT_FALSE(f->is_device);
  auto link = fs.stat(t.path("link"));
  EXPECT_EQ(link->type, FileType::kSymlink);
  EXPECT_EQ(link->link_target, "../somewhere/else");
  auto dev = fs.stat("/dev/null");
  EXPECT_EQ(dev->type, FileType::kOther);
  EXPECT_TRUE(dev->is_device);
  ASSERT_EQ(::mkfifo(t.path("fifo").c_str(), 0644), 0);
  EXPECT_FALSE(fs.stat(t.path("fifo"))->is_device);
}

TEST(DiskFs, MakeDirsCreatesEveryMissingLevel) {
  TempDir t;
  DiskFs fs;
  ASSERT_TRUE(fs.make_dirs(t.path("a/b/c")).ok());
  EXPECT_TRUE(fs.is_directory(t.path("a/b/c")));
  EXPECT_TRUE(fs.make_dirs(t.path("a/b/c/")).ok());  // already there
  ASSERT_TRUE(fs.write_file(t.path("a/file"), "x").ok());
  Status s = fs.make_dirs(t.path("a/file/d"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "cannot create directory: exists and is not a directory");
  EXPECT_EQ(s.error().where.file, t.path("a/file"));
}

TEST(DiskFs, RemoveFileDeletesIt) {
  TempDir t;
  DiskFs fs;
  ASSERT_TRUE(fs.write_file(t.path("f"), "x").ok());
  ASSERT_TRUE(fs.remove_file(t.path("f")).ok());
  EXPECT_FALSE(fs.exists(t.path("f")));
  Status again = fs.remove_file(t.path("f"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(fs.set_mtime(t.path("f"), 1).error().kind, ErrorKind::kNotFound);
}

TEST(MemoryFs, SymlinksAreListedStatedAndFollowedOnRead) {
  MemoryFs fs;
  fs.add_file("etc/os-release", "ID=debian\n");
  fs.add_symlink("usr/lib/os-release", "../../etc/os-release");
  fs.add_symlink("loop/a", "./b");
  fs.add_symlink("loop/b", "a");
  auto st = fs.stat("usr/lib/os-release");
  EXPECT_EQ(st->type, FileType::kSymlink);
  EXPECT_EQ(st->link_target, "../../etc/os-release");
  auto entries = fs.list_dir("usr/lib");
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].type, FileType::kSymlink);
  EXPECT_EQ(*fs.read_file("usr/lib/os-release", 100), "ID=debian\n");
  EXPECT_EQ(fs.read_file("loop/a", 100).error().message, "too many levels of symbolic links");
  EXPECT_EQ(fs.open("usr/lib/os-release").error().message, "is a symbolic link (not followed)");
}

TEST(MemoryFs, OpenRemoveMakeDirsAndMtime) {
  MemoryFs fs;
  fs.add_file("cache/blob", "0123456789");
  auto f = fs.open("cache/blob");
  ASSERT_TRUE(f.ok());
  char buf[4];
  EXPECT_EQ(*(*f)->read_at(6, buf, 4), 4u);
  EXPECT_EQ(std::string(buf, 4), "6789");
  EXPECT_EQ(fs.open("cache").error().message, "is a directory");
  EXPECT_EQ(fs.open("nope").error().kind, ErrorKind::kNotFound);
  ASSERT_TRUE(fs.set_mtime("cache/blob", 42).ok());
  EXPECT_EQ(fs.stat("cache/blob")->mtime, 42);
  ASSERT_TRUE(fs.remove_file("cache/blob").ok());
  EXPECT_FALSE(fs.exists("cache/blob"));
  EXPECT_EQ(fs.remove_file("cache/blob").error().kind, ErrorKind::kNotFound);
  ASSERT_TRUE(fs.make_dirs("x/y/z").ok());
  EXPECT_TRUE(fs.is_directory("x/y"));
  EXPECT_TRUE(fs.is_directory("x/y/z"));
}

TEST(Paths, JoinDirnameBasename) {
  EXPECT_EQ(path_join("a/", "b"), "a/b");
  EXPECT_EQ(path_join("", "b"), "b");
  EXPECT_EQ(path_dirname("a/b/c"), "a/b");
  EXPECT_EQ(path_dirname("/x"), "/");
  EXPECT_EQ(path_dirname("x"), "");
  EXPECT_EQ(path_basename("a/b/c"), "c");
}

}  // namespace
}  // namespace customs
