#include "io/fs.h"

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

// A fresh directory under TMPDIR, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + std::string("/fs_test.XXXXXX");
    dir_ = ::mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    if (!dir_.empty()) std::system(("rm -rf '" + dir_ + "'").c_str());
  }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  std::vector<std::string> names() const {
    DiskFs fs;
    std::vector<std::string> out;
    auto entries = fs.list_dir(dir_);
    for (const auto& e : *entries) out.push_back(e.name);
    return out;
  }

 private:
  std::string dir_;
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
