// IM014: credential files in any layer, deleted ones included. File names come from the Dockerfile
// classifier (credential_file_kind, DF043) plus the places cloud CLIs and tools keep their tokens.
#include <algorithm>
#include <array>
#include <map>

#include "analyzers/dockerfile/secret_rules.h"
#include "analyzers/image/image_rules.h"
#include "analyzers/secrets/scanner.h"
#include "core/strings.h"

namespace customs {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct InDir {
  std::string_view dir;   // the parent directory's name
  std::string_view base;  // the file's name ("*": any)
  std::string_view kind;
};

// Credential files known by their directory (lower case).
constexpr InDir kInDir[] = {
    {".aws", "credentials", "AWS credentials file"},
    {".docker", "config.json", "Docker registry credentials"},
    {".kube", "config", "kubeconfig"},
    {".gnupg", "secring.gpg", "GnuPG secret keyring"},
    {"private-keys-v1.d", "*", "GnuPG private key"},
    {".azure", "accesstokens.json", "Azure CLI token cache"},
    {".azure", "msal_token_cache.json", "Azure CLI token cache"},
    {".azure", "msal_token_cache.bin", "Azure CLI token cache"},
    {".azure", "service_principal_entries.json", "Azure service principal secrets"},
    {"gcloud", "credentials.db", "Google Cloud credentials"},
    {"gcloud", "access_tokens.db", "Google Cloud credentials"},
    {"gcloud", "application_default_credentials.json", "Google Cloud credentials"},
};

// Directories where packages keep test keys, sample certificates and documentation.
constexpr std::array<std::string_view, 14> kPackageTestDirs{
    "test",      "tests", "testdata", "test-data", "testing", "fixtures", "fixture",
    "__tests__", "spec",  "examples", "example",   "samples", "sample",   "docs"};
// Library trees where key-looking files (*.pem, *.key, *.p12 ...) are almost always shipped data.
constexpr std::array<std::string_view, 6> kLibraryDirs{"node_modules", "site-packages", "dist-packages",
                                                       "gems",         "vendor",        "share"};

bool key_by_extension(std::string_view kind) {
  return kind == "PEM key file" || kind == "private key file" || kind == "PKCS#12 key store" ||
         kind == "Java key store";
}

std::string extra_kind(std::string_view base) {
  if (base == "password.txt" || base == "passwords.txt") return "password file";
  if (ends_with(base, ".ovpn")) return "OpenVPN profile";
  if (base.rfind("client_secret", 0) == 0 && ends_with(base, ".json")) return "OAuth client secret";
  return {};
}

// "auth": "<non-empty>" in a Docker config.json.
bool json_key_with_value(std::string_view content, std::string_view key) {
  for (size_t at = content.find(key); at != std::string_view::npos; at = content.find(key, at + 1)) {
    size_t i = at + key.size();
    while (i < content.size() && (content[i] == ' ' || content[i] == ':' || content[i] == '\t')) ++i;
    if (i + 1 < content.size() && content[i] == '"' && content[i + 1] != '"') return true;
  }
  return false;
}

}  // namespace

// A *.pem or *.key file is a credential only when it holds a private key: most are CA bundles
// and public certificates (rubygems, certifi, ca-certificates ship hundreds of them).
bool pem_like(std::string_view path) { return ends_with(path, ".pem") || ends_with(path, ".key"); }

bool content_decides(std::string_view path) {
  return path == ".npmrc" || ends_with(path, "/.npmrc") || path == ".docker/config.json" ||
         ends_with(path, "/.docker/config.json") || pem_like(path);
}

bool holds_auth(std::string_view path, std::string_view content) {
  if (pem_like(path)) return content.find("PRIVATE KEY") != std::string_view::npos;
  if (ends_with(path, ".npmrc")) return !default_secret_scanner().scan(path, content).empty();
  return json_key_with_value(content, "\"auth\"") || json_key_with_value(content, "\"identitytoken\"") ||
         json_key_with_value(content, "\"registrytoken\"");
}

// Decides by the last two path components first (cheap: this runs for every file of every layer),
// then drops what packages ship.
std::string image_credential_kind(std::string_view path) {
  std::string lower = to_lower(path);
  std::string_view p = lower;
  size_t slash = p.rfind('/');
  std::string_view base = slash == std::string_view::npos ? p : p.substr(slash + 1);
  std::string_view dir = slash == std::string_view::npos ? std::string_view() : p.substr(0, slash);
  std::string_view parent = dir.substr(dir.rfind('/') == std::string_view::npos ? 0 : dir.rfind('/') + 1);
  if (base.empty()) return {};
  std::string kind;
  for (const InDir& d : kInDir)
    if (kind.empty() && parent == d.dir && (d.base == "*" || base == d.base)) kind = d.kind;
  if (kind.empty()) kind = extra_kind(base);
  if (kind.empty() && base != "ssl-cert-snakeoil.key")  // Debian's ssl-cert makes it at install
    kind = credential_file_kind(base);
  if (kind.empty() || p.rfind("usr/share/doc/", 0) == 0 || p.rfind("etc/ssl/certs/", 0) == 0) return {};
  std::vector<std::string> dirs = split(dir, '/');
  auto any_in = [&](const auto& names) {
    return std::any_of(dirs.begin(), dirs.end(), [&](const std::string& d) {
      return std::find(names.begin(), names.end(), d) != names.end();
    });
  };
  if (any_in(kPackageTestDirs) || (key_by_extension(kind) && any_in(kLibraryDirs))) return {};
  return kind;
}

namespace {

struct Written {
  std::string kind;
  std::vector<size_t> layers;  // that wrote it as a file, bottom first
};

// The layer that deleted `path` after `after`, or -1 when the history does not say.
int deleting_layer(const LayeredView& fs, const std::string& path, size_t after) {
  for (const PathEvent& e : fs.history(path))
    if (e.layer > after && e.action == PathAction::kDeleted) return static_cast<int>(e.layer);
  return -1;
}

std::string layer_list(const std::vector<size_t>& layers) {
  std::vector<std::string> parts;
  parts.reserve(layers.size());
  for (size_t l : layers) parts.push_back(std::to_string(l));
  return join(parts, ", ");
}

}  // namespace

void check_credential_files(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  std::map<std::string, Written> written;
  for (size_t li = 0; li < ctx.layers.size(); ++li) {
    for (const FsEntry& e : ctx.layers[li].entries) {
      if (e.type != EntryType::kFile && e.type != EntryType::kHardlink) continue;
      std::string kind = image_credential_kind(e.path);
      if (kind.empty()) continue;
      const std::string* bytes = content_decides(e.path) ? ctx.captured(li, e.path) : nullptr;
      if (bytes && !holds_auth(e.path, *bytes)) continue;
      Written& w = written[e.path];
      w.kind = kind;
      if (w.layers.empty() || w.layers.back() != li) w.layers.push_back(li);
    }
  }
  for (const auto& [path, w] : written) {
    size_t last = w.layers.back();
    const ViewNode* node = ctx.fs.find(path);
    bool present = node && node->entry && node->layer == last;
    std::string msg = "/" + path + " (" + w.kind + ")";
    if (present) {
      msg += " is in the image";
    } else {
      int gone = deleting_layer(ctx.fs, path, last);
      msg +=
          (gone >= 0 ? " was deleted in layer " + std::to_string(gone) : " is not in the final file system") +
          " but is still readable in layer " + std::to_string(last);
    }
    if (w.layers.size() > 1)
      msg += "; earlier copies in layer " + layer_list({w.layers.begin(), w.layers.end() - 1});
    out.report(rule, ctx.at(last, path), msg, "/" + path, "credential:" + path);
  }
}

}  // namespace customs
