#include "vulndb/update.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <optional>
#include <set>

#include "io/decompress.h"
#include "io/fs.h"
#include "vulndb/bundle_file.h"
#include "vulndb/update_http.h"

namespace customs {

namespace {

using bundle::TempFile;

constexpr const char* kCacheFile = "etags.json";
constexpr uint64_t kMaxCacheBytes = uint64_t{1} << 20;

// One file to fetch.
struct Target {
  std::string url;
  std::string name;  // file name in the download directory
  bool gunzip = false;
};

// A file name made of [A-Za-z0-9._-] only, never hidden, never empty.
std::string safe_name(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
    out += keep ? c : '_';
  }
  if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
  return out;
}

// The name an extra URL is saved under: the last part of its path, .gz dropped when gunzipped.
Target extra_target(const std::string& url) {
  std::string_view path(url);
  path = path.substr(0, path.find_first_of("?#"));
  size_t scheme = path.find("://");
  std::string_view rest = scheme == std::string_view::npos ? path : path.substr(scheme + 3);
  size_t slash = rest.find('/');
  std::string_view base = slash == std::string_view::npos ? "" : rest.substr(rest.rfind('/') + 1);
  bool gz = base.ends_with(".gz");
  if (gz) base.remove_suffix(3);
  return Target{url, base.empty() ? "download" : safe_name(base), gz};
}

std::vector<Target> plan(const UpdateOptions& o) {
  std::vector<Target> targets;
  targets.reserve(o.ecosystems.size() + o.extra_urls.size());
  for (const std::string& eco : o.ecosystems)
    targets.push_back({osv_archive_url(o.base_url, eco), "osv-" + safe_name(eco) + ".zip", false});
  for (const std::string& url : o.extra_urls) targets.push_back(extra_target(url));
  std::set<std::string> used{kCacheFile};
  for (Target& t : targets) {  // two URLs ending in the same name get "2-name", "3-name" ...
    std::string name = t.name;
    for (int n = 2; !used.insert(name).second; ++n) name = std::to_string(n) + "-" + t.name;
    t.name = name;
  }
  return targets;
}

// <download_dir>/etags.json: {"<url>": {"etag": ..., "last_modified": ..., "file": ...}}. A
// missing or unreadable cache is an empty one.
class EtagCache {
 public:
  explicit EtagCache(const std::string& dir) : path_(path_join(dir, kCacheFile)) {
    auto text = DiskFs().read_file(path_, kMaxCacheBytes);
    if (text) json_ = nlohmann::json::parse(*text, nullptr, false);
    if (!json_.is_object()) json_ = nlohmann::json::object();
  }
  // The conditional headers for `url` when its file is still there under `name`.
  update::FetchRequest request(const Target& t, const std::string& file) const {
    update::FetchRequest req{t.url, "", ""};
    auto it = json_.find(t.url);
    if (it == json_.end() || !it->is_object() || it->value("file", "") != t.name || !DiskFs().exists(file))
      return req;
    req.if_none_match = it->value("etag", "");
    req.if_modified_since = it->value("last_modified", "");
    return req;
  }
  void remember(const Target& t, const update::FetchResult& r) {
    json_[t.url] = {{"etag", r.etag}, {"last_modified", r.last_modified}, {"file", t.name}};
    (void)DiskFs().write_file(path_, json_.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  }

 private:
  std::string path_;
  nlohmann::json json_;
};

// `part` gunzipped (when it is gzip; anything else as it is) into `final_path`.
Status gunzip_into(const TempFile& part, const std::string& final_path, const UpdateOptions& o,
                   const std::string& url) {
  auto file = DiskFs().open(part.path());
  if (!file) return file.error();
  DecompressLimits limits;
  limits.max_output = o.max_bytes;
  auto in = make_decompressing_stream(make_range_stream(*file, 0, (*file)->size(), url), url, limits);
  auto out = TempFile::create(final_path, "gunzip");
  if (!out) return out.error();
  if (auto n = bundle::copy_stream(*in, out->fd(), out->path()); !n) return n.error();
  return out->keep_as(final_path);
}

Result<std::string> download_one(const Target& t, const UpdateOptions& o, EtagCache& cache,
                                 Diagnostics& diags) {
  std::string final_path = path_join(o.download_dir, t.name);
  update::FetchRequest req = o.use_cache ? cache.request(t, final_path) : update::FetchRequest{t.url, "", ""};
  auto part = TempFile::create(final_path, "part");
  if (!part) return part.error();
  auto got = update::fetch(o, req, part->fd(), part->path());
  if (!got) return got.error();
  if (got->not_modified) {
    diags.add(DiagLevel::kNote, "update.not-modified",
              "unchanged since the last download, kept " + final_path, Location{t.url});
    return final_path;
  }
  Status kept = t.gunzip ? gunzip_into(*part, final_path, o, t.url) : part->keep_as(final_path);
  if (!kept) return kept.error();
  if (o.use_cache) cache.remember(t, *got);
  return final_path;
}

}  // namespace

std::vector<std::string> default_update_ecosystems() {
  return {"Debian", "Alpine", "Go", "PyPI", "npm", "Maven", "crates.io", "RubyGems", "Packagist", "NuGet"};
}

std::string osv_archive_url(const std::string& base_url, const std::string& ecosystem) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + update::percent_encode(ecosystem) + "/all.zip";
}

Result<std::vector<std::string>> download_feeds(const UpdateOptions& options, Diagnostics& diags) {
  if (options.download_dir.empty() || !DiskFs().is_directory(options.download_dir))
    return make_error(ErrorKind::kUsage,
                      "download directory \"" + options.download_dir + "\" does not exist");
  std::vector<Target> targets = plan(options);
  if (targets.empty()) return make_error(ErrorKind::kUsage, "nothing to download: no ecosystems and no URLs");
  for (const Target& t : targets)  // refuse a bad URL before anything is fetched
    if (Status s = update::check_url_allowed(t.url, options.allow_http); !s) return s.error();
  if (options.insecure)
    diags.warning("update.insecure", "TLS certificates are not verified (insecure): downloads may be forged",
                  Location{});
  EtagCache cache(options.download_dir);
  std::vector<std::string> paths;
  std::optional<Error> first_error;
  for (const Target& t : targets) {
    auto got = download_one(t, options, cache, diags);
    if (got) {
      paths.push_back(std::move(*got));
      continue;
    }
    if (!options.keep_going) return got.error();
    diags.error("update.download-failed", got.error().message, Location{t.url});
    if (!first_error) first_error = got.error();
  }
  if (paths.empty() && first_error) return *first_error;
  return paths;
}

}  // namespace customs
