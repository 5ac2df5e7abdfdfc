// IM018-IM020: the account databases of the final view (/etc/shadow, /etc/passwd, /etc/group), as
// the image-files analyzer captured them. Findings point at the line.
#include <map>

#include "analyzers/image/image_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

struct AccountFile {
  const std::string* bytes = nullptr;
  size_t layer = 0;
  std::string path;
};

AccountFile account_file(const ImageContext& ctx, const std::string& path) {
  AccountFile f;
  f.bytes = final_file(ctx, path, &f.layer, &f.path);
  return f;
}

Location at_line(const ImageContext& ctx, const AccountFile& f, int line) {
  Location loc = ctx.at(f.layer, f.path);
  loc.line = line;
  return loc;
}

// Reports every record whose field 1 (the password) is empty. `min_fields` guards against lines
// that are not records at all.
void report_empty_passwords(const ImageContext& ctx, const Rule& rule, FindingSink& out, const AccountFile& f,
                            size_t min_fields) {
  if (!f.bytes) return;
  for (const ColonRecord& r : colon_records(*f.bytes)) {
    if (r.fields.size() < min_fields || r.fields[0].empty() || !r.fields[1].empty()) continue;
    const std::string& user = r.fields[0];
    out.report(rule, at_line(ctx, f, r.line),
               "User " + user + " has an empty password field in /" + f.path + ": anyone can log in as " +
                   user + " without a password",
               user + "::", f.path + ":" + user);
  }
}

// Reports records whose id (field 2) an earlier record already has.
void report_duplicate_ids(const ImageContext& ctx, const Rule& rule, FindingSink& out, const AccountFile& f,
                          std::string_view id_name, std::string_view what) {
  if (!f.bytes) return;
  std::map<std::string, std::string> first;  // id -> first name
  for (const ColonRecord& r : colon_records(*f.bytes)) {
    if (r.fields.size() < 3 || r.fields[0].empty() || trim(r.fields[2]).empty()) continue;
    std::string id(trim(r.fields[2]));
    auto [it, fresh] = first.emplace(id, r.fields[0]);
    if (fresh || it->second == r.fields[0]) continue;
    out.report(
        rule, at_line(ctx, f, r.line),
        std::string(what) + " " + r.fields[0] + " has " + std::string(id_name) + " " + id + ", which " +
            std::string(what == "User" ? "user " : "group ") + it->second + " already has in /" + f.path,
        r.fields[0] + ":" + r.fields[1] + ":" + id, std::string(id_name) + ":" + id + ":" + r.fields[0]);
  }
}

}  // namespace

// /etc/shadow (name:password:...) and /etc/passwd (name:password:uid:gid:...): an empty password
// field means no password in either.
void check_empty_password(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  report_empty_passwords(ctx, rule, out, account_file(ctx, "etc/shadow"), 2);
  report_empty_passwords(ctx, rule, out, account_file(ctx, "etc/passwd"), 4);
}

void check_duplicate_uid(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  report_duplicate_ids(ctx, rule, out, account_file(ctx, "etc/passwd"), "UID", "User");
}

void check_duplicate_gid(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  report_duplicate_ids(ctx, rule, out, account_file(ctx, "etc/group"), "GID", "Group");
}

}  // namespace customs
