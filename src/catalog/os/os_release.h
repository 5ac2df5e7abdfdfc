#pragma once
// The distribution an image runs on, read from the files distributions use to name themselves:
// os-release(5) (etc/os-release, usr/lib/os-release), etc/lsb-release, etc/alpine-release,
// etc/debian_version and the Red Hat family's etc/*-release lines. Each file gives an OsInfo with
// a priority; the inventory keeps the highest (os-release tells the most, a bare version file the
// least). Parsers take bytes only and never throw.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.h"

namespace customs {

// Priorities of the files, highest first.
inline constexpr int kPriorityEtcOsRelease = 100;
inline constexpr int kPriorityUsrLibOsRelease = 90;
inline constexpr int kPriorityAlpineRelease = 80;
inline constexpr int kPriorityRedhatRelease = 60;
inline constexpr int kPriorityDebianVersion = 50;
inline constexpr int kPriorityLsbRelease = 40;

// One KEY=value assignment of an os-release(5) style file, the value unquoted.
struct ShellAssignment {
  std::string key;
  std::string value;
  int line = 0;
};

// The assignments of an os-release(5) / lsb-release file: blank lines and "#" comments are
// skipped; values are unquoted like the shell does it ("double" with \" \\ \$ \` escapes,
// 'single' literally, bare values with backslash escapes). A line that is not an assignment or
// has an unterminated quote is reported in `bad_lines` (1-based) and skipped.
std::vector<ShellAssignment> parse_shell_assignments(std::string_view text, std::vector<int>& bad_lines);

// Red Hat family "<Name> release <version> (<codename>)" lines, e.g.
// "Rocky Linux release 9.2 (Blue Onyx)": nullopt when the line has no " release ".
std::optional<OsInfo> parse_redhat_release_line(std::string_view line);

// etc/debian_version: "12.4" -> version_id "12" (codename from the release table), "bookworm/sid"
// -> codename "bookworm" and no version_id. nullopt when empty.
std::optional<OsInfo> parse_debian_version(std::string_view text);

// Parsers of whole files into `out.os` (kept only when no OsInfo of a higher priority is there),
// with diagnostics "os.*" located at file.path.
void parse_os_release_file(const CatalogFile& file, CatalogResult& out);
void parse_lsb_release_file(const CatalogFile& file, CatalogResult& out);
void parse_alpine_release_file(const CatalogFile& file, CatalogResult& out);
void parse_debian_version_file(const CatalogFile& file, CatalogResult& out);
void parse_redhat_release_file(const CatalogFile& file, CatalogResult& out);

// Stores `info` in out.os unless out.os already has a higher priority.
void offer_os_info(OsInfo info, CatalogResult& out);

}  // namespace customs
