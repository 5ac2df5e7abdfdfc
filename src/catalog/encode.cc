#include "catalog/encode.h"

#include <nlohmann/json.hpp>

namespace customs {
namespace {

using nlohmann::json;

json strings(const std::vector<std::string>& v) { return json(v); }

std::vector<std::string> read_strings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& s : *it)
    if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

std::string read_string(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int read_int(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

// Only the fields a cataloger fills; empty ones are left out to keep cache entries small.
json encode_package(const Package& p) {
  json j = json::object();
  j["t"] = purl_type(p.type);
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  put("ns", p.namespace_);
  put("n", p.name);
  put("v", p.version);
  put("a", p.arch);
  put("sn", p.source_name);
  put("sv", p.source_version);
  put("su", p.supplier);
  put("h", p.homepage);
  put("c", p.cataloger);
  put("p", p.path);
  put("vs", p.version_source);
  if (p.origin != PackageOrigin::kInstalled) j["o"] = static_cast<int>(p.origin);
  if (p.dev) j["dev"] = true;
  if (!p.licenses.empty()) j["l"] = strings(p.licenses);
  if (!p.files.empty()) j["f"] = strings(p.files);
  if (!p.depends_on.empty()) j["d"] = strings(p.depends_on);
  return j;
}

Result<Package> decode_package(const json& j) {
  Package p;
  auto type = package_type_from_purl_type(read_string(j, "t"));
  if (!type) return make_error(ErrorKind::kInvalidInput, "catalog record: unknown package type");
  p.type = *type;
  p.namespace_ = read_string(j, "ns");
  p.name = read_string(j, "n");
  p.version = read_string(j, "v");
  p.arch = read_string(j, "a");
  p.source_name = read_string(j, "sn");
  p.source_version = read_string(j, "sv");
  p.supplier = read_string(j, "su");
  p.homepage = read_string(j, "h");
  p.cataloger = read_string(j, "c");
  p.path = read_string(j, "p");
  p.version_source = read_string(j, "vs");
  int origin = read_int(j, "o");
  if (origin < 0 || origin > static_cast<int>(PackageOrigin::kBinary))
    return make_error(ErrorKind::kInvalidInput, "catalog record: bad origin");
  p.origin = static_cast<PackageOrigin>(origin);
  p.dev = j.value("dev", false);
  p.licenses = read_strings(j, "l");
  p.files = read_strings(j, "f");
  p.depends_on = read_strings(j, "d");
  return p;
}

json encode_facts(const PackageFacts& f) {
  json j = {{"t", purl_type(f.type)}, {"n", f.package}};
  if (!f.arch.empty()) j["a"] = f.arch;
  if (!f.files.empty()) j["f"] = strings(f.files);
  if (!f.licenses.empty()) j["l"] = strings(f.licenses);
  return j;
}

json encode_os(const OsInfo& os) {
  return {{"id", os.id},      {"v", os.version_id}, {"c", os.codename}, {"pn", os.pretty_name},
          {"il", os.id_like}, {"s", os.source},     {"pr", os.priority}};
}

json encode_diag(const Diagnostic& d) {
  return {{"lv", static_cast<int>(d.level)},
          {"c", d.code},
          {"m", d.message},
          {"p", d.where.path},
          {"l", d.where.line},
          {"col", d.where.column}};
}

Result<CatalogResult> decode(const json& j) {
  if (!j.is_object() || read_int(j, "v") != kCatalogEncodingVersion)
    return make_error(ErrorKind::kInvalidInput, "catalog record: unknown encoding");
  CatalogResult r;
  for (const auto& pj : j.value("p", json::array())) {
    auto p = decode_package(pj);
    if (!p.ok()) return p.error();
    r.packages.push_back(std::move(*p));
  }
  for (const auto& fj : j.value("f", json::array())) {
    PackageFacts f;
    auto type = package_type_from_purl_type(read_string(fj, "t"));
    if (!type) return make_error(ErrorKind::kInvalidInput, "catalog record: unknown facts type");
    f.type = *type;
    f.package = read_string(fj, "n");
    f.arch = read_string(fj, "a");
    f.files = read_strings(fj, "f");
    f.licenses = read_strings(fj, "l");
    r.facts.push_back(std::move(f));
  }
  if (auto it = j.find("o"); it != j.end() && it->is_object()) {
    OsInfo os{read_string(*it, "id"), read_string(*it, "v"), read_string(*it, "c"), read_string(*it, "pn"),
              read_string(*it, "il"), read_string(*it, "s"), read_int(*it, "pr")};
    r.os = os;
  }
  for (const auto& dj : j.value("d", json::array())) {
    Diagnostic d;
    int level = read_int(dj, "lv");
    d.level = level >= 0 && level <= 2 ? static_cast<DiagLevel>(level) : DiagLevel::kWarning;
    d.code = read_string(dj, "c");
    d.message = read_string(dj, "m");
    d.where.path = read_string(dj, "p");
    d.where.file = d.where.path;
    d.where.line = read_int(dj, "l");
    d.where.column = read_int(dj, "col");
    r.diagnostics.push_back(std::move(d));
  }
  return r;
}

}  // namespace

std::string encode_catalog_result(const CatalogResult& result) {
  json j = {{"v", kCatalogEncodingVersion}};
  if (!result.packages.empty()) {
    json& arr = j["p"] = json::array();
    for (const auto& p : result.packages) arr.push_back(encode_package(p));
  }
  if (!result.facts.empty()) {
    json& arr = j["f"] = json::array();
    for (const auto& f : result.facts) arr.push_back(encode_facts(f));
  }
  if (result.os) j["o"] = encode_os(*result.os);
  if (!result.diagnostics.empty()) {
    json& arr = j["d"] = json::array();
    for (const auto& d : result.diagnostics) arr.push_back(encode_diag(d));
  }
  return j.dump();
}

Result<CatalogResult> decode_catalog_result(std::string_view bytes) {
  json j = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return make_error(ErrorKind::kInvalidInput, "catalog record: not JSON");
  try {
    return decode(j);
  } catch (const std::exception& e) {
    return make_error(ErrorKind::kInvalidInput, std::string("catalog record: ") + e.what());
  }
}

}  // namespace customs
