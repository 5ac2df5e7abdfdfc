// The metadata line of a database bundle (format in bundle.h).
#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "io/stream.h"
#include "vulndb/bundle.h"
#include "vulndb/bundle_crypto.h"

namespace customs {

namespace {

using nlohmann::json;

Error bad_header(const std::string& why) {
  return make_error(ErrorKind::kInvalidInput, "bundle header: " + why);
}

// Reads member `name` of `j` into `out` when it has the JSON type `want`; a missing member is
// an error unless `optional`.
template <typename T>
Status member(const json& j, const char* name, json::value_t want, bool optional, T& out) {
  auto it = j.find(name);
  if (it == j.end()) {
    if (optional) return ok_status();
    return bad_header(std::string("\"") + name + "\" is missing");
  }
  bool number = want == json::value_t::number_unsigned;
  if (number ? !it->is_number_unsigned() : it->type() != want)
    return bad_header(std::string("\"") + name + "\" has the wrong type (" + it->type_name() + ")");
  out = it->get<T>();
  return ok_status();
}

Status read_members(const json& j, BundleHeader& h) {
  using V = json::value_t;
  uint64_t format = 0;
  uint64_t schema = 0;
  for (Status s : {member(j, "format", V::number_unsigned, false, format),
                   member(j, "created", V::string, false, h.created),
                   member(j, "schema_version", V::number_unsigned, false, schema),
                   member(j, "algorithm", V::string, false, h.algorithm),
                   member(j, "key_id", V::string, false, h.key_id),
                   member(j, "compression", V::string, false, h.compression),
                   member(j, "payload_size", V::number_unsigned, false, h.payload_size),
                   member(j, "payload_sha256", V::string, false, h.payload_sha256),
                   member(j, "database_size", V::number_unsigned, false, h.database_size),
                   member(j, "comment", V::string, true, h.comment)}) {
    if (!s) return s;
  }
  if (format != 1)
    return bad_header("format " + std::to_string(format) + " is not supported (this customs reads 1)");
  if (schema == 0 || schema > 1000000)
    return bad_header("schema_version " + std::to_string(schema) + " is invalid");
  h.format = 1;
  h.schema_version = static_cast<int>(schema);
  return ok_status();
}

Status check_values(const BundleHeader& h) {
  if (!bundle::known_algorithm(h.algorithm))
    return bad_header("algorithm \"" + h.algorithm + "\" is not supported");
  if (!h.key_id.starts_with("sha256:") || !is_valid_digest(h.key_id))
    return bad_header("key_id \"" + h.key_id + "\" is not sha256:<64 hex digits>");
  if (!h.payload_sha256.starts_with("sha256:") || !is_valid_digest(h.payload_sha256))
    return bad_header("payload_sha256 \"" + h.payload_sha256 + "\" is not sha256:<64 hex digits>");
  if (h.compression != "zstd") return bad_header("compression \"" + h.compression + "\" is not supported");
  if (h.payload_size == 0) return bad_header("payload_size is 0");
  return ok_status();
}

}  // namespace

Result<BundleHeader> parse_bundle_header(std::string_view bytes) {
  if (!bytes.starts_with(kBundleMagic)) {
    bool prefix = bytes.size() < kBundleMagic.size() && kBundleMagic.starts_with(bytes);
    return make_error(ErrorKind::kInvalidInput,
                      prefix ? "truncated: the file ends inside the bundle magic"
                             : "not a customs database bundle (wrong magic; expected \"CUSTOMSDB1\")");
  }
  size_t end = bytes.substr(0, kMaxBundleHeader).find('\n', kBundleMagic.size());
  if (end == std::string_view::npos) {
    return bytes.size() < kMaxBundleHeader
               ? make_error(ErrorKind::kInvalidInput, "truncated: the file ends inside the bundle header")
               : bad_header("longer than " + std::to_string(kMaxBundleHeader) + " bytes");
  }
  std::string_view text = bytes.substr(kBundleMagic.size(), end - kBundleMagic.size());
  if (json_nesting_exceeded_at(text, 8) != std::string_view::npos) return bad_header("nested too deeply");
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return bad_header("not valid JSON");
  if (!j.is_object()) return bad_header("not a JSON object");
  BundleHeader h;
  try {
    if (Status s = read_members(j, h); !s) return s.error();
  } catch (const json::exception& e) {
    return bad_header(e.what());
  }
  if (Status s = check_values(h); !s) return s.error();
  h.header_size = end + 1;
  return h;
}

std::string serialize_bundle_header(const BundleHeader& h) {
  json j = {{"format", h.format},
            {"created", h.created},
            {"schema_version", h.schema_version},
            {"algorithm", h.algorithm},
            {"key_id", h.key_id},
            {"compression", h.compression},
            {"payload_size", h.payload_size},
            {"payload_sha256", h.payload_sha256},
            {"database_size", h.database_size},
            {"comment", h.comment}};
  // dump() escapes control characters, so the line holds no raw newline; invalid UTF-8 in the
  // comment is replaced rather than thrown on.
  return std::string(kBundleMagic) + j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace customs
