#include "vulndb/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "scratch_dir.h"
#include "vulndb/store_schema.h"

namespace customs {
namespace {

Advisory go_advisory(std::string id, std::string modified, std::string fixed) {
  Advisory a;
  a.id = std::move(id);
  a.source = "osv";
  a.modified = std::move(modified);
  a.aliases = {"CVE-2024-0001", "GHSA-aaaa-bbbb-cccc"};
  Affected x;
  x.ecosystem = "Go";
  x.package = "golang.org/x/net";
  x.ranges.push_back(
      {"SEMVER", "", {{RangeEvent::Kind::kIntroduced, "0"}, {RangeEvent::Kind::kFixed, fixed}}});
  a.affected.push_back(x);
  return a;
}

std::unique_ptr<VulnStore> open_rw(const std::string& path) {
  auto s = VulnStore::open(path, VulnStore::Mode::kReadWrite);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().to_string());
  return s.ok() ? std::move(*s) : nullptr;
}

Status import(VulnStore& store, const FeedBatch& batch) {
  if (Status s = store.begin_import(); !s) return s;
  if (Status s = store.add(batch); !s) return s;
  return store.commit_import("2026-11-23T10:00:00Z", "test");
}

TEST(VulnStore, StoresAndFindsAdvisoriesByEcosystemAndPackage) {
  testing::ScratchDir dir;
  auto store = open_rw((dir / "v.db").string());
  ASSERT_TRUE(store);
  ASSERT_TRUE(
      import(*store, FeedBatch{{go_advisory("GO-2024-0001", "2024-01-01T00:00:00Z", "0.17.0")}, {}, {}, {}}));
  auto found = store->advisories_for({"Go"}, "golang.org/x/net");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, "GO-2024-0001");
  EXPECT_EQ((*found)[0].affected[0].ranges[0].events[1].version, "0.17.0");
  EXPECT_TRUE(store->advisories_for({"npm"}, "golang.org/x/net")->empty());
  EXPECT_EQ(store->import_counts().advisories_added, 1);
}

TEST(VulnStore, KeepsTheNewerRecordOfTheSameSourceAndId) {
  testing::ScratchDir dir;
  auto store = open_rw((dir / "v.db").string());
  ASSERT_TRUE(store);
  ASSERT_TRUE(import(*store, FeedBatch{{go_advisory("GO-1", "2024-05-01T00:00:00Z", "0.20.0")}, {}, {}, {}}));
  ASSERT_TRUE(import(*store, FeedBatch{{go_advisory("GO-1", "2024-01-01T00:00:00Z", "0.17.0")}, {}, {}, {}}));
  EXPECT_EQ(store->import_counts().advisories_kept, 1);
  ASSERT_TRUE(import(*store, FeedBatch{{go_advisory("GO-1", "2024-06-01T00:00:00Z", "0.21.0")}, {}, {}, {}}));
  EXPECT_EQ(store->import_counts().advisories_replaced, 1);
  auto found = store->advisories_for({"Go"}, "golang.org/x/net");
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].affected[0].ranges[0].events[1].version, "0.21.0");
}

TEST(VulnStore, WithdrawnRecordsDoNotMatch) {
  testing::ScratchDir dir;
  auto store = open_rw((dir / "v.db").string());
  ASSERT_TRUE(store);
  Advisory a = go_advisory("GO-2", "2024-01-01T00:00:00Z", "1.0.0");
  a.withdrawn = "2024-02-01T00:00:00Z";
  ASSERT_TRUE(import(*store, FeedBatch{{a}, {}, {}, {}}));
  EXPECT_TRUE(store->advisories_for({"Go"}, "golang.org/x/net")->empty());
  auto info = store->info();
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(info->sources.size(), 1u);
  EXPECT_EQ(info->sources[0].withdrawn, 1);
}

TEST(VulnStore, RolledBackImportLeavesThePreviousContent) {
  testing::ScratchDir dir;
  std::string path = (dir / "v.db").string();
  {
    auto store = open_rw(path);
    ASSERT_TRUE(
        import(*store, FeedBatch{{go_advisory("GO-3", "2024-01-01T00:00:00Z", "1.0.0")}, {}, {}, {}}));
    ASSERT_TRUE(store->begin_import());
    ASSERT_TRUE(store->add(FeedBatch{{go_advisory("GO-4", "2024-01-01T00:00:00Z", "2.0.0")}, {}, {}, {}}));
    // destroyed with the import open: as if the process had been interrupted
  }
  auto store = VulnStore::open(path, VulnStore::Mode::kReadOnly);
  ASSERT_TRUE(store.ok());
  auto found = (*store)->advisories_for({"Go"}, "golang.org/x/net");
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, "GO-3");
  EXPECT_EQ((*store)->info()->last_import, "2026-11-23T10:00:00Z");
}

TEST(VulnStore, LooksUpPyPINamesNormalised) {
  testing::ScratchDir dir;
  auto store = open_rw((dir / "v.db").string());
  Advisory a;
  a.id = "PYSEC-1";
  a.source = "osv";
  a.affected.push_back({"PyPI", "Zope.Interface", "", {}, {"1.0"}, FixState::kAffected, "", ""});
  ASSERT_TRUE(import(*store, FeedBatch{{a}, {}, {}, {}}));
  EXPECT_EQ(store->advisories_for({"PyPI"}, "zope-interface")->size(), 1u);
}

TEST(VulnStore, StoresKevEpssAndNvdRatingsByCve) {
  testing::ScratchDir dir;
  auto store = open_rw((dir / "v.db").string());
  FeedBatch b;
  b.kev.push_back(
      {"CVE-2021-44228", "Apache", "Log4j2", "Log4Shell", "2021-12-10", "2021-12-24", "Known", "Patch"});
  b.epss.push_back({"CVE-2021-44228", 0.97565, 0.99996, "2024-10-25"});
  b.cve_ratings.push_back(
      {"CVE-2021-44228",
       "2021-12-10",
       "2023-04-03",
       "Log4j",
       {{"nvd", "CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "CRITICAL"}},
       {"CWE-502"}});
  ASSERT_TRUE(import(*store, b));
  EXPECT_EQ(store->kev("CVE-2021-44228")->known_ransomware, "Known");
  EXPECT_DOUBLE_EQ(store->epss("CVE-2021-44228")->epss, 0.97565);
  EXPECT_EQ(store->cve_ratings("CVE-2021-44228")->ratings[0].vector,
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
  EXPECT_FALSE(store->kev("CVE-2000-0001").has_value());
  auto info = store->info();
  EXPECT_EQ(info->kev, 1);
  EXPECT_EQ(info->epss, 1);
  EXPECT_EQ(info->cve_ratings, 1);
}

TEST(VulnStore, UpgradesAnOlderSchemaInPlaceKeepingItsRecords) {
  testing::ScratchDir dir;
  std::string path = (dir / "v.db").string();
  {  // a database as schema version 1 left it, with one advisory
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    std::string sql = std::string(schema_migrations()[0].sql) + "PRAGMA user_version = 1;";
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    auto v1 = VulnStore::open(path, VulnStore::Mode::kReadOnly);
    ASSERT_FALSE(v1.ok());
    EXPECT_NE(v1.error().message.find("older schema"), std::string::npos);
  }
  auto store = open_rw(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->upgrades_applied(), std::vector<int>{2});
  EXPECT_EQ(store->info()->schema_version, VulnStore::kSchemaVersion);
  FeedBatch b;
  b.epss.push_back({"CVE-1", 0.5, 0.5, "2024-01-01"});
  EXPECT_TRUE(import(*store, b));
}

TEST(VulnStore, RefusesANewerSchemaAndForeignFiles) {
  testing::ScratchDir dir;
  std::string newer = (dir / "newer.db").string();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(newer.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE advisories (x); PRAGMA user_version = 99;", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  auto s = VulnStore::open(newer, VulnStore::Mode::kReadWrite);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(s.error().message.find("schema 99, newer"), std::string::npos);

  std::string foreign = (dir / "foreign.db").string();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE songs (title);", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  auto f = VulnStore::open(foreign, VulnStore::Mode::kReadWrite);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message.find("not a customs vulnerability database"), std::string::npos);

  std::string garbage = (dir / "garbage.db").string();
  std::ofstream(garbage) << std::string(4096, 'x');
  auto g = VulnStore::open(garbage, VulnStore::Mode::kReadOnly);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().kind, ErrorKind::kInvalidInput);

  auto missing = VulnStore::open((dir / "missing.db").string(), VulnStore::Mode::kReadOnly);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace customs
