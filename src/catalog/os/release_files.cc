// One-line release files: etc/alpine-release, etc/debian_version and the Red Hat family's
// etc/{redhat,centos,fedora,rocky,almalinux}-release.
#include <array>
#include <cctype>

#include "catalog/os/os_release.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

struct DebianRelease {
  std::string_view major;
  std::string_view codename;
};
constexpr std::array<DebianRelease, 10> kDebianReleases{{{"6", "squeeze"},
                                                         {"7", "wheezy"},
                                                         {"8", "jessie"},
                                                         {"9", "stretch"},
                                                         {"10", "buster"},
                                                         {"11", "bullseye"},
                                                         {"12", "bookworm"},
                                                         {"13", "trixie"},
                                                         {"14", "forky"},
                                                         {"15", "duke"}}};

// Red Hat family names (the text before " release ") -> os-release ID and ID_LIKE, longest
// prefixes first ("CentOS Stream" before "CentOS").
struct RedhatName {
  std::string_view prefix;
  std::string_view id;
  std::string_view id_like;
};
constexpr std::array<RedhatName, 9> kRedhatNames{{
    {"Red Hat Enterprise Linux", "rhel", "fedora"},
    {"CentOS Stream", "centos", "rhel fedora"},
    {"CentOS", "centos", "rhel fedora"},
    {"Rocky Linux", "rocky", "rhel centos fedora"},
    {"AlmaLinux", "almalinux", "rhel centos fedora"},
    {"Oracle Linux", "ol", "fedora"},
    {"Fedora", "fedora", ""},
    {"Amazon Linux", "amzn", "centos rhel fedora"},
    {"EuroLinux", "eurolinux", "rhel fedora centos"},
}};

// The first line, trimmed.
std::string_view first_line(std::string_view text) {
  size_t nl = text.find('\n');
  return trim(nl == std::string_view::npos ? text : text.substr(0, nl));
}

bool is_version_word(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-' && c != '+' &&
        c != '~')
      return false;
  }
  return true;
}

std::string id_from_name(std::string_view name) {
  for (const RedhatName& r : kRedhatNames) {
    if (starts_with(name, r.prefix)) return std::string(r.id);
  }
  size_t space = name.find(' ');
  return to_lower(name.substr(0, space));
}

std::string id_like_from_name(std::string_view name) {
  for (const RedhatName& r : kRedhatNames) {
    if (starts_with(name, r.prefix)) return std::string(r.id_like);
  }
  return {};
}

void report_unrecognized(const CatalogFile& file, CatalogResult& out, std::string_view what) {
  add_diag(out, file, "os.unrecognized", "first line is not " + std::string(what), 1);
}

}  // namespace

std::optional<OsInfo> parse_redhat_release_line(std::string_view line) {
  line = trim(line);
  size_t at = line.find(" release ");
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  std::string_view name = trim(line.substr(0, at));
  std::string_view rest = trim(line.substr(at + 9));
  size_t space = rest.find_first_of(" \t");
  std::string_view version = rest.substr(0, space);
  if (!is_version_word(version)) return std::nullopt;
  OsInfo info;
  info.id = id_from_name(name);
  info.id_like = id_like_from_name(name);
  info.version_id = std::string(version);
  size_t open = rest.rfind('(');
  size_t close = rest.rfind(')');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    info.codename = std::string(trim(rest.substr(open + 1, close - open - 1)));
  }
  info.pretty_name = std::string(line);
  return info;
}

std::optional<OsInfo> parse_debian_version(std::string_view text) {
  std::string_view value = first_line(text);
  size_t slash = value.find('/');
  bool valid = slash == std::string_view::npos
                   ? is_version_word(value)
                   : is_version_word(value.substr(0, slash)) && is_version_word(value.substr(slash + 1));
  if (!valid) return std::nullopt;
  OsInfo info;
  info.id = "debian";
  info.pretty_name = "Debian GNU/Linux " + std::string(value);
  if (std::isdigit(static_cast<unsigned char>(value[0]))) {
    info.version_id = std::string(value.substr(0, value.find('.')));
    for (const DebianRelease& r : kDebianReleases) {
      if (r.major == info.version_id) info.codename = std::string(r.codename);
    }
  } else {
    // "bookworm/sid": testing or unstable, named by the next release's codename.
    info.codename = std::string(value.substr(0, value.find('/')));
  }
  return info;
}

void parse_alpine_release_file(const CatalogFile& file, CatalogResult& out) {
  std::string_view version = first_line(file.content);
  if (!is_version_word(version) || !std::isdigit(static_cast<unsigned char>(version[0]))) {
    report_unrecognized(file, out, "an Alpine version");
    return;
  }
  OsInfo info;
  info.id = "alpine";
  info.version_id = std::string(version);
  // Alpine's own PRETTY_NAME names the branch: "Alpine Linux v3.19".
  size_t first_dot = version.find('.');
  size_t second_dot = first_dot == std::string_view::npos ? first_dot : version.find('.', first_dot + 1);
  info.pretty_name = "Alpine Linux v" + std::string(version.substr(0, second_dot));
  info.source = std::string(file.path);
  info.priority = kPriorityAlpineRelease;
  offer_os_info(std::move(info), out);
}

void parse_debian_version_file(const CatalogFile& file, CatalogResult& out) {
  std::optional<OsInfo> info = parse_debian_version(file.content);
  if (!info) {
    report_unrecognized(file, out, "a Debian version or codename");
    return;
  }
  info->source = std::string(file.path);
  info->priority = kPriorityDebianVersion;
  offer_os_info(std::move(*info), out);
}

void parse_redhat_release_file(const CatalogFile& file, CatalogResult& out) {
  std::optional<OsInfo> info = parse_redhat_release_line(first_line(file.content));
  if (!info) {
    report_unrecognized(file, out, "\"<name> release <version> (<codename>)\"");
    return;
  }
  info->source = std::string(file.path);
  info->priority = kPriorityRedhatRelease;
  offer_os_info(std::move(*info), out);
}

}  // namespace customs
