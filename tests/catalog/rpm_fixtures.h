#pragma once
// Helpers for the rpm tests: reading files, the header blobs of an rpmdb.sqlite, running the
// fixture script with the real rpm tools, and writing an ndb Packages.db the way rpm's
// lib/backend/ndb/rpmpkg.c lays it out (Debian's rpm 4.18 is built without the ndb backend).
#include <sqlite3.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog_test_util.h"

namespace customs::rpm_test {

using testing::read_file;

inline std::string testdata(const std::string& name) {
  return std::string(CUSTOMS_TESTDATA) + "/catalog/rpm/" + name;
}

// (hnum, blob) of every row of Packages, read with SQLite from a file on disk. immutable=1: no
// -shm / -wal files are made next to it (the committed fixture is in WAL mode).
inline std::vector<std::pair<uint32_t, std::string>> sqlite_blobs(const std::string& path) {
  std::vector<std::pair<uint32_t, std::string>> out;
  sqlite3* db = nullptr;
  std::string uri = "file:" + path + "?immutable=1";
  if (sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT hnum, blob FROM Packages ORDER BY hnum", -1, &st, nullptr) ==
        SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        auto* p = static_cast<const char*>(sqlite3_column_blob(st, 1));
        out.emplace_back(static_cast<uint32_t>(sqlite3_column_int64(st, 0)),
                         std::string(p, static_cast<size_t>(sqlite3_column_bytes(st, 1))));
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

inline bool have_tool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

inline void put_le32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// An ndb Packages.db holding `blobs` (pkgidx = their record numbers), one slot page.
inline std::string make_ndb(const std::vector<std::pair<uint32_t, std::string>>& blobs) {
  constexpr size_t kPage = 4096, kBlk = 16;
  std::string db(kPage, '\0');
  db.replace(0, 4, "RpmP");
  put_le32(db, 4, 0);                                            // version
  put_le32(db, 8, 7);                                            // generation
  put_le32(db, 12, 1);                                           // slot pages
  put_le32(db, 16, blobs.empty() ? 1 : blobs.back().first + 1);  // next package index
  for (size_t off = 32; off < kPage; off += 16) db.replace(off, 4, "Slot");
  size_t slot = 32;
  for (const auto& [idx, blob] : blobs) {
    size_t blkoff = db.size() / kBlk;
    size_t blkcnt = (16 + blob.size() + 12 + kBlk - 1) / kBlk;
    std::string block(blkcnt * kBlk, '\0');
    block.replace(0, 4, "BlbS");
    put_le32(block, 4, idx);
    put_le32(block, 8, 1700000000);
    put_le32(block, 12, static_cast<uint32_t>(blob.size()));
    block.replace(16, blob.size(), blob);
    uLong adler =
        adler32(1, reinterpret_cast<const Bytef*>(block.data()), static_cast<uInt>(block.size() - 12));
    put_le32(block, block.size() - 12, static_cast<uint32_t>(adler));
    put_le32(block, block.size() - 8, static_cast<uint32_t>(blob.size()));
    block.replace(block.size() - 4, 4, "BlbE");
    put_le32(db, slot + 4, idx);
    put_le32(db, slot + 8, static_cast<uint32_t>(blkoff));
    put_le32(db, slot + 12, static_cast<uint32_t>(blkcnt));
    slot += 16;
    db += block;
  }
  return db;
}

// Runs tests/testdata/catalog/rpm/make-fixtures.sh into a fresh directory under `dir`; "" on
// success, else why the real tools could not make the databases.
inline std::string make_fixtures_with_tools(const std::string& dir) {
  for (const char* tool : {"rpm", "rpmbuild", "sqlite3"}) {
    if (!have_tool(tool)) return std::string(tool) + " is not installed";
  }
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string cmd = "bash '" + testdata("make-fixtures.sh") + "' '" + dir + "' >'" + dir + "/log' 2>&1";
  if (std::system(cmd.c_str()) != 0) return "make-fixtures.sh failed: " + read_file(dir + "/log");
  return {};
}

}  // namespace customs::rpm_test
