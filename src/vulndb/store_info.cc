// VulnStore: what the database holds (for `customs db info`).
#include <sqlite3.h>

#include "vulndb/store.h"
#include "vulndb/store_sql.h"

namespace customs {

using namespace store_sql;  // NOLINT(google-build-using-namespace)

namespace {

// Rows of (source, records, withdrawn, newest) for the advisory sources and the CVE-keyed tables.
constexpr const char* kSourcesSql = R"sql(
SELECT source, count(*), sum(withdrawn != ''), max(modified) FROM advisories GROUP BY source
UNION ALL SELECT 'nvd', count(*), 0, max(modified) FROM cve_ratings HAVING count(*) > 0
UNION ALL SELECT 'kev', count(*), 0, max(date_added) FROM kev HAVING count(*) > 0
UNION ALL SELECT 'epss', count(*), 0, max(date) FROM epss HAVING count(*) > 0
ORDER BY 1
)sql";

}  // namespace

Result<DbInfo> VulnStore::info() {
  DbInfo info;
  info.schema_version = static_cast<int>(query_int(db_, "PRAGMA user_version"));
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, kSourcesSql, -1, &s, nullptr) != SQLITE_OK)
    return db_error(db_, "reading sources");
  while (sqlite3_step(s) == SQLITE_ROW) {
    info.sources.push_back(
        {text_column(s, 0), sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2), text_column(s, 3)});
  }
  sqlite3_finalize(s);
  info.advisories = query_int(db_, "SELECT count(*) FROM advisories");
  info.affected = query_int(db_, "SELECT count(*) FROM affected_index");
  info.cve_ratings = query_int(db_, "SELECT count(*) FROM cve_ratings");
  info.kev = query_int(db_, "SELECT count(*) FROM kev");
  info.epss = query_int(db_, "SELECT count(*) FROM epss");
  if (sqlite3_prepare_v2(db_, "SELECT finished_at, files FROM imports ORDER BY rowid DESC LIMIT 1", -1, &s,
                         nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW) {
    info.last_import = text_column(s, 0);
    info.last_import_files = text_column(s, 1);
  }
  sqlite3_finalize(s);
  return info;
}

}  // namespace customs
