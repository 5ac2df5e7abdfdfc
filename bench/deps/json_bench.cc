// JSON parse: nlohmann::json vs RapidJSON vs simdjson (DOM and On-Demand), each parsing the input
// into its own representation and then visiting every value (so lazy parsing earns nothing), on
//   oci_config   a 5 KB OCI image config
//   osv_array    a 20 MB array of OSV-like advisories
//   osv_go       the 4,291 real OSV records of /work/shared/vulndata/osv-go, one parse per file
//   exec_forms   1,000,000 exec-form arrays, each parsed into a std::vector<std::string>
// The digest counts values, strings (keys included), string bytes (unescaped) and numbers: equal
// digests mean the libraries saw the same document.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <simdjson.h>
#include <nlohmann/json.hpp>

#include <dirent.h>
#include <algorithm>

#include "common.h"

namespace {

using deps::Result;

struct Stats {
  uint64_t values = 0, strings = 0, string_bytes = 0, numbers = 0, errors = 0;
  Result result() const {
    Result r;
    for (uint64_t v : {values, strings, string_bytes, numbers, errors}) r.digest = deps::mix(r.digest, v);
    r.detail = "values=" + std::to_string(values) + " strings=" + std::to_string(strings) +
               " string_bytes=" + std::to_string(string_bytes) + " numbers=" + std::to_string(numbers) +
               " errors=" + std::to_string(errors);
    return r;
  }
};

// ---------------------------------------------------------------- inputs (loaded once, padded)

std::string load(const std::string& name) {
  return deps::read_file(deps::input_dir() + "/" + name, simdjson::SIMDJSON_PADDING);
}

const std::string& oci_config() {
  static const std::string s = load("oci_config.json");
  return s;
}
const std::string& osv_array() {
  static const std::string s = load("osv_array.json");
  return s;
}
const std::string& exec_text() {
  static const std::string s = load("exec_forms.txt");
  return s;
}

const std::vector<std::string_view>& exec_lines() {
  static const std::vector<std::string_view> lines = [] {
    std::vector<std::string_view> v;
    std::string_view t = exec_text();
    for (size_t pos = 0; pos < t.size();) {
      size_t eol = std::min(t.find('\n', pos), t.size());
      if (eol > pos) v.push_back(t.substr(pos, eol - pos));
      pos = eol + 1;
    }
    return v;
  }();
  return lines;
}

const std::vector<std::string>& osv_go() {
  static const std::vector<std::string> files = [] {
    const char* env = std::getenv("DEPS_OSV_DIR");
    std::string dir = env ? env : "/work/shared/vulndata/osv-go";
    std::vector<std::string> names;
    if (DIR* d = opendir(dir.c_str())) {
      while (dirent* e = readdir(d)) {
        std::string n = e->d_name;
        if (n.size() > 5 && n.substr(n.size() - 5) == ".json") names.push_back(n);
      }
      closedir(d);
    }
    std::sort(names.begin(), names.end());
    std::vector<std::string> out;
    for (const std::string& n : names)
      out.push_back(deps::read_file(dir + "/" + n, simdjson::SIMDJSON_PADDING));
    return out;
  }();
  return files;
}

size_t osv_go_bytes() {
  size_t n = 0;
  for (const std::string& s : osv_go()) n += s.size();
  return n;
}

// ---------------------------------------------------------------- nlohmann

void walk(const nlohmann::json& j, Stats& s) {
  ++s.values;
  switch (j.type()) {
    case nlohmann::json::value_t::object:
      for (const auto& [k, v] : j.get_ref<const nlohmann::json::object_t&>()) {
        ++s.strings, s.string_bytes += k.size();
        walk(v, s);
      }
      break;
    case nlohmann::json::value_t::array:
      for (const auto& v : j.get_ref<const nlohmann::json::array_t&>()) walk(v, s);
      break;
    case nlohmann::json::value_t::string:
      ++s.strings, s.string_bytes += j.get_ref<const std::string&>().size();
      break;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: ++s.numbers; break;
    default: break;
  }
}

void nlohmann_doc(std::string_view text, Stats& s) {
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    ++s.errors;
  else
    walk(j, s);
}

// ---------------------------------------------------------------- RapidJSON

constexpr unsigned kRapidFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

void walk(const rapidjson::Value& v, Stats& s) {
  ++s.values;
  if (v.IsObject()) {
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      ++s.strings, s.string_bytes += m->name.GetStringLength();
      walk(m->value, s);
    }
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) walk(e, s);
  } else if (v.IsString()) {
    ++s.strings, s.string_bytes += v.GetStringLength();
  } else if (v.IsNumber()) {
    ++s.numbers;
  }
}

void rapid_doc(std::string_view text, Stats& s) {
  rapidjson::Document d;
  d.Parse<kRapidFlags>(text.data(), text.size());
  if (d.HasParseError())
    ++s.errors;
  else
    walk(d, s);
}

// ---------------------------------------------------------------- simdjson DOM

void walk(simdjson::dom::element e, Stats& s) {
  ++s.values;
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT:
      for (auto field : simdjson::dom::object(e)) {
        ++s.strings, s.string_bytes += field.key.size();
        walk(field.value, s);
      }
      break;
    case simdjson::dom::element_type::ARRAY:
      for (auto v : simdjson::dom::array(e)) walk(v, s);
      break;
    case simdjson::dom::element_type::STRING:
      ++s.strings, s.string_bytes += std::string_view(e).size();
      break;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE: ++s.numbers; break;
    default: break;
  }
}

// `text` must have SIMDJSON_PADDING readable bytes after its end (all inputs here do).
void simdjson_dom_doc(simdjson::dom::parser& p, std::string_view text, Stats& s) {
  simdjson::dom::element root;
  if (p.parse(text.data(), text.size(), false).get(root))
    ++s.errors;
  else
    walk(root, s);
}

// ---------------------------------------------------------------- simdjson On-Demand

bool walk(simdjson::ondemand::value v, Stats& s, int depth) {
  ++s.values;
  if (depth > 256) return false;
  simdjson::ondemand::json_type t;
  if (v.type().get(t)) return false;
  switch (t) {
    case simdjson::ondemand::json_type::object:
      for (auto field : v.get_object()) {
        std::string_view k;
        if (field.unescaped_key().get(k)) return false;
        ++s.strings, s.string_bytes += k.size();
        if (!walk(field.value(), s, depth + 1)) return false;
      }
      return true;
    case simdjson::ondemand::json_type::array:
      for (auto e : v.get_array()) {
        simdjson::ondemand::value child;
        if (e.get(child) || !walk(child, s, depth + 1)) return false;
      }
      return true;
    case simdjson::ondemand::json_type::string: {
      std::string_view str;
      if (v.get_string().get(str)) return false;
      ++s.strings, s.string_bytes += str.size();
      return true;
    }
    case simdjson::ondemand::json_type::number: {
      double d;
      ++s.numbers;
      return !v.get_double().get(d);
    }
    case simdjson::ondemand::json_type::boolean: {
      bool b;
      return !v.get_bool().get(b);
    }
    case simdjson::ondemand::json_type::null: return v.is_null();
  }
  return false;
}

void simdjson_od_doc(simdjson::ondemand::parser& p, std::string_view text, Stats& s) {
  simdjson::padded_string_view in(text.data(), text.size(), text.size() + simdjson::SIMDJSON_PADDING);
  simdjson::ondemand::document doc;
  simdjson::ondemand::value root;
  if (p.iterate(in).get(doc) || doc.get_value().get(root) || !walk(root, s, 0)) ++s.errors;
}

// ---------------------------------------------------------------- exec-form arrays

// Each parser turns one line into the argv vector customs keeps; non-arrays and non-strings fail.
bool exec_nlohmann(std::string_view line, std::vector<std::string>& argv) {
  nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (!j.is_array()) return false;
  for (const auto& e : j) {
    if (!e.is_string()) return false;
    argv.push_back(e.get_ref<const std::string&>());
  }
  return true;
}

bool exec_rapid(std::string_view line, std::vector<std::string>& argv) {
  rapidjson::Document d;
  d.Parse<kRapidFlags>(line.data(), line.size());
  if (d.HasParseError() || !d.IsArray()) return false;
  for (const auto& e : d.GetArray()) {
    if (!e.IsString()) return false;
    argv.emplace_back(e.GetString(), e.GetStringLength());
  }
  return true;
}

bool exec_simd_dom(simdjson::dom::parser& p, std::string_view line, std::vector<std::string>& argv) {
  simdjson::dom::array arr;
  if (p.parse(line.data(), line.size(), false).get(arr)) return false;
  for (auto e : arr) {
    std::string_view sv;
    if (e.get(sv)) return false;
    argv.emplace_back(sv);
  }
  return true;
}

bool exec_simd_od(simdjson::ondemand::parser& p, std::string_view line, std::vector<std::string>& argv) {
  simdjson::padded_string_view in(line.data(), line.size(), line.size() + simdjson::SIMDJSON_PADDING);
  simdjson::ondemand::document doc;
  simdjson::ondemand::array arr;
  if (p.iterate(in).get(doc) || doc.get_array().get(arr)) return false;
  for (auto e : arr) {
    std::string_view sv;
    if (e.get_string().get(sv)) return false;
    argv.emplace_back(sv);
  }
  return true;  // 3.0.1 has no document::at_end(): trailing bytes go unchecked
}

template <typename F>
Result exec_all(F parse_one) {
  Stats s;
  std::vector<std::string> argv;
  for (std::string_view line : exec_lines()) {
    argv.clear();
    if (!parse_one(line, argv)) {
      ++s.errors;
      continue;
    }
    ++s.values;
    for (const std::string& a : argv) ++s.strings, s.string_bytes += a.size();
  }
  return s.result();
}

// ---------------------------------------------------------------- registration

using Loader = const std::string& (*)();

void add_document_cases(const std::string& input, Loader text) {
  auto bytes = [text] { return text().size(); };
  deps::add({input + "/none", bytes, [text] {
               Stats s;
               s.string_bytes = text().size();
               return s.result();
             }});
  deps::add({input + "/nlohmann", bytes, [text] {
               Stats s;
               nlohmann_doc(text(), s);
               return s.result();
             }});
  deps::add({input + "/rapidjson", bytes, [text] {
               Stats s;
               rapid_doc(text(), s);
               return s.result();
             }});
  deps::add({input + "/simdjson_dom", bytes, [text] {
               static simdjson::dom::parser p;
               Stats s;
               simdjson_dom_doc(p, text(), s);
               return s.result();
             }});
  deps::add({input + "/simdjson_ondemand", bytes, [text] {
               static simdjson::ondemand::parser p;
               Stats s;
               simdjson_od_doc(p, text(), s);
               return s.result();
             }});
}

template <typename F>
Result each_osv(F one) {
  Stats s;
  for (const std::string& f : osv_go()) one(std::string_view(f), s);
  return s.result();
}

void add_osv_go_cases() {
  const int64_t n = 4291;
  deps::add({"osv_go/none", osv_go_bytes,
             [] {
               Stats s;
               s.string_bytes = osv_go_bytes();
               return s.result();
             },
             n});
  deps::add({"osv_go/nlohmann", osv_go_bytes, [] { return each_osv(nlohmann_doc); }, n});
  deps::add({"osv_go/rapidjson", osv_go_bytes, [] { return each_osv(rapid_doc); }, n});
  deps::add({"osv_go/simdjson_dom", osv_go_bytes,
             [] {
               static simdjson::dom::parser p;
               return each_osv([](std::string_view t, Stats& s) { simdjson_dom_doc(p, t, s); });
             },
             n});
  deps::add({"osv_go/simdjson_ondemand", osv_go_bytes,
             [] {
               static simdjson::ondemand::parser p;
               return each_osv([](std::string_view t, Stats& s) { simdjson_od_doc(p, t, s); });
             },
             n});
}

void add_exec_cases() {
  auto bytes = [] {
    exec_lines();
    return exec_text().size();
  };
  const int64_t n = 1000000;
  deps::add({"exec_forms/none", bytes,
             [] {
               Stats s;
               s.values = exec_lines().size();
               return s.result();
             },
             n});
  deps::add({"exec_forms/nlohmann", bytes, [] { return exec_all(exec_nlohmann); }, n});
  deps::add({"exec_forms/rapidjson", bytes, [] { return exec_all(exec_rapid); }, n});
  deps::add({"exec_forms/simdjson_dom", bytes,
             [] {
               static simdjson::dom::parser p;
               return exec_all(
                   [](std::string_view l, std::vector<std::string>& a) { return exec_simd_dom(p, l, a); });
             },
             n});
  deps::add({"exec_forms/simdjson_ondemand", bytes,
             [] {
               static simdjson::ondemand::parser p;
               return exec_all(
                   [](std::string_view l, std::vector<std::string>& a) { return exec_simd_od(p, l, a); });
             },
             n});
}

}  // namespace

int main(int argc, char** argv) {
  add_document_cases("oci_config", oci_config);
  add_document_cases("osv_array", osv_array);
  add_osv_go_cases();
  add_exec_cases();
  return deps::main(argc, argv);
}
