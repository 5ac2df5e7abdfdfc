// Secrets inside zip archives: entry paths, nesting up to archive-depth, the per-archive byte
// budget (zip bombs), entries over the size limit, and bytes that are not a readable zip. Uses
// its own one-rule table (secrets_test_util.h) so that the built-in rules can change freely.
#include "analyzers/secrets/archive_secrets.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "analyzers/secrets_test_util.h"

namespace customs {
namespace {

using testing::kTestTokenRules;
using testing::make_test_scanner;
using testing::zip_bytes;
using testing::ZipEntries;
using Strings = std::vector<std::string>;

constexpr const char* kTok = "tok_a1b2c3d4e5";

// "path:line" of each hit.
Strings hit_places(const ArchiveScanResult& r) {
  Strings out;
  for (const auto& h : r.hits) out.push_back(h.path + ":" + std::to_string(h.hit.line));
  return out;
}

std::string nested_jar() {
  std::string inner = zip_bytes({{"config/app.yaml", std::string("token: ") + kTok + "\n"}});
  return zip_bytes({{"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"},
                    {"BOOT-INF/lib/inner.jar", inner},
                    {"BOOT-INF/classes/application.properties", std::string("a=1\nb=") + kTok + "\n"}});
}

TEST(ArchiveSecrets, NamesEntriesInsideNestedArchives) {
  auto s = make_test_scanner();
  ArchiveScanResult r = scan_archive_secrets(*s, "app/lib/app.jar", nested_jar());
  EXPECT_EQ(hit_places(r), (Strings{"app/lib/app.jar!/BOOT-INF/lib/inner.jar!/config/app.yaml:1",
                                    "app/lib/app.jar!/BOOT-INF/classes/application.properties:2"}));
  EXPECT_TRUE(r.notes.empty());
  EXPECT_TRUE(r.skipped.empty());
  for (const auto& h : r.hits) EXPECT_EQ(h.hit.snippet.find(kTok), std::string::npos);
}

TEST(ArchiveSecrets, DepthOneLeavesNestedArchivesClosed) {
  SecretScanOptions o;
  o.archive_depth = 1;
  auto s = make_test_scanner(o);
  ArchiveScanResult r = scan_archive_secrets(*s, "app.jar", nested_jar());
  EXPECT_EQ(hit_places(r), Strings{"app.jar!/BOOT-INF/classes/application.properties:2"});
}

TEST(ArchiveSecrets, StoredAndDeflatedEntriesReadTheSame) {
  auto s = make_test_scanner();
  ZipEntries entries = {{"a.txt", std::string("x ") + kTok}};
  EXPECT_EQ(hit_places(scan_archive_secrets(*s, "s.zip", zip_bytes(entries, false))),
            Strings{"s.zip!/a.txt:1"});
  EXPECT_EQ(hit_places(scan_archive_secrets(*s, "d.zip", zip_bytes(entries, true))),
            Strings{"d.zip!/a.txt:1"});
}

TEST(ArchiveSecrets, AZipBombStopsAtTheBudgetWithANoteNamingTheArchive) {
  SecretScanOptions o;
  o.archive_max_bytes = 1 << 20;
  auto s = make_test_scanner(o);
  std::string bomb = zip_bytes({{"first.txt", std::string("t=") + kTok + "\n"},
                                {"zeros.bin", std::string(uint64_t{3} << 20, '\0')},
                                {"after.txt", std::string("t=") + kTok + "\n"}});
  ASSERT_LT(bomb.size(), 64u << 10);  // deflate made it small
  ArchiveScanResult r = scan_archive_secrets(*s, "app/bomb.zip", bomb);
  EXPECT_EQ(hit_places(r), Strings{"app/bomb.zip!/first.txt:1"});
  EXPECT_EQ(r.notes,
            Strings{"app/bomb.zip: stopped after 1048576 decompressed bytes (secrets.archive-max-bytes); "
                    "the entries after that were not scanned for secrets"});
}

TEST(ArchiveSecrets, AnEntryOverTheSizeLimitIsSkippedWithItsSize) {
  SecretScanOptions o;
  o.max_file_size = 100;
  auto s = make_test_scanner(o);
  std::string zip = zip_bytes({{"big.txt", std::string(200, 'a')}, {"small.txt", kTok}});
  ArchiveScanResult r = scan_archive_secrets(*s, "x.zip", zip);
  EXPECT_EQ(hit_places(r), Strings{"x.zip!/small.txt:1"});
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].path, "x.zip!/big.txt");
  EXPECT_EQ(r.skipped[0].reason, "200 bytes, over the 100-byte limit (secrets.max-file-size)");
}

TEST(ArchiveSecrets, AllowlistedEntryPathsAreNotScanned) {
  SecretScanOptions o;
  o.allow_paths = {R"(!/test/)"};
  auto s = make_test_scanner(o);
  std::string zip = zip_bytes({{"test/a.txt", kTok}, {"main/a.txt", kTok}});
  EXPECT_EQ(hit_places(scan_archive_secrets(*s, "x.jar", zip)), Strings{"x.jar!/main/a.txt:1"});
}

TEST(ArchiveSecrets, BytesThatAreNotAZipGiveNothing) {
  auto s = make_test_scanner();
  ArchiveScanResult r = scan_archive_secrets(*s, "x.jar", std::string("plain ") + kTok);
  EXPECT_TRUE(r.hits.empty());
  EXPECT_TRUE(r.notes.empty());
}

TEST(ArchiveSecrets, ADamagedZipIsANoteNamingIt) {
  auto s = make_test_scanner();
  std::string zip = zip_bytes({{"a.txt", kTok}});
  ArchiveScanResult r = scan_archive_secrets(*s, "app/x.zip", zip.substr(0, zip.size() - 30));
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0].rfind("app/x.zip: unreadable zip", 0), 0u) << r.notes[0];
}

TEST(ArchiveSecrets, KnowsArchivesByTheirNames) {
  EXPECT_TRUE(is_secret_archive_path("app/lib/x.jar"));
  EXPECT_TRUE(is_secret_archive_path("srv/ROOT.WAR"));
  EXPECT_TRUE(is_secret_archive_path("a.ear"));
  EXPECT_TRUE(is_secret_archive_path("b.Zip"));
  EXPECT_FALSE(is_secret_archive_path("a.jar.sha1"));
  EXPECT_FALSE(is_secret_archive_path("jar"));
  EXPECT_FALSE(is_secret_archive_path("a.tar.gz"));
}

}  // namespace
}  // namespace customs
