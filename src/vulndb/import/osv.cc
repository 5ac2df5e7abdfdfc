// OSV records (schema 1.x) to Advisory: the record's own fields here, "affected" in
// osv_affected.cc, the JSON / YAML trees in osv_tree.cc.
#include "vulndb/import/osv.h"

#include "core/strings.h"
#include "vulndb/import/osv_read.h"
#include "vulndb/import/osv_tree.h"

namespace customs {
namespace {

using osv::child_path;
using osv::item_path;
using osv::Node;
using osv::ReadContext;

// Who rates a record's own severities: GitHub for its GHSA records, else the OSV record itself.
std::string_view rater_of(std::string_view id) { return id.starts_with("GHSA-") ? "ghsa" : "osv"; }

void read_severities(const Node& rec, const std::string& path, ReadContext& ctx, Advisory& a) {
  std::string_view rater = rater_of(a.id);
  const std::string severity_path = child_path(path, "severity");
  if (const std::vector<Node>* entries = ctx.list_at(rec, "severity", path)) {
    for (size_t i = 0; i < entries->size(); ++i) {
      SeverityRating rating;
      if (osv::read_severity((*entries)[i], item_path(severity_path, i), rater, ctx, rating))
        a.severities.push_back(std::move(rating));
    }
  }
  // GHSA's word ("LOW", "MODERATE", "HIGH", "CRITICAL") in database_specific.
  if (const Node* specific = ctx.map_at(rec, "database_specific", path)) {
    const Node* word = specific->find("severity");
    if (word != nullptr && word->is_string() && !word->text.empty())
      a.severities.push_back(SeverityRating{std::string(rater), "text", "", std::nullopt, word->text});
  }
}

void read_affected_list(const Node& rec, const std::string& path, ReadContext& ctx, Advisory& a) {
  const std::string affected_path = child_path(path, "affected");
  const std::vector<Node>* entries = ctx.list_at(rec, "affected", path);
  for (size_t i = 0; entries != nullptr && i < entries->size(); ++i) {
    Affected affected;
    if (osv::read_affected((*entries)[i], item_path(affected_path, i), rater_of(a.id), ctx, affected,
                           a.severities))
      a.affected.push_back(std::move(affected));
  }
}

void read_references(const Node& rec, const std::string& path, ReadContext& ctx, Advisory& a) {
  const std::string references_path = child_path(path, "references");
  const std::vector<Node>* entries = ctx.list_at(rec, "references", path);
  for (size_t i = 0; entries != nullptr && i < entries->size(); ++i) {
    const Node& ref = (*entries)[i];
    const std::string* url =
        ref.kind == Node::Kind::kMap ? ctx.string_at(ref, "url", item_path(references_path, i)) : nullptr;
    if (url != nullptr)
      a.references.push_back(*url);
    else
      ctx.warn(ref, item_path(references_path, i), "osv.bad-reference", "reference has no url; ignored");
  }
}

// One record at `path` ("" for a whole document, "[i]" in a list). Only a missing id (or a record
// that is no object) is an error; everything else is read as far as it is valid.
Result<Advisory> read_record(const Node& rec, const std::string& path, ReadContext& ctx) {
  std::string prefix = path.empty() ? "" : path + ": ";
  if (rec.kind != Node::Kind::kMap)
    return make_error(ErrorKind::kInvalidInput,
                      prefix + "an OSV record is an object, found " + osv::describe(rec), ctx.where(rec));
  const std::string* id = ctx.string_at(rec, "id", path);
  if (id == nullptr || trim(*id).empty())
    return make_error(ErrorKind::kInvalidInput, prefix + "OSV record has no id", ctx.where(rec));
  Advisory a;
  a.source = "osv";
  a.id = std::string(trim(*id));
  a.aliases = ctx.strings_at(rec, "aliases", path);
  a.related = ctx.strings_at(rec, "related", path);
  ctx.read_string(rec, "summary", path, a.summary);
  ctx.read_string(rec, "details", path, a.details);
  ctx.read_string(rec, "published", path, a.published);
  ctx.read_string(rec, "modified", path, a.modified);
  ctx.read_string(rec, "withdrawn", path, a.withdrawn);
  read_severities(rec, path, ctx, a);
  read_affected_list(rec, path, ctx, a);
  read_references(rec, path, ctx, a);
  return a;
}

// A record, or a list of records (each bad one an error diagnostic, the others kept).
Result<FeedBatch> read_document(Result<Node> doc, std::string_view name, Diagnostics& diags) {
  if (!doc) return doc.error();
  ReadContext ctx(name, diags);
  FeedBatch batch;
  if (doc->kind != Node::Kind::kSeq) {
    Result<Advisory> a = read_record(*doc, "", ctx);
    if (!a) return a.error();
    batch.advisories.push_back(std::move(*a));
    return batch;
  }
  const std::vector<Node>& records = doc->items;
  if (records.empty()) diags.warning("osv.empty", "the list holds no OSV records", ctx.where(*doc));
  batch.advisories.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    Result<Advisory> a = read_record(records[i], item_path("", i), ctx);
    if (a)
      batch.advisories.push_back(std::move(*a));
    else
      diags.error("osv.bad-record", a.error().message + "; skipped", a.error().where);
  }
  return batch;
}

}  // namespace

Result<FeedBatch> parse_osv_json(std::string_view bytes, std::string_view name, Diagnostics& diags) {
  return read_document(osv::parse_json_tree(bytes, name), name, diags);
}

Result<FeedBatch> parse_osv_yaml(std::string_view bytes, std::string_view name, Diagnostics& diags) {
  return read_document(osv::parse_yaml_tree(bytes, name), name, diags);
}

}  // namespace customs
