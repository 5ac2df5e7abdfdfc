// The rpm database catalogers over real databases: committed fixtures (rpm 4.18 sqlite, db5.3
// Berkeley DB hash files in both byte orders), databases made at test time by rpmbuild + rpm, an
// ndb file laid out as rpm's rpmpkg.c writes it, and damaged copies of each.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

#include "catalog/catalog.h"
#include "catalog/catalog_test_util.h"
#include "catalog/rpm/rpmdb.h"
#include "catalog/rpm_fixtures.h"
#include "scratch_dir.h"

namespace customs {
namespace {

using customs::testing::cataloger_row;
using customs::testing::file_entry;
using customs::testing::has_diagnostic;
using customs::testing::read_file;
using customs::testing::run_cataloger;
using rpm_test::sqlite_blobs;
using rpm_test::testdata;

std::vector<std::string> nevras(const CatalogResult& r) {
  std::vector<std::string> out;
  for (const Package& p : r.packages) out.push_back(p.name + "-" + p.version + "." + p.arch);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> codes(const CatalogResult& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics) out.push_back(d.code);
  return out;
}

const std::vector<std::string> kFixturePackages = {"bar-0.9-1.noarch", "foo-2:1.2.3-4.el9.x86_64",
                                                   "foo-libs-2:1.2.3-4.el9.x86_64"};

TEST(RpmDb, WantsTheDatabasesWholeInBothLocations) {
  EXPECT_EQ(cataloger_row("rpmdb-sqlite").wants(file_entry("var/lib/rpm/rpmdb.sqlite", 0644, 40 << 20)),
            UINT64_MAX);
  EXPECT_EQ(cataloger_row("rpmdb-sqlite").wants(file_entry("usr/lib/sysimage/rpm/rpmdb.sqlite")), UINT64_MAX);
  EXPECT_EQ(cataloger_row("rpmdb-bdb").wants(file_entry("var/lib/rpm/Packages")), UINT64_MAX);
  EXPECT_EQ(cataloger_row("rpmdb-ndb").wants(file_entry("usr/lib/sysimage/rpm/Packages.db")), UINT64_MAX);
  EXPECT_EQ(cataloger_row("rpmdb-ndb").wants(file_entry("var/lib/rpm/Packages.db")), UINT64_MAX);
  EXPECT_EQ(cataloger_row("rpmdb-bdb").wants(file_entry("var/lib/rpm/Packages.db")), 0u);
  EXPECT_EQ(cataloger_row("rpmdb-bdb").wants(file_entry("home/x/var/lib/rpm/Packages")), 0u);
  EXPECT_EQ(cataloger_row("rpmdb-sqlite").wants(file_entry("var/lib/rpm/rpmdb.sqlite-wal")), 0u);
  EXPECT_EQ(cataloger_row("rpmdb-bdb").wants(file_entry("var/lib/rpm/Name")), 0u);
  FsEntry dir = file_entry("var/lib/rpm/Packages");
  dir.type = EntryType::kDirectory;
  EXPECT_EQ(cataloger_row("rpmdb-bdb").wants(dir), 0u);
}

TEST(RpmDb, ReadsTheCommittedSqliteDatabase) {
  std::string bytes = read_file(testdata("rpmdb.sqlite"));
  auto r = run_cataloger("rpmdb-sqlite", "var/lib/rpm/rpmdb.sqlite", bytes);
  EXPECT_EQ(nevras(r), kFixturePackages);
  EXPECT_TRUE(r.diagnostics.empty()) << codes(r).front();
  for (const Package& p : r.packages) {
    EXPECT_EQ(p.cataloger, "rpmdb-sqlite");
    EXPECT_EQ(p.path, "var/lib/rpm/rpmdb.sqlite");
    EXPECT_EQ(p.type, PackageType::kRpm);
    EXPECT_EQ(p.origin, PackageOrigin::kInstalled);
  }
}

TEST(RpmDb, ReadsTheCommittedBerkeleyDbInBothByteOrders) {
  for (const char* name : {"Packages", "Packages-be"}) {
    std::string bytes = read_file(testdata(name));
    auto r = run_cataloger("rpmdb-bdb", "var/lib/rpm/Packages", bytes);
    EXPECT_EQ(nevras(r), kFixturePackages) << name;
    EXPECT_TRUE(r.diagnostics.empty()) << name << ": " << r.diagnostics.front().message;
    for (const Package& p : r.packages) EXPECT_EQ(p.cataloger, "rpmdb-bdb");
  }
}

TEST(RpmDb, ReadsAnNdbDatabase) {
  std::string bytes = rpm_test::make_ndb(sqlite_blobs(testdata("rpmdb.sqlite")));
  auto r = run_cataloger("rpmdb-ndb", "usr/lib/sysimage/rpm/Packages.db", bytes);
  EXPECT_EQ(nevras(r), kFixturePackages);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(RpmDb, SameFilesFromEveryFormat) {
  auto sqlite = run_cataloger("rpmdb-sqlite", "a", read_file(testdata("rpmdb.sqlite")));
  auto bdb = run_cataloger("rpmdb-bdb", "b", read_file(testdata("Packages")));
  auto by_name = [](std::vector<Package> v) {
    std::sort(v.begin(), v.end(), [](const Package& a, const Package& b) { return a.name < b.name; });
    return v;
  };
  auto a = by_name(sqlite.packages), b = by_name(bdb.packages);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].files, b[i].files);
    EXPECT_EQ(a[i].licenses, b[i].licenses);
    EXPECT_EQ(a[i].source_name, b[i].source_name);
  }
}

// Databases made now by rpmbuild and rpm 4.18 (and db5.3_load for BDB), not the committed copies.
class RpmDbTools : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = std::make_unique<testing::ScratchDir>("customs-rpm-tools");
    dir_ = scratch_->str();
    skip_reason_ = rpm_test::make_fixtures_with_tools(dir_);
  }
  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << "cannot make rpm databases: " << skip_reason_;
  }
  static void TearDownTestSuite() { scratch_.reset(); }
  static std::unique_ptr<testing::ScratchDir> scratch_;
  static std::string dir_, skip_reason_;
};
std::unique_ptr<testing::ScratchDir> RpmDbTools::scratch_;
std::string RpmDbTools::dir_, RpmDbTools::skip_reason_;

TEST_F(RpmDbTools, ReadsTheDatabaseAsRpmLeftIt) {
  std::string bytes = read_file(dir_ + "/raw/rpmdb.sqlite");
  ASSERT_EQ(bytes[18], 2) << "rpm writes WAL-mode databases";
  auto r = run_cataloger("rpmdb-sqlite", "var/lib/rpm/rpmdb.sqlite", bytes);
  EXPECT_EQ(nevras(r), kFixturePackages);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST_F(RpmDbTools, ReadsBerkeleyDbMadeByDbLoad) {
  if (!rpm_test::have_tool("db5.3_load"))
    GTEST_SKIP() << "db5.3_load (apt-get install db5.3-util) is missing";
  for (const char* name : {"/Packages", "/Packages-be"}) {
    auto r = run_cataloger("rpmdb-bdb", "var/lib/rpm/Packages", read_file(dir_ + name));
    EXPECT_EQ(nevras(r), kFixturePackages) << name;
  }
}

TEST_F(RpmDbTools, NdbBackendOfThisRpm) {
  std::string showrc = dir_ + "/showrc";
  ASSERT_EQ(std::system(("rpm --showrc | grep 'available backends' > '" + showrc + "' 2>&1").c_str()), 0);
  if (read_file(showrc).find(" ndb") == std::string::npos) {
    GTEST_SKIP() << "this rpm is built without the ndb backend (Debian's rpm 4.18 is: " << read_file(showrc)
                 << "); ndb is tested with a database laid out as rpmpkg.c writes it";
  }
  std::string root = dir_ + "/ndbroot";
  std::string rpm = "rpm --root '" + root + "' --dbpath /var/lib/rpm --define '_db_backend ndb' ";
  std::string cmd = rpm + "--initdb && " + rpm +
                    "-i --justdb --nodeps --nosignature --ignorearch --noscripts '" + dir_ +
                    "'/raw/*.rpm >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto r =
      run_cataloger("rpmdb-ndb", "var/lib/rpm/Packages.db", read_file(root + "/var/lib/rpm/Packages.db"));
  EXPECT_EQ(nevras(r), kFixturePackages);
  EXPECT_TRUE(r.diagnostics.empty());
}

// --- damaged databases -------------------------------------------------------------------

TEST(RpmDbBroken, TruncatedSqliteGivesADiagnostic) {
  std::string bytes = read_file(testdata("rpmdb.sqlite"));
  for (size_t keep : {size_t{0}, size_t{10}, size_t{100}, size_t{512}, bytes.size() / 2, bytes.size() - 1}) {
    auto r = run_cataloger("rpmdb-sqlite", "var/lib/rpm/rpmdb.sqlite",
                           std::string_view(bytes).substr(0, keep), true);
    EXPECT_FALSE(r.diagnostics.empty()) << keep;
    EXPECT_TRUE(has_diagnostic(r, "rpm.truncated")) << keep;
  }
}

TEST(RpmDbBroken, NotASqliteFileSaysSo) {
  auto r = run_cataloger("rpmdb-sqlite", "var/lib/rpm/rpmdb.sqlite", "hello");
  EXPECT_EQ(codes(r), std::vector<std::string>{"rpm.bad-magic"});
}

TEST(RpmDbBroken, SqliteWithoutPackagesTableSaysSo) {
  testing::ScratchDir scratch("customs-rpm-sqlite");
  std::string path = (scratch / "empty.sqlite").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE Other(x); CREATE VIEW Packages AS SELECT 1 AS hnum, x'00' AS blob;", nullptr,
               nullptr, nullptr);
  sqlite3_close(db);
  auto r = run_cataloger("rpmdb-sqlite", "var/lib/rpm/rpmdb.sqlite", read_file(path));
  EXPECT_EQ(codes(r), std::vector<std::string>{"rpm.sqlite-query"});
}

TEST(RpmDbBroken, TruncatedBerkeleyDbKeepsWhatItCouldRead) {
  std::string bytes = read_file(testdata("Packages"));
  for (size_t keep = 0; keep < bytes.size(); keep += 512) {
    auto r = run_cataloger("rpmdb-bdb", "var/lib/rpm/Packages", std::string_view(bytes).substr(0, keep));
    EXPECT_FALSE(r.diagnostics.empty()) << keep;
  }
  auto r = run_cataloger("rpmdb-bdb", "var/lib/rpm/Packages",
                         std::string_view(bytes).substr(0, bytes.size() - 4096));
  EXPECT_TRUE(has_diagnostic(r, "rpm.truncated"));
}

// Overflow page numbers of the committed LE fixture, found by walking it like the reader does.
std::vector<uint32_t> overflow_pages(const std::string& bytes) {
  std::vector<uint32_t> out;
  for (size_t pg = 1; (pg + 1) * 4096 <= bytes.size(); ++pg) {
    if (static_cast<uint8_t>(bytes[pg * 4096 + 25]) == 7) out.push_back(static_cast<uint32_t>(pg));
  }
  return out;
}

TEST(RpmDbBroken, OverflowPageLoopEnds) {
  std::string bytes = read_file(testdata("Packages"));
  auto pages = overflow_pages(bytes);
  ASSERT_FALSE(pages.empty());
  for (uint32_t pg : pages) {
    std::string loop = bytes;
    rpm_test::put_le32(loop, size_t{pg} * 4096 + 16, pg);  // next page = itself
    auto r = run_cataloger("rpmdb-bdb", "var/lib/rpm/Packages", loop);
    EXPECT_TRUE(has_diagnostic(r, "rpm.bdb-overflow")) << pg;
    EXPECT_LT(r.packages.size(), 3u);
  }
}

TEST(RpmDbBroken, OverflowPagePastTheEndIsReported) {
  std::string bytes = read_file(testdata("Packages"));
  auto pages = overflow_pages(bytes);
  ASSERT_FALSE(pages.empty());
  rpm_test::put_le32(bytes, size_t{pages[0]} * 4096 + 16, 0x7fffffff);
  auto r = run_cataloger("rpmdb-bdb", "var/lib/rpm/Packages", bytes);
  EXPECT_TRUE(has_diagnostic(r, "rpm.bdb-overflow"));
  EXPECT_EQ(r.packages.size(), 2u);
}

TEST(RpmDbBroken, NotABerkeleyDbSaysSo) {
  auto r = run_cataloger("rpmdb-bdb", "var/lib/rpm/Packages", std::string(4096, 'x'));
  EXPECT_EQ(codes(r), std::vector<std::string>{"rpm.bad-magic"});
}

TEST(RpmDbBroken, NdbBlobWithBadHeaderIsReportedAndOthersKept) {
  auto blobs = sqlite_blobs(testdata("rpmdb.sqlite"));
  ASSERT_EQ(blobs.size(), 3u);
  blobs[1].second.replace(8 + 8, 4, "\x7f\xff\xff\xff", 4);  // first entry's offset far past the data
  blobs[1].second.replace(0, 4, "\x00\x00\xff\xff", 4);      // and an entry count past the blob
  auto r = run_cataloger("rpmdb-ndb", "var/lib/rpm/Packages.db", rpm_test::make_ndb(blobs));
  EXPECT_EQ(r.packages.size(), 2u);
  EXPECT_EQ(codes(r), std::vector<std::string>{"rpm.bad-header"});
}

TEST(RpmDbBroken, TruncatedNdbKeepsBlobsBeforeTheCut) {
  std::string bytes = rpm_test::make_ndb(sqlite_blobs(testdata("rpmdb.sqlite")));
  auto r = run_cataloger("rpmdb-ndb", "var/lib/rpm/Packages.db",
                         std::string_view(bytes).substr(0, bytes.size() - 20), true);
  EXPECT_EQ(r.packages.size(), 2u);
  EXPECT_TRUE(has_diagnostic(r, "rpm.truncated"));
  EXPECT_TRUE(has_diagnostic(r, "rpm.ndb-blob"));
  for (size_t keep : {size_t{0}, size_t{31}, size_t{100}, size_t{4095}}) {
    auto cut = run_cataloger("rpmdb-ndb", "var/lib/rpm/Packages.db", std::string_view(bytes).substr(0, keep));
    EXPECT_TRUE(cut.packages.empty());
    EXPECT_FALSE(cut.diagnostics.empty()) << keep;
  }
}

TEST(RpmDbBroken, NdbSlotPointingIntoSlotPagesIsReported) {
  std::string bytes = rpm_test::make_ndb(sqlite_blobs(testdata("rpmdb.sqlite")));
  rpm_test::put_le32(bytes, 32 + 8, 1);  // first slot's blob at block 1, inside the slot page
  auto r = run_cataloger("rpmdb-ndb", "var/lib/rpm/Packages.db", bytes);
  EXPECT_EQ(r.packages.size(), 2u);
  EXPECT_EQ(codes(r), std::vector<std::string>{"rpm.ndb-blob"});
}

TEST(RpmDbBroken, NdbWithHugeSlotPageCountEnds) {
  std::string bytes = rpm_test::make_ndb(sqlite_blobs(testdata("rpmdb.sqlite")));
  rpm_test::put_le32(bytes, 12, 0xffffffff);
  auto r = run_cataloger("rpmdb-ndb", "var/lib/rpm/Packages.db", bytes);
  EXPECT_TRUE(has_diagnostic(r, "rpm.truncated"));
}

TEST(RpmDbBroken, NdbSlotsSharingOneBlobAreCutOff) {
  std::string bytes = rpm_test::make_ndb(sqlite_blobs(testdata("rpmdb.sqlite")));
  std::string third_slot = bytes.substr(32 + 2 * 16, 16);
  for (size_t slot = 3; slot < 254; ++slot) bytes.replace(32 + slot * 16, 16, third_slot);
  auto r = run_cataloger("rpmdb-ndb", "var/lib/rpm/Packages.db", bytes);
  EXPECT_TRUE(has_diagnostic(r, "rpm.overlapping-records"));
  EXPECT_LT(r.packages.size(), 20u);
  EXPECT_GE(r.packages.size(), 3u);
}

TEST(RpmDbScale, AFullSlotPageIsReadQuickly) {
  auto blobs = sqlite_blobs(testdata("rpmdb.sqlite"));
  std::vector<std::pair<uint32_t, std::string>> many;
  for (uint32_t i = 0; i < 240; ++i) {  // 240 slots fit one slot page with the header
    many.emplace_back(i + 1, blobs[i % blobs.size()].second);
  }
  std::string bytes = rpm_test::make_ndb(many);
  auto start = std::chrono::steady_clock::now();
  auto r = run_cataloger("rpmdb-ndb", "var/lib/rpm/Packages.db", bytes);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.packages.size(), 240u);
  EXPECT_LT(ms, 500);
}

}  // namespace
}  // namespace customs
