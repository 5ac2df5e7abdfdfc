#include "vulndb/store.h"

#include <sqlite3.h>

#include <set>

#include "model/package.h"
#include "vulndb/advisory_json.h"
#include "vulndb/store_schema.h"
#include "vulndb/store_sql.h"

namespace customs {

using namespace store_sql;  // NOLINT(google-build-using-namespace)

namespace {

// The schema version of an open database file: 0 for an empty one. kInvalidInput for a file that
// is not SQLite, or a SQLite database that is not ours (never migrate somebody else's tables).
Result<int> probe_schema(sqlite3* db, const std::string& path) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT count(*), sum(name = 'advisories') FROM sqlite_master", -1, &s,
                         nullptr) != SQLITE_OK ||
      sqlite3_step(s) != SQLITE_ROW) {
    std::string msg = sqlite3_errmsg(db);
    sqlite3_finalize(s);
    return make_error(ErrorKind::kInvalidInput, path + " is not a customs vulnerability database: " + msg);
  }
  int64_t tables = sqlite3_column_int64(s, 0);
  int64_t ours = sqlite3_column_int64(s, 1);
  sqlite3_finalize(s);
  int version = static_cast<int>(query_int(db, "PRAGMA user_version"));
  if (tables > 0 && (ours == 0 || version == 0))
    return make_error(ErrorKind::kInvalidInput,
                      path + " is a SQLite database but not a customs vulnerability database");
  return version;
}

}  // namespace

std::string lookup_package_key(std::string_view ecosystem, std::string_view package) {
  if (ecosystem == "PyPI") return normalize_python_name(package);
  return std::string(package);
}

Result<std::unique_ptr<VulnStore>> VulnStore::open(const std::string& path, Mode mode) {
  int flags = mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
    std::string msg = raw != nullptr ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    ErrorKind kind = mode == Mode::kReadOnly ? ErrorKind::kNotFound : ErrorKind::kIo;
    return make_error(kind, "cannot open vulnerability database " + path + ": " + msg);
  }
  std::unique_ptr<VulnStore> store(new VulnStore(raw));
  store->stmts_.assign(kSlotCount, nullptr);
  sqlite3_busy_timeout(raw, 10000);
  auto probed = probe_schema(raw, path);
  if (!probed) return probed.error();
  int version = *probed;
  if (Status s = store->exec("PRAGMA foreign_keys = ON"); !s) return s.error();
  if (version > kSchemaVersion)
    return make_error(ErrorKind::kInvalidInput, path + " has database schema " + std::to_string(version) +
                                                    ", newer than this customs knows (" +
                                                    std::to_string(kSchemaVersion) + "): upgrade customs");
  if (version < kSchemaVersion) {
    if (mode == Mode::kReadOnly)
      return make_error(ErrorKind::kInvalidInput,
                        version == 0
                            ? path + " is not a customs vulnerability database (run customs db import)"
                            : path + " has an older schema; run customs db import to upgrade it");
    if (Status s = store->migrate(); !s) return s.error();
  }
  return store;
}

VulnStore::~VulnStore() {
  if (in_import_) rollback_import();
  end_read();
  for (sqlite3_stmt* s : stmts_) sqlite3_finalize(s);
  sqlite3_close(db_);
}

Status VulnStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err != nullptr ? err : "unknown error";
    sqlite3_free(err);
    return make_error(ErrorKind::kIo, "vulnerability database: " + msg);
  }
  return ok_status();
}

Status VulnStore::migrate() {
  int version = static_cast<int>(query_int(db_, "PRAGMA user_version"));
  if (Status s = exec("BEGIN IMMEDIATE"); !s) return s;
  for (const Migration& m : schema_migrations()) {
    if (m.to_version <= version) continue;
    std::string sql = std::string(m.sql) + "PRAGMA user_version = " + std::to_string(m.to_version) + ";";
    if (Status s = exec(sql.c_str()); !s) {
      (void)exec("ROLLBACK");
      return s;
    }
    if (version > 0) upgrades_.push_back(m.to_version);
  }
  return exec("COMMIT");
}

sqlite3_stmt* VulnStore::prepare_cached(int slot, const char* sql) {
  sqlite3_stmt*& s = stmts_[static_cast<size_t>(slot)];
  if (s == nullptr && sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
    s = nullptr;
  return s;
}

Status VulnStore::begin_read() {
  if (in_read_ || in_import_) return ok_status();
  if (Status s = exec("BEGIN"); !s) return s;
  in_read_ = true;
  return ok_status();
}

void VulnStore::end_read() {
  if (!in_read_) return;
  (void)exec("COMMIT");
  in_read_ = false;
}

Status VulnStore::begin_import() {
  if (in_import_) return make_error(ErrorKind::kInternal, "an import is already open");
  if (Status s = exec("BEGIN IMMEDIATE"); !s) return s;
  in_import_ = true;
  counts_ = {};
  return ok_status();
}

Status VulnStore::commit_import(std::string_view imported_at, std::string_view files) {
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db_, "INSERT INTO imports (finished_at, files, advisories) VALUES (?, ?, ?)", -1, &s,
                     nullptr);
  bind(s, 1, imported_at);
  bind(s, 2, files);
  sqlite3_bind_int64(s, 3, counts_.advisories_added + counts_.advisories_replaced);
  int rc = sqlite3_step(s);
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) return db_error(db_, "recording the import");
  if (Status st = exec("COMMIT"); !st) return st;
  in_import_ = false;
  return ok_status();
}

void VulnStore::rollback_import() {
  if (!in_import_) return;
  (void)exec("ROLLBACK");
  in_import_ = false;
}

}  // namespace customs
