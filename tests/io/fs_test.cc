#include "io/fs.h"

#include <gtest/gtest.h>

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
