#include "vulndb/store_schema.h"

#include <array>

namespace customs {

namespace {

// Version 1: advisories with their affected-package index and aliases, and the import log.
constexpr const char* kV1 = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE advisories (
  rowid INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  id TEXT NOT NULL,
  modified TEXT NOT NULL DEFAULT '',
  withdrawn TEXT NOT NULL DEFAULT '',
  doc TEXT NOT NULL,
  UNIQUE (source, id)
);
CREATE TABLE affected_index (
  advisory INTEGER NOT NULL REFERENCES advisories(rowid) ON DELETE CASCADE,
  ecosystem TEXT NOT NULL,
  package TEXT NOT NULL
);
CREATE INDEX affected_by_package ON affected_index (package, ecosystem);
CREATE INDEX affected_by_advisory ON affected_index (advisory);
CREATE TABLE aliases (
  advisory INTEGER NOT NULL REFERENCES advisories(rowid) ON DELETE CASCADE,
  alias TEXT NOT NULL
);
CREATE INDEX aliases_by_alias ON aliases (alias);
CREATE INDEX aliases_by_advisory ON aliases (advisory);
CREATE TABLE imports (
  rowid INTEGER PRIMARY KEY,
  finished_at TEXT NOT NULL,
  files TEXT NOT NULL,
  advisories INTEGER NOT NULL
);
)sql";

// Version 2: enrichment keyed by CVE id (NVD ratings, CISA KEV, FIRST EPSS).
constexpr const char* kV2 = R"sql(
CREATE TABLE cve_ratings (cve TEXT PRIMARY KEY, modified TEXT NOT NULL DEFAULT '', doc TEXT NOT NULL);
CREATE TABLE kev (cve TEXT PRIMARY KEY, date_added TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE epss (cve TEXT PRIMARY KEY, epss REAL NOT NULL, percentile REAL NOT NULL, date TEXT NOT NULL);
)sql";

constexpr std::array<Migration, 2> kMigrations = {{{1, kV1}, {2, kV2}}};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

}  // namespace customs
