#pragma once
// Internal to the store's files: SQLite helpers and the prepared-statement slots.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace customs::store_sql {

enum Slot : int {
  kFindAdvisory,
  kInsertAdvisory,
  kUpdateAdvisory,
  kDeleteIndex,
  kDeleteAliases,
  kInsertIndex,
  kInsertAlias,
  kSelectByPackage,
  kUpsertRatings,
  kUpsertKev,
  kUpsertEpss,
  kSelectRatings,
  kSelectKev,
  kSelectEpss,
  kSelectDoc,
  kSlotCount
};

inline std::string text_column(sqlite3_stmt* s, int col) {
  const unsigned char* t = sqlite3_column_text(s, col);
  return t != nullptr ? std::string(reinterpret_cast<const char*>(t),
                                    static_cast<size_t>(sqlite3_column_bytes(s, col)))
                      : std::string();
}

inline void bind(sqlite3_stmt* s, int i, std::string_view v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

// Resets a cached statement when it goes out of scope so that the next use starts clean.
class Use {
 public:
  explicit Use(sqlite3_stmt* s) : s_(s) {}
  ~Use() {
    if (s_ == nullptr) return;
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;

 private:
  sqlite3_stmt* s_;
};

inline Error db_error(sqlite3* db, std::string_view what) {
  return make_error(ErrorKind::kIo,
                    std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

// The single integer a query returns (0 when it returns nothing or fails).
inline int64_t query_int(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  int64_t n = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return n;
}

}  // namespace customs::store_sql
