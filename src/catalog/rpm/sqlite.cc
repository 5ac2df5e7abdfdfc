// rpmdb.sqlite, read in memory: the bytes are handed to SQLite with sqlite3_deserialize (read
// only) and never written to disk. A -wal file next to it cannot be applied from bytes (SQLite
// replays a WAL only through its VFS and shared memory), so transactions rpm had not yet
// checkpointed are not seen; rpm checkpoints when it closes the database, so installed images
// normally have an empty WAL.
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <string>

#include "catalog/rpm/rpmdb.h"
#include "catalog/util.h"

namespace customs {
namespace {

// The database header: "SQLite format 3\0", and the read/write format versions at 18 and 19
// (2 = WAL mode, which every rpm-written database uses).
constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};
constexpr size_t kWriteVersionOffset = 18;
constexpr size_t kReadVersionOffset = 19;

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// A hostile schema can make a read arbitrarily slow (a table with a virtual generated column, a
// huge recursive expression); the budget of virtual-machine steps grows with the file size.
struct StepBudget {
  uint64_t remaining;
};
int on_progress(void* arg) {
  auto* budget = static_cast<StepBudget*>(arg);
  if (budget->remaining == 0) return 1;
  --budget->remaining;
  return 0;
}

std::string sqlite_message(sqlite3* db) { return db != nullptr ? sqlite3_errmsg(db) : "out of memory"; }

// Opens `bytes` as a read-only in-memory database. WAL mode (header bytes 18-19 = 2) needs shared
// memory that an in-memory database has not got, so a WAL-mode file is opened from a private copy
// with those two bytes set to 1 (rollback journal); the pages themselves are the same.
std::unique_ptr<sqlite3, SqliteCloser> open_bytes(std::string_view bytes, std::string& copy,
                                                  std::string& error) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    error = sqlite_message(raw);
    sqlite3_close(raw);
    return nullptr;
  }
  std::unique_ptr<sqlite3, SqliteCloser> db(raw);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
  const unsigned char* data = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() > kReadVersionOffset &&
      (bytes[kWriteVersionOffset] == 2 || bytes[kReadVersionOffset] == 2)) {
    copy.assign(bytes);
    copy[kWriteVersionOffset] = 1;
    copy[kReadVersionOffset] = 1;
    data = reinterpret_cast<const unsigned char*>(copy.data());
  }
  // SQLITE_DESERIALIZE_READONLY: SQLite never writes to the buffer, so the const_cast is safe.
  int rc = sqlite3_deserialize(raw, "main", const_cast<unsigned char*>(data),
                               static_cast<sqlite3_int64>(bytes.size()),
                               static_cast<sqlite3_int64>(bytes.size()), SQLITE_DESERIALIZE_READONLY);
  if (rc != SQLITE_OK) {
    error = sqlite_message(raw);
    return nullptr;
  }
  return db;
}

}  // namespace

void read_rpm_sqlite(const CatalogFile& file, CatalogResult& out, const RpmBlobSink& sink) {
  if (file.truncated)
    add_diag(out, file, "rpm.truncated", "the database was cut short; only its first pages were read");
  if (file.content.substr(0, kSqliteMagic.size()) != kSqliteMagic) {
    add_diag(out, file, "rpm.bad-magic", "not an SQLite database");
    return;
  }
  std::string copy, error;
  auto db = open_bytes(file.content, copy, error);
  if (!db) {
    add_diag(out, file, "rpm.sqlite-open", "cannot open the database: " + error);
    return;
  }
  // Lengths above the file size cannot come from the file; a larger value is a schema trick.
  sqlite3_limit(db.get(), SQLITE_LIMIT_LENGTH,
                static_cast<int>(std::min<size_t>(std::max<size_t>(file.content.size(), 1 << 20), 1 << 30)));
  StepBudget budget{file.content.size() / 16 + 100000};
  sqlite3_progress_handler(db.get(), 1000, on_progress, &budget);

  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db.get(), "SELECT hnum, blob FROM Packages", -1, &raw, nullptr) != SQLITE_OK) {
    add_diag(out, file, "rpm.sqlite-query", "cannot read table Packages: " + sqlite_message(db.get()));
    sqlite3_finalize(raw);
    return;
  }
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt(raw);
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    auto record = static_cast<uint32_t>(sqlite3_column_int64(raw, 0));
    const void* blob = sqlite3_column_blob(raw, 1);
    int size = sqlite3_column_bytes(raw, 1);
    if (blob == nullptr || size <= 0) {
      add_diag(out, file, "rpm.bad-header", "record " + std::to_string(record) + " has no header blob");
      continue;
    }
    sink(record, std::string_view(static_cast<const char*>(blob), static_cast<size_t>(size)));
  }
  if (rc != SQLITE_DONE) {
    add_diag(out, file, "rpm.sqlite-corrupt", "reading table Packages stopped: " + sqlite_message(db.get()));
  }
}

}  // namespace customs
