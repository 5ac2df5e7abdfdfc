// Image metadata JSON -> model structs. nlohmann throws on bad input; every throw is caught here,
// and every field is read through FieldReader, which keeps the first error with its JSON path.
#include "sources/image/parse.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <optional>

#include "core/strings.h"
#include "io/stream.h"

namespace customs {

namespace {

using Json = nlohmann::json;

constexpr int kMaxNesting = 64;  // image metadata is a few levels deep; more is hostile

Error invalid(const std::string& what, const std::string& path, const std::string& problem) {
  return make_error(ErrorKind::kInvalidInput, what + ": " + (path.empty() ? "" : path + ": ") + problem);
}

Result<Json> parse_json(std::string_view bytes, const std::string& what) {
  if (json_nesting_exceeded_at(bytes, kMaxNesting) != std::string_view::npos)
    return invalid(what, "", "JSON nests deeper than " + std::to_string(kMaxNesting) + " levels");
  try {
    return Json::parse(bytes);
  } catch (const Json::exception& e) {
    std::string message = e.what();
    size_t end = message.find("] ");
    if (message.starts_with("[json.exception") && end != std::string::npos) message.erase(0, end + 2);
    return invalid(what, "", "not valid JSON: " + message);
  }
}

std::string child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string element(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// Reads typed fields out of JSON objects. Absent and null fields leave the output as it was
// (Docker writes null for empty arrays and objects). The first wrong type is kept as the error;
// later calls after an error do nothing.
class FieldReader {
 public:
  explicit FieldReader(const std::string& what) : what_(what) {}

  bool failed() const { return error_.has_value(); }
  const Error& error() const { return *error_; }
  void fail(const std::string& path, const std::string& problem) {
    if (!error_) error_ = invalid(what_, path, problem);
  }

  // The field's value when present and not null, else nullptr.
  const Json* field(const Json& obj, std::string_view key) {
    if (failed() || !obj.is_object()) return nullptr;
    auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
  }
  const Json* object(const Json& obj, std::string_view key, const std::string& path) {
    return typed(obj, key, path, &Json::is_object, "not an object");
  }
  const Json* array(const Json& obj, std::string_view key, const std::string& path) {
    return typed(obj, key, path, &Json::is_array, "not an array");
  }
  void string(const Json& obj, std::string_view key, const std::string& path, std::string& out) {
    if (const Json* v = typed(obj, key, path, &Json::is_string, "not a string")) out = v->get<std::string>();
  }
  void boolean(const Json& obj, std::string_view key, const std::string& path, bool& out) {
    if (const Json* v = typed(obj, key, path, &Json::is_boolean, "not a boolean")) out = v->get<bool>();
  }
  void integer(const Json& obj, std::string_view key, const std::string& path, int64_t& out) {
    const Json* v = field(obj, key);
    if (v == nullptr) return;
    if (!v->is_number_integer()) return fail(child(path, key), "not an integer");
    if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
      return fail(child(path, key), "integer out of range");
    out = v->get<int64_t>();
  }
  void strings(const Json& obj, std::string_view key, const std::string& path,
               std::vector<std::string>& out) {
    const Json* a = array(obj, key, path);
    if (a == nullptr) return;
    out.clear();
    for (size_t i = 0; i < a->size(); ++i) {
      const Json& e = (*a)[i];
      if (!e.is_string()) return fail(element(child(path, key), i), "not a string");
      out.push_back(e.get<std::string>());
    }
  }
  void string_map(const Json& obj, std::string_view key, const std::string& path,
                  std::map<std::string, std::string>& out) {
    const Json* o = object(obj, key, path);
    if (o == nullptr) return;
    for (const auto& [k, v] : o->items()) {
      if (!v.is_string()) return fail(child(child(path, key), k), "not a string");
      out[k] = v.get<std::string>();
    }
  }
  // An object used as a set ("ExposedPorts": {"80/tcp": {}}): its keys.
  void keys(const Json& obj, std::string_view key, const std::string& path, std::vector<std::string>& out) {
    if (const Json* o = object(obj, key, path))
      for (const auto& item : o->items()) out.push_back(item.key());
  }
  void digest(const Json& obj, std::string_view key, const std::string& path, std::string& out) {
    string(obj, key, path, out);
    if (!failed() && !out.empty() && !is_valid_digest(out))
      fail(child(path, key), "not a valid digest: '" + out.substr(0, 200) + "'");
  }

 private:
  const Json* typed(const Json& obj, std::string_view key, const std::string& path,
                    bool (Json::*is)() const noexcept, const char* problem) {
    const Json* v = field(obj, key);
    if (v != nullptr && !(v->*is)()) {
      fail(child(path, key), problem);
      return nullptr;
    }
    return v;
  }

  const std::string& what_;
  std::optional<Error> error_;
};

Result<Json> parse_object(std::string_view bytes, const std::string& what) {
  auto j = parse_json(bytes, what);
  if (j.ok() && !j->is_object()) return invalid(what, "", "not a JSON object");
  return j;
}

Platform read_platform(FieldReader& r, const Json& j, const std::string& path) {
  Platform p;
  r.string(j, "os", path, p.os);
  r.string(j, "architecture", path, p.architecture);
  r.string(j, "variant", path, p.variant);
  r.string(j, "os.version", path, p.os_version);
  return p;
}

// A descriptor at `path`; digest is required and must be well formed (it becomes a file name).
Descriptor read_descriptor(FieldReader& r, const Json& j, const std::string& path) {
  Descriptor d;
  if (!j.is_object()) {
    r.fail(path, "not an object");
    return d;
  }
  r.string(j, "mediaType", path, d.media_type);
  r.digest(j, "digest", path, d.digest);
  if (!r.failed() && d.digest.empty()) r.fail(child(path, "digest"), "missing");
  r.integer(j, "size", path, d.size);
  if (!r.failed() && j.contains("size") && d.size < 0) r.fail(child(path, "size"), "negative");
  r.string_map(j, "annotations", path, d.annotations);
  r.strings(j, "urls", path, d.urls);
  if (const Json* p = r.object(j, "platform", path))
    d.platform = read_platform(r, *p, child(path, "platform"));
  return d;
}

void read_schema_version(FieldReader& r, const Json& j, int& out) {
  int64_t v = 2;
  r.integer(j, "schemaVersion", "", v);
  if (!r.failed() && v != 2)
    r.fail("schemaVersion", "version " + std::to_string(v) + " is not supported (2 is)");
  out = 2;
}

bool is_index_type(std::string_view t) { return t == kOciIndex || t == kDockerManifestList; }
bool is_manifest_type(std::string_view t) { return t == kOciManifest || t == kDockerManifest; }

}  // namespace

ManifestKind manifest_kind(std::string_view media_type, std::string_view bytes) {
  if (is_index_type(media_type)) return ManifestKind::kIndex;
  if (is_manifest_type(media_type)) return ManifestKind::kManifest;
  if (!media_type.empty()) return ManifestKind::kUnknown;
  auto j = parse_object(bytes, "");
  if (!j.ok()) return ManifestKind::kUnknown;
  auto type = j->find("mediaType");
  if (type != j->end() && type->is_string()) {
    std::string t = type->get<std::string>();
    if (!t.empty()) return manifest_kind(t, "");
  }
  if (j->contains("manifests")) return ManifestKind::kIndex;
  if (j->contains("layers") || j->contains("config")) return ManifestKind::kManifest;
  return ManifestKind::kUnknown;
}

Result<ImageManifest> parse_manifest(std::string_view bytes, const std::string& what) {
  auto j = parse_object(bytes, what);
  if (!j.ok()) return j.error();
  FieldReader r(what);
  ImageManifest m;
  read_schema_version(r, *j, m.schema_version);
  r.string(*j, "mediaType", "", m.media_type);
  if (!r.failed() && is_index_type(m.media_type)) r.fail("mediaType", "an image index, not a manifest");
  r.string(*j, "artifactType", "", m.artifact_type);
  const Json* config = r.object(*j, "config", "");
  if (config == nullptr && !r.failed()) r.fail("config", "missing");
  if (config != nullptr) m.config = read_descriptor(r, *config, "config");
  if (const Json* layers = r.array(*j, "layers", ""))
    for (size_t i = 0; i < layers->size() && !r.failed(); ++i)
      m.layers.push_back(read_descriptor(r, (*layers)[i], element("layers", i)));
  if (const Json* subject = r.object(*j, "subject", "")) m.subject = read_descriptor(r, *subject, "subject");
  r.string_map(*j, "annotations", "", m.annotations);
  if (r.failed()) return r.error();
  return m;
}

Result<ImageIndex> parse_index(std::string_view bytes, const std::string& what) {
  auto j = parse_object(bytes, what);
  if (!j.ok()) return j.error();
  FieldReader r(what);
  ImageIndex index;
  read_schema_version(r, *j, index.schema_version);
  r.string(*j, "mediaType", "", index.media_type);
  if (!r.failed() && is_manifest_type(index.media_type))
    r.fail("mediaType", "an image manifest, not an index");
  const Json* manifests = r.array(*j, "manifests", "");
  if (manifests == nullptr && !r.failed()) r.fail("manifests", "missing");
  for (size_t i = 0; manifests != nullptr && i < manifests->size() && !r.failed(); ++i)
    index.manifests.push_back(read_descriptor(r, (*manifests)[i], element("manifests", i)));
  r.string_map(*j, "annotations", "", index.annotations);
  if (r.failed()) return r.error();
  return index;
}

namespace {

std::optional<Healthcheck> read_healthcheck(FieldReader& r, const Json& config, const std::string& path) {
  const Json* h = r.object(config, "Healthcheck", path);
  if (h == nullptr) return std::nullopt;
  std::string at = child(path, "Healthcheck");
  Healthcheck out;
  int64_t retries = 0;
  r.strings(*h, "Test", at, out.test);
  r.integer(*h, "Interval", at, out.interval_ns);
  r.integer(*h, "Timeout", at, out.timeout_ns);
  r.integer(*h, "StartPeriod", at, out.start_period_ns);
  r.integer(*h, "Retries", at, retries);
  if (!r.failed() && (retries < INT_MIN || retries > INT_MAX))
    r.fail(child(at, "Retries"), "integer out of range");
  out.retries = static_cast<int>(retries);
  return out;
}

ContainerConfig read_container_config(FieldReader& r, const Json& c) {
  const std::string path = "config";
  ContainerConfig out;
  r.string(c, "User", path, out.user);
  r.strings(c, "Env", path, out.env);
  r.strings(c, "Entrypoint", path, out.entrypoint);
  r.strings(c, "Cmd", path, out.cmd);
  r.string(c, "WorkingDir", path, out.working_dir);
  r.keys(c, "ExposedPorts", path, out.exposed_ports);
  r.keys(c, "Volumes", path, out.volumes);
  r.string_map(c, "Labels", path, out.labels);
  r.string(c, "StopSignal", path, out.stop_signal);
  r.strings(c, "Shell", path, out.shell);
  r.strings(c, "OnBuild", path, out.on_build);
  out.healthcheck = read_healthcheck(r, c, path);
  return out;
}

HistoryEntry read_history_entry(FieldReader& r, const Json& h, const std::string& path) {
  HistoryEntry out;
  if (!h.is_object()) {
    r.fail(path, "not an object");
    return out;
  }
  r.string(h, "created", path, out.created);
  r.string(h, "created_by", path, out.created_by);
  r.string(h, "author", path, out.author);
  r.string(h, "comment", path, out.comment);
  r.boolean(h, "empty_layer", path, out.empty_layer);
  return out;
}

}  // namespace

Result<ImageConfig> parse_image_config(std::string_view bytes, const std::string& what) {
  auto j = parse_object(bytes, what);
  if (!j.ok()) return j.error();
  FieldReader r(what);
  ImageConfig out;
  r.string(*j, "created", "", out.created);
  r.string(*j, "author", "", out.author);
  r.string(*j, "architecture", "", out.architecture);
  r.string(*j, "os", "", out.os);
  r.string(*j, "variant", "", out.variant);
  if (const Json* c = r.object(*j, "config", "")) out.config = read_container_config(r, *c);
  if (const Json* rootfs = r.object(*j, "rootfs", "")) {
    r.strings(*rootfs, "diff_ids", "rootfs", out.diff_ids);
    for (size_t i = 0; i < out.diff_ids.size() && !r.failed(); ++i)
      if (!is_valid_digest(out.diff_ids[i]))
        r.fail(element("rootfs.diff_ids", i), "not a valid digest: '" + out.diff_ids[i].substr(0, 200) + "'");
  }
  if (const Json* history = r.array(*j, "history", ""))
    for (size_t i = 0; i < history->size() && !r.failed(); ++i)
      out.history.push_back(read_history_entry(r, (*history)[i], element("history", i)));
  if (r.failed()) return r.error();
  return out;
}

Result<std::vector<DockerArchiveImage>> parse_docker_archive_manifest(std::string_view bytes,
                                                                      const std::string& what) {
  auto j = parse_json(bytes, what);
  if (!j.ok()) return j.error();
  if (!j->is_array()) return invalid(what, "", "not a JSON array");
  if (j->empty()) return invalid(what, "", "lists no images");
  FieldReader r(what);
  std::vector<DockerArchiveImage> out;
  for (size_t i = 0; i < j->size() && !r.failed(); ++i) {
    const Json& e = (*j)[i];
    std::string path = element("", i);
    if (!e.is_object()) {
      r.fail(path, "not an object");
      break;
    }
    DockerArchiveImage image;
    r.string(e, "Config", path, image.config);
    if (!r.failed() && image.config.empty()) r.fail(child(path, "Config"), "missing");
    r.strings(e, "RepoTags", path, image.repo_tags);
    if (!r.failed() && r.array(e, "Layers", path) == nullptr && !r.failed())
      r.fail(child(path, "Layers"), "missing");
    r.strings(e, "Layers", path, image.layers);
    out.push_back(std::move(image));
  }
  if (r.failed()) return r.error();
  return out;
}

}  // namespace customs
