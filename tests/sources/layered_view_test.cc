#include "sources/image/layered_view.h"

#include <gtest/gtest.h>

#include <deque>

namespace customs {
namespace {

// Layers written entry by entry. A deque keeps the LayerResults in place while the view points
// into them.
class Layers {
 public:
  Layers& layer() {
    layers_.emplace_back();
    layers_.back().index = layers_.size() - 1;
    return *this;
  }
  Layers& add(std::string path, EntryType type, std::string link = "") {
    FsEntry e;
    e.path = std::move(path);
    e.type = type;
    e.link_target = std::move(link);
    layers_.back().entries.push_back(std::move(e));
    return *this;
  }
  Layers& file(std::string path) { return add(std::move(path), EntryType::kFile); }
  Layers& dir(std::string path) { return add(std::move(path), EntryType::kDirectory); }
  Layers& link(std::string path, std::string target) {
    return add(std::move(path), EntryType::kSymlink, std::move(target));
  }
  Layers& whiteout(std::string path) { return add(std::move(path), EntryType::kWhiteout); }
  Layers& opaque(std::string path) { return add(std::move(path), EntryType::kOpaqueWhiteout); }

  LayeredView view() const {
    std::vector<const LayerResult*> ptrs;
    for (const auto& l : layers_) ptrs.push_back(&l);
    return LayeredView(ptrs);
  }
  const FsEntry& entry(size_t layer, size_t i) const { return layers_[layer].entries[i]; }

 private:
  std::deque<LayerResult> layers_;
};

using Events = std::vector<std::pair<size_t, PathAction>>;
constexpr auto kAdded = PathAction::kAdded;
constexpr auto kChanged = PathAction::kChanged;
constexpr auto kDeleted = PathAction::kDeleted;

Events events(const LayeredView& v, const std::string& path) {
  Events out;
  for (const auto& e : v.history(path)) out.emplace_back(e.layer, e.action);
  return out;
}

std::vector<std::string> paths(const LayeredView& v) {
  std::vector<std::string> out;
  v.for_each([&](const std::string& p, const ViewNode&) { out.push_back(p); });
  return out;
}

TEST(LayeredView, WhiteoutDeletesAFile) {
  Layers l;
  l.layer().dir("app").file("app/x").file("app/y").layer().whiteout("app/x");
  auto v = l.view();
  EXPECT_EQ(paths(v), (std::vector<std::string>{"app", "app/y"}));
  EXPECT_EQ(v.find("app/x"), nullptr);
  EXPECT_EQ(events(v, "app/x"), (Events{{0, kAdded}, {1, kDeleted}}));
  EXPECT_EQ(events(v, "app/y"), (Events{{0, kAdded}}));
  EXPECT_TRUE(v.deleted("app/x"));
  EXPECT_FALSE(v.deleted("app/y"));
  EXPECT_FALSE(v.deleted("never"));
  EXPECT_TRUE(v.history("never").empty());
}

TEST(LayeredView, WhiteoutDeletesADirectoryTreeButNotItsNeighbours) {
  Layers l;
  l.layer().dir("d").file("d/x").dir("d/sub").file("d/sub/y").file("d.txt").file("d0").file("dz");
  l.layer().whiteout("d");
  auto v = l.view();
  EXPECT_EQ(paths(v), (std::vector<std::string>{"d.txt", "d0", "dz"}));
  for (const char* p : {"d", "d/x", "d/sub", "d/sub/y"})
    EXPECT_EQ(events(v, p), (Events{{0, kAdded}, {1, kDeleted}})) << p;
  EXPECT_EQ(v.all_history().size(), 7u);
}

TEST(LayeredView, WhiteoutOfAnImpliedDirectoryDeletesItsChildren) {
  Layers l;
  l.layer().file("opt/tool/bin").layer().whiteout("opt/tool");
  auto v = l.view();
  EXPECT_EQ(v.size(), 0u);
  EXPECT_EQ(events(v, "opt/tool/bin"), (Events{{0, kAdded}, {1, kDeleted}}));
  EXPECT_TRUE(v.history("opt/tool").empty());
}

TEST(LayeredView, OpaqueDirectoryHidesLowerContentAndKeepsSameLayerAdditions) {
  Layers l;
  l.layer().dir("d").file("d/old").dir("d/sub").file("d/sub/x").file("e");
  // Within a layer the order is arbitrary: an addition before the marker still survives.
  l.layer().file("d/new").opaque("d").dir("d");
  auto v = l.view();
  EXPECT_EQ(paths(v), (std::vector<std::string>{"d", "d/new", "e"}));
  EXPECT_EQ(events(v, "d/old"), (Events{{0, kAdded}, {1, kDeleted}}));
  EXPECT_EQ(events(v, "d/sub/x"), (Events{{0, kAdded}, {1, kDeleted}}));
  EXPECT_EQ(events(v, "d/new"), (Events{{1, kAdded}}));
  EXPECT_EQ(events(v, "d"), (Events{{0, kAdded}, {1, kChanged}}));
  EXPECT_EQ(v.find("d")->layer, 1u);
}

TEST(LayeredView, OpaqueRootHidesEveryLowerLayer) {
  Layers l;
  l.layer().dir("").file("a").file("b/c").layer().opaque("").file("z");
  auto v = l.view();
  EXPECT_EQ(paths(v), (std::vector<std::string>{"", "z"}));
  EXPECT_EQ(events(v, "b/c"), (Events{{0, kAdded}, {1, kDeleted}}));
}

TEST(LayeredView, DeletedThenAddedAgainKeepsTheWholeHistory) {
  Layers l;
  l.layer().file("root/.aws/credentials").layer().whiteout("root/.aws/credentials");
  l.layer().file("root/.aws/credentials");
  auto v = l.view();
  EXPECT_EQ(events(v, "root/.aws/credentials"), (Events{{0, kAdded}, {1, kDeleted}, {2, kAdded}}));
  ASSERT_NE(v.find("root/.aws/credentials"), nullptr);
  EXPECT_EQ(v.find("root/.aws/credentials")->layer, 2u);
  EXPECT_FALSE(v.deleted("root/.aws/credentials"));
}

TEST(LayeredView, WhiteoutAndAdditionInOneLayerLeaveTheNewFile) {
  Layers l;
  l.layer().file("f").layer().file("f").whiteout("f");
  auto v = l.view();
  EXPECT_EQ(events(v, "f"), (Events{{0, kAdded}, {1, kDeleted}, {1, kAdded}}));
  ASSERT_NE(v.find("f"), nullptr);
  EXPECT_EQ(v.find("f")->entry, &l.entry(1, 0));
}

TEST(LayeredView, RewrittenFileIsChangedAndPointsAtTheNewEntry) {
  Layers l;
  l.layer().file("etc/passwd").layer().file("etc/passwd");
  auto v = l.view();
  EXPECT_EQ(events(v, "etc/passwd"), (Events{{0, kAdded}, {1, kChanged}}));
  const ViewNode* n = v.find("etc/passwd");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->entry, &l.entry(1, 0));
  EXPECT_EQ(n->layer, 1u);
}

TEST(LayeredView, DuplicateInOneLayerIsOneEventAndTheLastEntryWins) {
  Layers l;
  l.layer().file("f").file("f");
  auto v = l.view();
  EXPECT_EQ(events(v, "f"), (Events{{0, kAdded}}));
  EXPECT_EQ(v.find("f")->entry, &l.entry(0, 1));
}

TEST(LayeredView, DirectoryReplacedByAFileLosesItsChildren) {
  Layers l;
  l.layer().dir("d").file("d/x").layer().file("d");
  auto v = l.view();
  EXPECT_EQ(paths(v), (std::vector<std::string>{"d"}));
  EXPECT_EQ(v.find("d")->entry->type, EntryType::kFile);
  EXPECT_EQ(events(v, "d/x"), (Events{{0, kAdded}, {1, kDeleted}}));
  EXPECT_EQ(events(v, "d"), (Events{{0, kAdded}, {1, kChanged}}));
}

TEST(LayeredView, HardLinkIsAnEntryNamingItsTarget) {
  Layers l;
  l.layer().file("usr/bin/perl").add("usr/bin/perl5", EntryType::kHardlink, "usr/bin/perl");
  auto v = l.view();
  const ViewNode* n = v.find("usr/bin/perl5");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->entry->type, EntryType::kHardlink);
  EXPECT_EQ(n->entry->link_target, "usr/bin/perl");
  EXPECT_EQ(v.size(), 2u);
}

TEST(LayeredView, WhiteoutOfAMissingPathRecordsNothing) {
  Layers l;
  l.layer().file("a").layer().whiteout("b");
  auto v = l.view();
  EXPECT_TRUE(v.history("b").empty());
  EXPECT_EQ(v.size(), 1u);
}

class ResolveTest : public ::testing::Test {
 protected:
  ResolveTest() {
    l_.layer()
        .dir("usr")
        .dir("usr/bin")
        .file("usr/bin/tool")
        .file("usr/lib/libc.so")
        .link("bin", "usr/bin")
        .link("lib", "/usr/lib")
        .link("etc/alt", "../bin/tool")
        .link("up", "../../../../usr")
        .link("loop1", "loop2")
        .link("loop2", "./loop1")
        .link("dangling", "nowhere/file")
        .link("abs-dotdot", "/../../usr/bin/./tool");
  }
  Layers l_;
};

TEST_F(ResolveTest, FollowsRelativeAndAbsoluteLinksInEveryComponent) {
  auto v = l_.view();
  EXPECT_EQ(*v.resolve("bin/tool"), "usr/bin/tool");
  EXPECT_EQ(*v.resolve("/bin/tool"), "usr/bin/tool");
  EXPECT_EQ(*v.resolve("lib/libc.so"), "usr/lib/libc.so");
  EXPECT_EQ(*v.resolve("etc/alt"), "usr/bin/tool");
  EXPECT_EQ(*v.resolve("usr/bin/tool"), "usr/bin/tool");
  EXPECT_EQ(*v.resolve("bin"), "usr/bin");
}

TEST_F(ResolveTest, DotDotStopsAtTheRoot) {
  auto v = l_.view();
  EXPECT_EQ(*v.resolve("up/bin/tool"), "usr/bin/tool");
  EXPECT_EQ(*v.resolve("abs-dotdot"), "usr/bin/tool");
  EXPECT_EQ(*v.resolve("../../etc/../usr/./lib"), "usr/lib");
  EXPECT_EQ(*v.resolve(""), "");
}

TEST_F(ResolveTest, ImpliedDirectoryExists) {
  auto v = l_.view();
  EXPECT_EQ(*v.resolve("usr/lib"), "usr/lib");
  EXPECT_EQ(*v.resolve("etc"), "etc");
}

TEST_F(ResolveTest, LoopIsALimitError) {
  auto v = l_.view();
  auto r = v.resolve("loop1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(r.error().message, "too many levels of symbolic links resolving 'loop1'");
}

TEST_F(ResolveTest, DanglingAndMissingAreNotFound) {
  auto v = l_.view();
  auto r = v.resolve("dangling");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(r.error().message, "'dangling' resolves to 'nowhere/file', which does not exist");
  EXPECT_EQ(v.resolve("usr/bin/missing").error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(v.resolve("us").error().kind, ErrorKind::kNotFound);
}

TEST(LayeredViewResolve, FortyHopsResolveAndFortyOneDoNot) {
  Layers l;
  l.layer().file("target");
  for (int i = 0; i < 41; ++i)
    l.link("l" + std::to_string(i), i == 40 ? "target" : "l" + std::to_string(i + 1));
  auto v = l.view();
  EXPECT_EQ(*v.resolve("l1"), "target");  // l1 .. l40: 40 links
  auto r = v.resolve("l0");               // 41 links
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
}

TEST(LayeredViewResolve, UsesTheFinalViewOnly) {
  Layers l;
  l.layer().link("cfg", "etc/a").file("etc/a").file("etc/b").layer().link("cfg", "etc/b").whiteout("etc/a");
  auto v = l.view();
  EXPECT_EQ(*v.resolve("cfg"), "etc/b");
  EXPECT_EQ(events(v, "cfg"), (Events{{0, kAdded}, {1, kChanged}}));
}

TEST(PathAction, Names) {
  EXPECT_EQ(to_string(PathAction::kAdded), "added");
  EXPECT_EQ(to_string(PathAction::kChanged), "changed");
  EXPECT_EQ(to_string(PathAction::kDeleted), "deleted");
}

}  // namespace
}  // namespace customs
