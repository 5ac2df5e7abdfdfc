// read_sbom: JSON parsing with located errors, a nesting bound, and the choice between CycloneDX
// and SPDX by their marker fields (bomFormat, spdxVersion).
#include "sources/sbom/sbom_reader.h"

#include <algorithm>

#include "core/strings.h"
#include "sources/sbom/sbom_read_context.h"

namespace customs {
namespace {

using sbom::json;

constexpr int kMaxNesting = 512;

Location location_at(std::string_view bytes, std::string_view path, size_t offset) {
  Location loc{std::string(path)};
  offset = std::min(offset, bytes.size());
  loc.line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i)
    if (bytes[i] == '\n') ++loc.line, line_start = i + 1;
  loc.column = static_cast<int>(offset - line_start) + 1;
  return loc;
}

Result<json> parse_json(std::string_view bytes, std::string_view path) {
  if (size_t at = json_nesting_exceeded_at(bytes, kMaxNesting); at != std::string_view::npos)
    return make_error(ErrorKind::kLimit, "JSON nested deeper than " + std::to_string(kMaxNesting) + " levels",
                      location_at(bytes, path, at));
  try {
    return json::parse(bytes.begin(), bytes.end());
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    if (size_t colon = what.find("] "); colon != std::string::npos) what = what.substr(colon + 2);
    size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    return make_error(ErrorKind::kInvalidInput, "not valid JSON: " + what, location_at(bytes, path, offset));
  } catch (const std::exception& e) {
    return make_error(ErrorKind::kInvalidInput, std::string("not valid JSON: ") + e.what(),
                      Location{std::string(path)});
  }
}

// "1.2" .. "1.6" are read; a later 1.x with a warning (new fields are additions).
Status check_cyclonedx_version(const std::string& v, sbom::ReadContext& ctx) {
  int minor = v.size() >= 3 && v.compare(0, 2, "1.") == 0 ? std::atoi(v.c_str() + 2) : -1;
  if (minor >= 2 && minor <= 6) return ok_status();
  if (minor > 6) {
    ctx.warn("sbom.newer-spec", "CycloneDX specVersion " + v + " is newer than 1.6; read as 1.6");
    return ok_status();
  }
  return make_error(ErrorKind::kInvalidInput,
                    "CycloneDX specVersion '" + v.substr(0, 20) + "' is not supported (JSON 1.2 to 1.6)",
                    Location{ctx.path()});
}

Status check_spdx_version(const std::string& v, sbom::ReadContext& ctx) {
  if (v == "SPDX-2.2" || v == "SPDX-2.3") return ok_status();
  if (v == "SPDX-2.0" || v == "SPDX-2.1") {
    ctx.warn("sbom.older-spec", v + " is read as SPDX 2.2");
    return ok_status();
  }
  return make_error(ErrorKind::kInvalidInput,
                    "spdxVersion '" + v.substr(0, 20) + "' is not supported (SPDX-2.2, SPDX-2.3)",
                    Location{ctx.path()});
}

// What a JSON document that is no SBOM looks like, for the error message.
std::string describe(const json& doc) {
  if (!doc.is_object()) return std::string("a JSON ") + doc.type_name();
  std::vector<std::string> keys;
  for (auto it = doc.begin(); it != doc.end() && keys.size() < 5; ++it)
    keys.push_back("\"" + it.key().substr(0, 40) + "\"");
  if (keys.empty()) return "an empty JSON object";
  return "a JSON object with keys " + join(keys, ", ") + (doc.size() > keys.size() ? ", ..." : "");
}

Result<Inventory> read_document(const json& doc, sbom::ReadContext& ctx) {
  std::string bom_format = sbom::string_member(doc, "bomFormat");
  std::string spdx_version = sbom::string_member(doc, "spdxVersion");
  if (bom_format == "CycloneDX") {
    if (Status s = check_cyclonedx_version(sbom::string_member(doc, "specVersion"), ctx); !s.ok())
      return s.error();
    return sbom::read_cyclonedx(doc, ctx);
  }
  if (!spdx_version.empty()) {
    if (Status s = check_spdx_version(spdx_version, ctx); !s.ok()) return s.error();
    return sbom::read_spdx(doc, ctx);
  }
  return make_error(
      ErrorKind::kInvalidInput,
      "neither a CycloneDX document (bomFormat) nor an SPDX document (spdxVersion): " + describe(doc),
      Location{ctx.path()});
}

}  // namespace

Result<Inventory> read_sbom(std::string_view bytes, std::string_view path, Diagnostics* diags) {
  if (trim(bytes).empty())
    return make_error(ErrorKind::kInvalidInput, "empty file, not an SBOM", Location{std::string(path)});
  Result<json> doc = parse_json(bytes, path);
  if (!doc.ok()) return doc.error();
  sbom::ReadContext ctx(path, diags);
  try {
    return read_document(*doc, ctx);
  } catch (const std::exception& e) {  // the readers check types; this is a last line of defence
    return make_error(ErrorKind::kInvalidInput, std::string("unreadable SBOM: ") + e.what(),
                      Location{std::string(path)});
  }
}

}  // namespace customs
