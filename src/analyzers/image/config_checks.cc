// Image checks of the config (IM001-IM007): the table, and the user, healthcheck, environment,
// volume and port checks. The age checks (IM006, IM007) are in config_age.cc.
#include <algorithm>
#include <array>

#include "analyzers/dockerfile/secret_rules.h"
#include "analyzers/image/image_rules.h"
#include "core/hash.h"
#include "core/mask.h"
#include "core/strings.h"

namespace customs {

namespace {

constexpr Severity H = Severity::kHigh;
constexpr Severity M = Severity::kMedium;
constexpr Severity L = Severity::kLow;

const ImageCheck kChecks[] = {
    {Rule{"IM001", H, Practice::kLeastPrivilege, "Image runs as root",
          "A process that runs as root inside the container is root on the host too if it breaks out "
          "(no user namespace by default), and can change any file of the image at run time.",
          "Create an unprivileged user and switch to it in the Dockerfile: `RUN useradd -r -u 10001 app` "
          "then `USER 10001`; or run with `docker run --user 10001`.",
          "CIS Docker 4.1; NIST SP 800-190 4.4.3; Dockle CIS-DI-0001"},
     &check_root_user},
    {Rule{"IM002", L, Practice::kBenchmarks, "Image has no HEALTHCHECK",
          "Without a health check Docker cannot tell a hung service from a working one, so it is never "
          "restarted or taken out of rotation. (Kubernetes ignores HEALTHCHECK and uses probes: disable "
          "this rule there.)",
          "Add one to the Dockerfile: `HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8080/health "
          "|| exit 1`.",
          "CIS Docker 4.6; Dockle CIS-DI-0006"},
     &check_no_healthcheck},
    {Rule{"IM003", H, Practice::kSecrets, "Secret in the image's environment",
          "Environment variables of the image config are readable by anyone who can pull the image "
          "(`docker inspect`), and are inherited by every process in every container made from it.",
          "Pass secrets at run time (`docker run --env-file`, Kubernetes Secrets, a secrets manager) or "
          "mount them as files; at build time use `RUN --mount=type=secret`. Rotate the exposed secret.",
          "CIS Docker 4.10; NIST SP 800-190 4.1.4; Dockle CIS-DI-0010"},
     &check_env_secret},
    {Rule{"IM004", M, Practice::kLeastPrivilege, "VOLUME over a sensitive path",
          "A volume on a system directory or on the container engine's socket hides the image's own "
          "files there and invites operators to bind the host's copy, which exposes the host to the "
          "container.",
          "Declare volumes only for application data (`VOLUME /var/lib/app/data`), and never for "
          "/, /etc, /proc, /sys, /dev or `/var/run/docker.sock`.",
          "CIS Docker 5.5; Dockle DKL-DI-0002"},
     &check_sensitive_volume},
    {Rule{"IM005", M, Practice::kLeastPrivilege, "Image exposes the SSH port",
          "An SSH server in a container is one more service to patch and one more set of keys to manage; "
          "`docker exec` and `kubectl exec` already give shell access with proper authorisation.",
          "Remove `EXPOSE 22` and the SSH server from the image; use `docker exec` or `kubectl exec`.",
          "CIS Docker 5.6; Trivy DS-0004"},
     &check_ssh_port},
    {Rule{"IM006", M, Practice::kRebuild, "Image is older than the rebuild policy allows",
          "An image that is not rebuilt keeps the packages it was built with, and every vulnerability "
          "fixed since then stays in it, even when the base image has long been patched.",
          "Rebuild and redeploy regularly (e.g. weekly, from CI) with `docker build --pull`, or raise "
          "`max_image_age_days` in customs.yaml.",
          "CIS Docker 4.4; NIST SP 800-190 4.1.1"},
     &check_image_age},
    {Rule{"IM007", L, Practice::kRebuild, "Image build time is unknown",
          "Without a real `created` time nobody can tell how stale the image is, so the rebuild policy "
          "cannot be checked. Reproducible builds set it to the epoch on purpose.",
          "Let the builder record the time (`docker build` does), or set SOURCE_DATE_EPOCH to the commit "
          "time: `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) docker buildx build ...`.",
          "NIST SP 800-190 4.1.1"},
     &check_created_unknown},
};

// Name segments that make a secret-like name describe a checksum of something, not a secret.
constexpr std::array<std::string_view, 6> kChecksumSuffixes{"_SHA",    "_SHA1",     "_SHA256",
                                                            "_SHA512", "_CHECKSUM", "_HASH"};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_uid_zero(std::string_view name) {
  return !name.empty() && name.find_first_not_of('0') == std::string_view::npos;
}

// The UID /etc/passwd gives `name`, or "" when it is not there.
std::string passwd_uid(const ImageContext& ctx, std::string_view name) {
  const std::string* passwd = final_file(ctx, "etc/passwd", nullptr);
  if (!passwd) return {};
  for (const ColonRecord& r : colon_records(*passwd))
    if (r.fields.size() >= 3 && r.fields[0] == name) return r.fields[2];
  return {};
}

// The last USER of the history, as written ("" when there is none).
std::string history_user(const ImageContext& ctx) {
  std::string user;
  for (const auto& h : ctx.meta.config.history) {
    HistoryCommand c = parse_created_by(h.created_by);
    if (c.instruction == "USER") user = c.args;
  }
  return user;
}

}  // namespace

std::span<const ImageCheck> image_config_checks() { return kChecks; }

// The config User wins over any USER line of the history: it is what the engine runs.
void check_root_user(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  if (ctx.meta.config.os == "windows") return;
  const std::string& user = ctx.meta.config.config.user;
  std::string name(trim(std::string_view(user).substr(0, user.find(':'))));
  std::string msg;
  if (name.empty()) {
    msg = "The image config sets no User, so containers run as root (UID 0)";
    std::string hist = history_user(ctx);
    if (!hist.empty()) msg += "; the history's `USER " + hist + "` is not what the config runs";
  } else if (name == "root" || is_uid_zero(name)) {
    msg = "The image config runs containers as \"" + user + "\", which is root (UID 0)";
  } else if (std::string uid = passwd_uid(ctx, name); is_uid_zero(uid)) {
    msg = "The image config runs containers as \"" + user + "\", which /etc/passwd gives UID 0 (root)";
  } else {
    return;
  }
  out.report(rule, ctx.at_config("config.User"), msg, user.empty() ? "User not set" : "User=" + user,
             "user:" + name);
}

void check_no_healthcheck(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  const auto& hc = ctx.meta.config.config.healthcheck;
  if (hc && !hc->test.empty() && hc->test[0] != "NONE") return;
  bool disabled = hc && !hc->test.empty();
  out.report(rule, ctx.at_config("config.Healthcheck"),
             disabled ? "The image config disables the health check (HEALTHCHECK NONE)"
                      : "The image config has no health check",
             disabled ? "Healthcheck.Test=[\"NONE\"]" : "Healthcheck not set", "healthcheck");
}

std::string secret_reason(std::string_view name, std::string_view value) {
  std::string upper = to_upper(name);
  bool checksum = std::any_of(kChecksumSuffixes.begin(), kChecksumSuffixes.end(),
                              [&](std::string_view s) { return ends_with(upper, s); });
  if (!checksum && is_secret_like_name(name) && !is_benign_secret_value(value, value))
    return "a secret-like name";
  std::vector<SecretMatch> found = find_secret_values(value);
  return found.empty() ? "" : "a value that looks like a " + found.front().kind;
}

void check_env_secret(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  for (const std::string& kv : ctx.meta.config.config.env) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
    std::string why = secret_reason(key, value);
    if (why.empty()) continue;
    out.report(rule, ctx.at_config("config.Env"),
               "ENV " + key + " has " + why +
                   ", and its value is in the image config, readable by anyone who "
                   "can pull the image",
               key + "=" + mask_secret(value), secret_key(key, value));
  }
}

namespace {

struct SensitivePath {
  std::string_view path;
  bool subtree;  // also every path below it
  std::string_view why;
};

constexpr std::string_view kHostDir = "a host system directory";
constexpr std::string_view kKernel = "a kernel interface";
constexpr SensitivePath kSensitivePaths[] = {
    {"/", false, "the whole file system"},
    {"/etc", false, "the system configuration"},
    {"/root", false, "root's home directory"},
    {"/home", false, "the users' home directories"},
    {"/boot", false, kHostDir},
    {"/usr", false, kHostDir},
    {"/bin", false, kHostDir},
    {"/sbin", false, kHostDir},
    {"/lib", false, kHostDir},
    {"/lib64", false, kHostDir},
    {"/lib/modules", true, "the kernel modules"},
    {"/var", false, kHostDir},
    {"/run", false, "the runtime state directory, where engine sockets live"},
    {"/var/run", false, "the runtime state directory, where engine sockets live"},
    {"/var/lib/docker", true, "the Docker engine's storage"},
    {"/var/lib/containerd", true, "containerd's storage"},
    {"/proc", true, kKernel},
    {"/sys", true, kKernel},
    {"/dev", true, "the device nodes"},
};

constexpr std::array<std::string_view, 4> kEngineSockets{"docker.sock", "containerd.sock", "crio.sock",
                                                         "podman.sock"};

// "/var/run/" -> "/var/run", "etc" -> "/etc", "//x" -> "/x".
std::string normalize_volume(std::string_view v) {
  std::string out = "/";
  for (const std::string& seg : split(trim(v), '/'))
    if (!seg.empty() && seg != ".") out += (out.size() > 1 ? "/" : "") + seg;
  return out;
}

std::string sensitive_reason(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string base = path.substr(slash + 1);
  if (std::find(kEngineSockets.begin(), kEngineSockets.end(), base) != kEngineSockets.end())
    return "the container engine's socket, which controls the host";
  for (const SensitivePath& s : kSensitivePaths)
    if (path == s.path || (s.subtree && path.rfind(std::string(s.path) + "/", 0) == 0))
      return std::string(s.why);
  return {};
}

}  // namespace

void check_sensitive_volume(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  for (const std::string& v : ctx.meta.config.config.volumes) {
    std::string path = normalize_volume(v);
    std::string why = sensitive_reason(path);
    if (why.empty()) continue;
    out.report(rule, ctx.at_config("config.Volumes"), "VOLUME " + path + " is over " + why, "VOLUME " + v,
               "volume:" + path);
  }
}

void check_ssh_port(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  for (const std::string& p : ctx.meta.config.config.exposed_ports) {
    std::string_view port = trim(p);
    std::string_view proto;
    if (size_t slash = port.find('/'); slash != std::string_view::npos) {
      proto = port.substr(slash + 1);
      port = port.substr(0, slash);
    }
    if (port != "22" || !(proto.empty() || iequals(proto, "tcp"))) continue;
    out.report(rule, ctx.at_config("config.ExposedPorts"),
               "The image exposes port " + p + ", the SSH port: it is built to run an SSH server",
               "EXPOSE " + p, "port:22");
  }
}

}  // namespace customs
