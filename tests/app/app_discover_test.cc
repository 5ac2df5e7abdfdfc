#include <gtest/gtest.h>

#include "app/discover.h"

namespace customs {
namespace {

using Files = std::vector<std::string>;

TEST(AppDiscover, DockerfileNames) {
  for (const char* yes : {"Dockerfile", "Containerfile", "api.Dockerfile", "api.dockerfile", "Dockerfile.dev",
                          "Containerfile.prod"})
    EXPECT_TRUE(is_dockerfile_name(yes)) << yes;
  for (const char* no : {"Dockerfile.dockerignore", "api.dockerignore", ".dockerignore", "dockerfile",
                         "README.md", ".Dockerfile", "Dockerfiles", "MyDockerfile"})
    EXPECT_FALSE(is_dockerfile_name(no)) << no;
}

MemoryFs tree() {
  MemoryFs fs;
  fs.add_file("repo/Dockerfile", "FROM a\n");
  fs.add_file("repo/Dockerfile.dockerignore", "*\n");
  fs.add_file("repo/README.md", "x\n");
  fs.add_file("repo/services/web/Containerfile", "FROM b\n");
  fs.add_file("repo/services/api/api.Dockerfile", "FROM c\n");
  fs.add_file("repo/services/api/Dockerfile.dev", "FROM d\n");
  fs.add_file("repo/.git/Dockerfile", "FROM e\n");
  fs.add_file("repo/node_modules/pkg/Dockerfile", "FROM f\n");
  fs.add_file("repo/docs/notes.txt", "x\n");
  return fs;
}

TEST(AppDiscover, WalksRecursivelySortedAndSkipsGitAndNodeModules) {
  MemoryFs fs = tree();
  auto r = discover_dockerfiles(fs, {"repo"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(*r, (Files{"repo/Dockerfile", "repo/services/api/Dockerfile.dev",
                       "repo/services/api/api.Dockerfile", "repo/services/web/Containerfile"}));
}

TEST(AppDiscover, CurrentDirectoryGivesRelativePaths) {
  MemoryFs fs;
  fs.add_file("Dockerfile", "FROM a\n");
  fs.add_file("sub/x.dockerfile", "FROM a\n");
  auto r = discover_dockerfiles(fs, {"."});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(*r, (Files{"Dockerfile", "sub/x.dockerfile"}));
}

TEST(AppDiscover, ExplicitFileIsTakenWhateverItsName) {
  MemoryFs fs = tree();
  auto r = discover_dockerfiles(fs, {"repo/README.md"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (Files{"repo/README.md"}));
}

TEST(AppDiscover, PathsKeepTheirOrderAndDuplicatesAreDropped) {
  MemoryFs fs = tree();
  auto r =
      discover_dockerfiles(fs, {"repo/services/web", "repo/Dockerfile", "repo/services/web/Containerfile"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (Files{"repo/services/web/Containerfile", "repo/Dockerfile"}));
}

TEST(AppDiscover, MissingPathIsNotFoundAndLocated) {
  MemoryFs fs = tree();
  auto r = discover_dockerfiles(fs, {"repo/Dockerfile", "nope"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(r.error().to_string(), "nope: no such file or directory");
}

TEST(AppDiscover, DirectoryWithoutDockerfilesIsAnError) {
  MemoryFs fs = tree();
  auto r = discover_dockerfiles(fs, {"repo/docs"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().where.file, "repo/docs");
  EXPECT_EQ(r.error().message.rfind("no Dockerfile or Containerfile in this directory", 0), 0u);
}

TEST(AppDiscover, DepthLimitStopsTheWalk) {
  MemoryFs fs;
  fs.add_file("a/Dockerfile", "FROM x\n");
  fs.add_file("a/b/c/Dockerfile", "FROM x\n");
  DiscoverLimits limits;
  limits.max_depth = 1;
  auto r = discover_dockerfiles(fs, {"a"}, limits);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (Files{"a/Dockerfile"}));
}

TEST(AppDiscover, FileCountLimitIsAnError) {
  MemoryFs fs;
  fs.add_file("a/Dockerfile", "FROM x\n");
  fs.add_file("a/b/Dockerfile", "FROM x\n");
  fs.add_file("a/c/Dockerfile", "FROM x\n");
  DiscoverLimits limits;
  limits.max_files = 2;
  auto r = discover_dockerfiles(fs, {"a"}, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
}

TEST(AppDiscover, DockerignoreBesideOrNamedAfterTheDockerfile) {
  MemoryFs fs;
  fs.add_file("a/Dockerfile", "FROM x\n");
  fs.add_file("a/.dockerignore", ".git\n");
  fs.add_file("b/Dockerfile", "FROM x\n");
  fs.add_file("b/Dockerfile.dockerignore", ".git\n");
  fs.add_file("c/Dockerfile", "FROM x\n");
  fs.add_file("Dockerfile", "FROM x\n");
  EXPECT_TRUE(has_dockerignore(fs, "a/Dockerfile"));
  EXPECT_TRUE(has_dockerignore(fs, "b/Dockerfile"));
  EXPECT_FALSE(has_dockerignore(fs, "c/Dockerfile"));
  EXPECT_FALSE(has_dockerignore(fs, "Dockerfile"));
}

}  // namespace
}  // namespace customs
