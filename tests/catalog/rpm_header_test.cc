// The rpm header blob parser: real blobs from the committed rpmdb.sqlite (made by rpm 4.18),
// and hand-built blobs for the hostile cases.
#include "catalog/rpm/header.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "catalog/rpm_fixtures.h"

namespace customs {
namespace {

using rpm_test::sqlite_blobs;
using rpm_test::testdata;

// Builds a header blob: entries in insertion order, data appended as given.
class HeaderBuilder {
 public:
  HeaderBuilder& str(uint32_t tag, const std::string& s) { return raw(tag, 6, 1, s + '\0'); }
  HeaderBuilder& strs(uint32_t tag, const std::vector<std::string>& v) {
    std::string d;
    for (const auto& s : v) d += s + '\0';
    return raw(tag, 8, static_cast<uint32_t>(v.size()), d);
  }
  HeaderBuilder& ints(uint32_t tag, const std::vector<uint32_t>& v) {
    while (data_.size() % 4 != 0) data_ += '\0';
    std::string d;
    for (uint32_t x : v) d += be(x);
    return raw(tag, 4, static_cast<uint32_t>(v.size()), d);
  }
  // An entry with explicit fields, its data appended at the current end of the store.
  HeaderBuilder& raw(uint32_t tag, uint32_t type, uint32_t count, const std::string& data) {
    return entry(tag, type, static_cast<uint32_t>(data_.size()), count, data);
  }
  HeaderBuilder& entry(uint32_t tag, uint32_t type, uint32_t offset, uint32_t count,
                       const std::string& data) {
    index_ += be(tag) + be(type) + be(offset) + be(count);
    data_ += data;
    return *this;
  }
  std::string blob() const {
    return be(static_cast<uint32_t>(index_.size() / 16)) + be(static_cast<uint32_t>(data_.size())) + index_ +
           data_;
  }

 private:
  static std::string be(uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
  }
  std::string index_, data_;
};

HeaderBuilder minimal(const std::string& name) {
  HeaderBuilder b;
  b.str(kRpmTagName, name).str(kRpmTagVersion, "1.0").str(kRpmTagRelease, "2.el8").str(kRpmTagArch, "x86_64");
  return b;
}

std::map<std::string, Package> committed_packages() {
  std::map<std::string, Package> out;
  for (const auto& [hnum, blob] : sqlite_blobs(testdata("rpmdb.sqlite"))) {
    auto p = rpm_package_from_header(blob);
    EXPECT_TRUE(p.ok()) << hnum;
    if (p.ok() && p->has_value()) out[(*p)->name] = **p;
  }
  return out;
}

TEST(RpmHeader, ReadsEveryFieldOfARealHeader) {
  auto pkgs = committed_packages();
  ASSERT_EQ(pkgs.size(), 3u);
  const Package& foo = pkgs.at("foo");
  EXPECT_EQ(foo.type, PackageType::kRpm);
  EXPECT_EQ(foo.version, "2:1.2.3-4.el9");
  EXPECT_EQ(foo.arch, "x86_64");
  EXPECT_EQ(foo.licenses, std::vector<std::string>{"MIT and (GPLv2+ or BSD)"});
  EXPECT_EQ(foo.supplier, "Customs Lab");
  EXPECT_EQ(foo.homepage, "https://example.invalid/foo");
  EXPECT_EQ(foo.source_name, "foo");
  EXPECT_EQ(foo.source_version, "");
  std::vector<std::string> files = foo.files;
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"usr/bin/foo", "usr/share/foo", "usr/share/foo/README"}));
}

TEST(RpmHeader, SubpackageNamesItsSourceRpm) {
  auto pkgs = committed_packages();
  const Package& libs = pkgs.at("foo-libs");
  EXPECT_EQ(libs.version, "2:1.2.3-4.el9");
  EXPECT_EQ(libs.source_name, "foo");
  EXPECT_EQ(libs.source_version, "");
  EXPECT_EQ(libs.files, std::vector<std::string>{"usr/lib64/libfoo.so.1"});
}

TEST(RpmHeader, VersionHasNoEpochWhenTheTagIsAbsent) {
  auto pkgs = committed_packages();
  const Package& bar = pkgs.at("bar");
  EXPECT_EQ(bar.version, "0.9-1");
  EXPECT_EQ(bar.arch, "noarch");
  EXPECT_EQ(bar.licenses, std::vector<std::string>{"ASL 2.0"});
  EXPECT_EQ(bar.supplier, "");
  EXPECT_EQ(bar.files.size(), 41u);  // etc/bar and its 40 files
  EXPECT_NE(std::find(bar.files.begin(), bar.files.end(), "etc/bar/setting-with-a-long-name-40.conf"),
            bar.files.end());
}

TEST(RpmHeader, ZeroEpochIsShownWhenDeclared) {
  auto p = rpm_package_from_header(minimal("zlib").ints(kRpmTagEpoch, {0}).blob());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)->version, "0:1.0-2.el8");
}

TEST(RpmHeader, SplitsSourceRpmFileNames) {
  EXPECT_EQ(split_source_rpm("openssl-3.0.7-16.el9_2.src.rpm"),
            (std::pair<std::string, std::string>{"openssl", "3.0.7-16.el9_2"}));
  EXPECT_EQ(split_source_rpm("python-setuptools-53.0.0-12.el9.src.rpm"),
            (std::pair<std::string, std::string>{"python-setuptools", "53.0.0-12.el9"}));
  EXPECT_EQ(split_source_rpm("foo-1-2.nosrc.rpm"), (std::pair<std::string, std::string>{"foo", "1-2"}));
  EXPECT_EQ(split_source_rpm("noversion.src.rpm"), (std::pair<std::string, std::string>{}));
  EXPECT_EQ(split_source_rpm("foo-1-2.x86_64.rpm"), (std::pair<std::string, std::string>{}));
  EXPECT_EQ(split_source_rpm("-1-2.src.rpm"), (std::pair<std::string, std::string>{}));
}

TEST(RpmHeader, SourceVersionIsKeptWhenItDiffersAndTakesTheEpoch) {
  auto p = rpm_package_from_header(minimal("openssl-libs")
                                       .ints(kRpmTagEpoch, {1})
                                       .str(kRpmTagSourceRpm, "openssl-3.0.7-17.el9.src.rpm")
                                       .blob());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)->version, "1:1.0-2.el8");
  EXPECT_EQ((*p)->source_name, "openssl");
  EXPECT_EQ((*p)->source_version, "1:3.0.7-17.el9");
}

TEST(RpmHeader, SkipsGpgPubkeyPseudoPackages) {
  auto p = rpm_package_from_header(minimal("gpg-pubkey").blob());
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->has_value());
}

TEST(RpmHeader, OldFilenamesAreUsedWithoutBasenames) {
  auto p =
      rpm_package_from_header(minimal("old").strs(kRpmTagOldFilenames, {"/bin/old", "/etc/old.conf"}).blob());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)->files, (std::vector<std::string>{"bin/old", "etc/old.conf"}));
}

TEST(RpmHeader, DirIndexPastDirnamesDropsFilesWithAWarning) {
  std::vector<std::string> warnings;
  auto p = rpm_package_from_header(minimal("bad")
                                       .strs(kRpmTagBasenames, {"a", "b"})
                                       .strs(kRpmTagDirnames, {"/usr/"})
                                       .ints(kRpmTagDirIndexes, {0, 5})
                                       .blob(),
                                   &warnings);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE((*p)->files.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("package bad"), std::string::npos);
}

TEST(RpmHeader, OffsetPastTheDataStoreReadsAsAbsent) {
  HeaderBuilder b;
  b.entry(kRpmTagName, 6, 1000000, 1, "x\0").str(kRpmTagVersion, "1");
  auto p = rpm_package_from_header(b.blob());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().message, "header without NAME or VERSION");
}

TEST(RpmHeader, StringWithoutTerminatorReadsAsAbsent) {
  HeaderBuilder b;
  b.str(kRpmTagVersion, "1").raw(kRpmTagName, 6, 1, "unterminated");
  EXPECT_FALSE(rpm_package_from_header(b.blob()).ok());
}

TEST(RpmHeader, ArrayCountsThatLieReadAsEmpty) {
  auto blob = minimal("liar").raw(kRpmTagBasenames, 8, 0xffffffff, std::string("a\0b\0", 4)).blob();
  auto h = RpmHeader::parse(blob);
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->strings(kRpmTagBasenames).empty());
  auto ints = minimal("liar").entry(kRpmTagDirIndexes, 4, 0, 0x40000000, "").blob();
  auto h2 = RpmHeader::parse(ints);
  ASSERT_TRUE(h2.ok());
  EXPECT_FALSE(h2->int32s(kRpmTagDirIndexes).has_value());
}

TEST(RpmHeader, RejectsSizesLargerThanTheBlob) {
  std::string blob = minimal("x").blob();
  EXPECT_FALSE(RpmHeader::parse(blob.substr(0, blob.size() - 1)).ok());
  EXPECT_FALSE(RpmHeader::parse(blob.substr(0, 7)).ok());
  std::string huge_il("\x00\x01\x00\x00\x00\x00\x00\x00", 8);
  EXPECT_FALSE(RpmHeader::parse(huge_il).ok());
  std::string wrapping("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
  EXPECT_FALSE(RpmHeader::parse(wrapping).ok());
}

TEST(RpmHeader, WrongTypesReadAsAbsent) {
  auto blob = minimal("typed")
                  .raw(kRpmTagEpoch, 6, 1, std::string("1\0", 2))
                  .raw(kRpmTagLicense, 4, 1, "abcd")
                  .blob();
  auto p = rpm_package_from_header(blob);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)->version, "1.0-2.el8");
  EXPECT_TRUE((*p)->licenses.empty());
}

}  // namespace
}  // namespace customs
