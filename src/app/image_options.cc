#include "app/image_options.h"

#include <unistd.h>
#include <CLI/CLI.hpp>

#include <ctime>

#include "app/app.h"

namespace customs {
namespace {

// $XDG_CACHE_HOME/customs/layers, else ~/.cache/customs/layers, else "" (no cache).
std::string default_cache_dir(const AppEnv& env) {
  std::string base = env.env_var("XDG_CACHE_HOME");
  if (base.empty() && !env.env_var("HOME").empty()) base = env.env_var("HOME") + "/.cache";
  return base.empty() ? "" : base + "/customs/layers";
}

std::vector<std::string> auth_files(const AppEnv& env) {
  std::vector<std::string> files;
  if (!env.env_var("REGISTRY_AUTH_FILE").empty()) files.push_back(env.env_var("REGISTRY_AUTH_FILE"));
  if (!env.env_var("DOCKER_CONFIG").empty()) files.push_back(env.env_var("DOCKER_CONFIG") + "/config.json");
  if (!env.env_var("HOME").empty()) files.push_back(env.env_var("HOME") + "/.docker/config.json");
  return files;
}

}  // namespace

void add_image_source_options(CLI::App& cli, ImageSourceOptions& o) {
  cli.add_option("target", o.target);
  cli.add_option("--image", o.image_name);
  cli.add_option("--platform", o.platform);
  cli.add_flag("--rootfs", o.rootfs);
  cli.add_flag("--insecure", o.insecure);
  cli.add_option("--username", o.username);
  cli.add_option("--password", o.password);
  cli.add_option("--timeout", o.timeout)->check(CLI::Range(1, 3600));
  cli.add_option("--retries", o.retries)->check(CLI::Range(0, 20));
  cli.add_flag("--no-cache", o.no_cache);
  cli.add_option("--cache-dir", o.cache_dir);
  cli.add_option("--cache-max-mb", o.cache_max_mb)->check(CLI::Range(1, 1 << 24));
  cli.add_option("--workers", o.workers)->check(CLI::Range(1, 256));
  cli.add_option("--max-expansion-ratio", o.max_expansion_ratio);
}

std::string image_source_options_help() {
  return "  --image NAME       the image to read from an archive holding several (repo:tag)\n"
         "  --platform P       os/arch[/variant] of a multi-platform image (linux/amd64)\n"
         "  --rootfs           TARGET is an unpacked root file system directory\n"
         "  --insecure         plain HTTP to the registry (a local test registry)\n"
         "  --username U       registry user (else ~/.docker/config.json, $REGISTRY_AUTH_FILE)\n"
         "  --password P       registry password or token\n"
         "  --timeout S        registry timeout in seconds (60)\n"
         "  --retries N        retries on 429, 5xx and dropped connections (3)\n"
         "  --no-cache         do not use the layer cache\n"
         "  --cache-dir DIR    the layer cache (~/.cache/customs/layers)\n"
         "  --cache-max-mb N   bound of the layer cache; least recently used go first (2048)\n"
         "  --workers N        layers read at once (one per core)\n"
         "  --max-expansion-ratio N\n"
         "                     a layer may decompress to at most N times its size once past\n"
         "                     256 MiB (250; 0 = no bound): the guard against gzip bombs\n";
}

TempDir::TempDir(const AppEnv& env) {
  std::string base = env.env_var("TMPDIR").empty() ? "/tmp" : env.env_var("TMPDIR");
  std::string pattern = base + "/customs-XXXXXX";
  if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

TempDir::~TempDir() {
  if (!path_.empty()) ::rmdir(path_.c_str());  // the blobs delete themselves
}

ImageScanRequest make_image_request(const ImageSourceOptions& o, const ImageTarget& target,
                                    const TempDir& temp, const AppEnv& env) {
  ImageScanRequest request;
  request.target = target;
  request.open.image_name = o.image_name;
  request.open.platform = o.platform;
  request.registry.insecure = o.insecure;
  request.registry.credentials = {o.username, o.password};
  request.registry.auth_files = auth_files(env);
  request.registry.timeout_seconds = o.timeout;
  request.registry.retries = o.retries;
  request.registry.temp_dir = temp.path();
  request.use_cache = !o.no_cache;
  request.cache_dir = o.cache_dir.empty() ? default_cache_dir(env) : o.cache_dir;
  request.cache_max_bytes = o.cache_max_mb << 20;
  request.workers = o.workers;
  request.decompress.max_ratio = o.max_expansion_ratio;
  request.now = static_cast<int64_t>(std::time(nullptr));
  return request;
}

int exit_for_error(const Error& e) { return e.kind == ErrorKind::kUsage ? kExitUsage : kExitInvalidInput; }

}  // namespace customs
