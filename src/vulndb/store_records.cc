// VulnStore: writing feed batches and reading records back.
#include <sqlite3.h>

#include <set>

#include "vulndb/advisory_json.h"
#include "vulndb/store.h"
#include "vulndb/store_sql.h"

namespace customs {

using namespace store_sql;  // NOLINT(google-build-using-namespace)

namespace {

// Runs a write statement to completion.
bool step_done(sqlite3_stmt* s) {
  Use use(s);
  return s != nullptr && sqlite3_step(s) == SQLITE_DONE;
}

}  // namespace

Status VulnStore::add_advisory(const Advisory& a) {
  sqlite3_stmt* find =
      prepare_cached(kFindAdvisory, "SELECT rowid, modified FROM advisories WHERE source = ? AND id = ?");
  int64_t rowid = 0;
  {
    Use use(find);
    bind(find, 1, a.source);
    bind(find, 2, a.id);
    if (sqlite3_step(find) == SQLITE_ROW) {
      rowid = sqlite3_column_int64(find, 0);
      if (text_column(find, 1) > a.modified) {
        ++counts_.advisories_kept;
        return ok_status();
      }
    }
  }
  std::string doc = advisory_to_json(a);
  sqlite3_stmt* write = nullptr;
  if (rowid != 0) {
    sqlite3_stmt* del_index = prepare_cached(kDeleteIndex, "DELETE FROM affected_index WHERE advisory = ?");
    sqlite3_stmt* del_alias = prepare_cached(kDeleteAliases, "DELETE FROM aliases WHERE advisory = ?");
    sqlite3_bind_int64(del_index, 1, rowid);
    sqlite3_bind_int64(del_alias, 1, rowid);
    if (!step_done(del_index) || !step_done(del_alias)) return db_error(db_, "replacing " + a.id);
    write = prepare_cached(kUpdateAdvisory,
                           "UPDATE advisories SET modified = ?, withdrawn = ?, doc = ? WHERE rowid = ?");
    sqlite3_bind_int64(write, 4, rowid);
    ++counts_.advisories_replaced;
  } else {
    write = prepare_cached(
        kInsertAdvisory,
        "INSERT INTO advisories (modified, withdrawn, doc, source, id) VALUES (?, ?, ?, ?, ?)");
    bind(write, 4, a.source);
    bind(write, 5, a.id);
    ++counts_.advisories_added;
  }
  bind(write, 1, a.modified);
  bind(write, 2, a.withdrawn);
  bind(write, 3, doc);
  if (!step_done(write)) return db_error(db_, "storing " + a.id);
  if (rowid == 0) rowid = sqlite3_last_insert_rowid(db_);

  std::set<std::pair<std::string, std::string>> keys;
  for (const auto& x : a.affected) keys.emplace(x.ecosystem, lookup_package_key(x.ecosystem, x.package));
  sqlite3_stmt* ins = prepare_cached(
      kInsertIndex, "INSERT INTO affected_index (advisory, ecosystem, package) VALUES (?, ?, ?)");
  for (const auto& [eco, pkg] : keys) {
    sqlite3_bind_int64(ins, 1, rowid);
    bind(ins, 2, eco);
    bind(ins, 3, pkg);
    if (!step_done(ins)) return db_error(db_, "indexing " + a.id);
  }
  std::set<std::string> names(a.aliases.begin(), a.aliases.end());
  names.insert(a.id);
  sqlite3_stmt* alias = prepare_cached(kInsertAlias, "INSERT INTO aliases (advisory, alias) VALUES (?, ?)");
  for (const auto& n : names) {
    sqlite3_bind_int64(alias, 1, rowid);
    bind(alias, 2, n);
    if (!step_done(alias)) return db_error(db_, "indexing the aliases of " + a.id);
  }
  return ok_status();
}

Status VulnStore::add(const FeedBatch& batch) {
  if (!in_import_) return make_error(ErrorKind::kInternal, "add() outside an import");
  for (const auto& a : batch.advisories) {
    if (a.id.empty() || a.source.empty())
      return make_error(ErrorKind::kInternal, "advisory without id or source");
    if (Status s = add_advisory(a); !s) return s;
  }
  sqlite3_stmt* rate = prepare_cached(
      kUpsertRatings,
      "INSERT INTO cve_ratings (cve, modified, doc) VALUES (?, ?, ?) ON CONFLICT(cve) DO UPDATE SET "
      "modified = excluded.modified, doc = excluded.doc WHERE excluded.modified >= cve_ratings.modified");
  for (const auto& r : batch.cve_ratings) {
    bind(rate, 1, r.cve);
    bind(rate, 2, r.modified);
    bind(rate, 3, cve_ratings_to_json(r));
    if (!step_done(rate)) return db_error(db_, "storing NVD data for " + r.cve);
    ++counts_.cve_ratings;
  }
  sqlite3_stmt* kev =
      prepare_cached(kUpsertKev, "INSERT OR REPLACE INTO kev (cve, date_added, doc) VALUES (?, ?, ?)");
  for (const auto& k : batch.kev) {
    bind(kev, 1, k.cve);
    bind(kev, 2, k.date_added);
    bind(kev, 3, kev_to_json(k));
    if (!step_done(kev)) return db_error(db_, "storing KEV entry " + k.cve);
    ++counts_.kev;
  }
  sqlite3_stmt* epss = prepare_cached(
      kUpsertEpss, "INSERT OR REPLACE INTO epss (cve, epss, percentile, date) VALUES (?, ?, ?, ?)");
  for (const auto& e : batch.epss) {
    bind(epss, 1, e.cve);
    sqlite3_bind_double(epss, 2, e.epss);
    sqlite3_bind_double(epss, 3, e.percentile);
    bind(epss, 4, e.date);
    if (!step_done(epss)) return db_error(db_, "storing EPSS score " + e.cve);
    ++counts_.epss;
  }
  return ok_status();
}

Result<std::shared_ptr<const Advisory>> VulnStore::parsed_advisory(int64_t rowid) {
  auto [it, inserted] = parsed_.try_emplace(rowid);
  if (!inserted) return it->second;
  sqlite3_stmt* s = prepare_cached(kSelectDoc, "SELECT doc FROM advisories WHERE rowid = ?");
  Use use(s);
  sqlite3_bind_int64(s, 1, rowid);
  Result<Advisory> a = make_error(ErrorKind::kIo, "advisory " + std::to_string(rowid) + " vanished");
  if (sqlite3_step(s) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    a = advisory_from_json(
        std::string_view(text != nullptr ? text : "", static_cast<size_t>(sqlite3_column_bytes(s, 0))));
  }
  if (!a) {
    parsed_.erase(it);
    return a.error();
  }
  it->second = std::make_shared<const Advisory>(std::move(*a));
  return it->second;
}

Result<std::vector<std::shared_ptr<const Advisory>>> VulnStore::shared_advisories_for(
    const std::vector<std::string>& ecosystems, std::string_view package) {
  // Rowids first: a record already parsed is not read again.
  sqlite3_stmt* s =
      prepare_cached(kSelectByPackage,
                     "SELECT a.rowid FROM affected_index i JOIN advisories a ON a.rowid = i.advisory "
                     "WHERE i.package = ? AND i.ecosystem = ? AND a.withdrawn = ''");
  std::vector<int64_t> rowids;
  for (const auto& eco : ecosystems) {
    Use use(s);
    std::string key = lookup_package_key(eco, package);
    bind(s, 1, key);
    bind(s, 2, eco);
    int rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) rowids.push_back(sqlite3_column_int64(s, 0));
    if (rc != SQLITE_DONE) return db_error(db_, "reading advisories");
  }
  std::vector<std::shared_ptr<const Advisory>> out;
  out.reserve(rowids.size());
  for (int64_t rowid : rowids) {
    auto a = parsed_advisory(rowid);
    if (!a) return a.error();
    out.push_back(std::move(*a));
  }
  return out;
}

Result<std::vector<Advisory>> VulnStore::advisories_for(const std::vector<std::string>& ecosystems,
                                                        std::string_view package) {
  auto shared = shared_advisories_for(ecosystems, package);
  if (!shared) return shared.error();
  std::vector<Advisory> out;
  out.reserve(shared->size());
  for (const auto& a : *shared) out.push_back(*a);
  return out;
}

std::optional<CveRatings> VulnStore::cve_ratings(std::string_view cve) {
  auto [it, inserted] = ratings_cache_.try_emplace(std::string(cve));
  if (!inserted) return it->second;
  sqlite3_stmt* s = prepare_cached(kSelectRatings, "SELECT doc FROM cve_ratings WHERE cve = ?");
  Use use(s);
  bind(s, 1, cve);
  if (sqlite3_step(s) != SQLITE_ROW) return std::nullopt;
  auto r = cve_ratings_from_json(text_column(s, 0));
  if (r) it->second = std::move(*r);
  return it->second;
}

std::optional<KevEntry> VulnStore::kev(std::string_view cve) {
  sqlite3_stmt* s = prepare_cached(kSelectKev, "SELECT doc FROM kev WHERE cve = ?");
  Use use(s);
  bind(s, 1, cve);
  if (sqlite3_step(s) != SQLITE_ROW) return std::nullopt;
  auto k = kev_from_json(text_column(s, 0));
  return k ? std::optional<KevEntry>(std::move(*k)) : std::nullopt;
}

std::optional<EpssScore> VulnStore::epss(std::string_view cve) {
  sqlite3_stmt* s = prepare_cached(kSelectEpss, "SELECT epss, percentile, date FROM epss WHERE cve = ?");
  Use use(s);
  bind(s, 1, cve);
  if (sqlite3_step(s) != SQLITE_ROW) return std::nullopt;
  return EpssScore{std::string(cve), sqlite3_column_double(s, 0), sqlite3_column_double(s, 1),
                   text_column(s, 2)};
}

}  // namespace customs
