#pragma once
// VulnStore: the local vulnerability database, one SQLite file. The schema is versioned and
// upgraded in place when opened for writing; imports are transactions (a failed or interrupted
// import leaves the previous content as it was); a record replaces an earlier one of the same
// source and id only when it is not older (OSV `modified`).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "vulndb/advisory.h"

struct sqlite3;
struct sqlite3_stmt;

namespace customs {

struct SourceCount {
  std::string source;  // "osv", "debian-dsa", "nvd", "kev", "epss" ...
  int64_t records = 0;
  int64_t withdrawn = 0;
  std::string newest;  // the newest `modified` (or date) of its records, "" when none carry one
};

struct DbInfo {
  int schema_version = 0;
  std::vector<SourceCount> sources;
  int64_t advisories = 0;
  int64_t affected = 0;  // affected-package rows
  int64_t cve_ratings = 0;
  int64_t kev = 0;
  int64_t epss = 0;
  std::string last_import;        // RFC 3339 UTC of the last committed import, "" if never
  std::string last_import_files;  // what it read, as the command recorded it
};

// What one committed import changed.
struct ImportCounts {
  int64_t advisories_added = 0;
  int64_t advisories_replaced = 0;
  int64_t advisories_kept = 0;  // an equal or newer record was already there
  int64_t cve_ratings = 0;
  int64_t kev = 0;
  int64_t epss = 0;
};

class VulnStore {
 public:
  static constexpr int kSchemaVersion = 2;
  enum class Mode { kReadOnly, kReadWrite };

  // Opens (kReadWrite: creates, and upgrades an older schema) the database at `path`. kNotFound
  // for a missing file in kReadOnly; kInvalidInput for a file that is not a customs database or
  // has a newer schema than this build knows.
  static Result<std::unique_ptr<VulnStore>> open(const std::string& path, Mode mode);
  ~VulnStore();
  VulnStore(const VulnStore&) = delete;
  VulnStore& operator=(const VulnStore&) = delete;

  // A read transaction for a run of lookups (a scan): SQLite then takes its file lock once instead
  // of once per query. end_read() is idempotent; the destructor ends an open one.
  Status begin_read();
  void end_read();

  // An import: begin, add batches, then commit (or rollback; the destructor rolls back an open one).
  Status begin_import();
  Status add(const FeedBatch& batch);
  Status commit_import(std::string_view imported_at, std::string_view files);
  void rollback_import();
  const ImportCounts& import_counts() const { return counts_; }

  // Advisories (not withdrawn) with an affected package `package` in one of `ecosystems` (exact
  // ecosystem strings). `package` is compared after lookup_package_key().
  Result<std::vector<Advisory>> advisories_for(const std::vector<std::string>& ecosystems,
                                               std::string_view package);
  // The same, parsed once per store and shared: what the matcher uses (a package name that many
  // packages share, or a record that names several packages, is read once).
  Result<std::vector<std::shared_ptr<const Advisory>>> shared_advisories_for(
      const std::vector<std::string>& ecosystems, std::string_view package);
  std::optional<CveRatings> cve_ratings(std::string_view cve);
  std::optional<KevEntry> kev(std::string_view cve);
  std::optional<EpssScore> epss(std::string_view cve);
  Result<DbInfo> info();

  // Schema versions an existing database was upgraded to when opened (empty for a new one).
  const std::vector<int>& upgrades_applied() const { return upgrades_; }

 private:
  explicit VulnStore(sqlite3* db) : db_(db) {}
  Status exec(const char* sql);
  Status migrate();
  Status add_advisory(const Advisory& a);
  sqlite3_stmt* prepare_cached(int slot, const char* sql);
  // The advisory at `rowid`, parsed once per store.
  Result<std::shared_ptr<const Advisory>> parsed_advisory(int64_t rowid);

  sqlite3* db_ = nullptr;
  bool in_import_ = false;
  bool in_read_ = false;
  ImportCounts counts_;
  std::vector<int> upgrades_;
  std::vector<sqlite3_stmt*> stmts_;
  std::unordered_map<int64_t, std::shared_ptr<const Advisory>> parsed_;  // by advisory rowid
  std::unordered_map<std::string, std::optional<CveRatings>> ratings_cache_;
};

// The key packages are stored and looked up by: PyPI names PEP 503-normalised, everything else as
// given.
std::string lookup_package_key(std::string_view ecosystem, std::string_view package);

}  // namespace customs
