#pragma once
// Internal to the rebuild and hygiene checks (DF060-DF076): the check functions the table in
// hygiene.cc points at, and package-manager facts their files share.
#include <vector>

#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile/walk.h"

namespace customs {

// A package-manager command of a RUN with its sub-command word (never null).
struct PackageCommand {
  const ShellCommand* cmd;
  PackageManager pm;
  const ShellWord* sub;
};
std::vector<PackageCommand> package_commands(const ShellScript& script);

// Package managers that share one index/cache: apt and apt-get; yum, dnf and microdnf.
enum class PackageFamily { kNone, kApt, kApk, kRpm, kZypper, kPip };
PackageFamily family_of(PackageManager pm);

// A sub-command that only refreshes the package index (apt/apk update, yum makecache, zypper refresh).
bool is_index_update(PackageFamily f, std::string_view sub);
// A sub-command that downloads packages and so uses the index (install, add, upgrade ...).
bool uses_index(PackageFamily f, std::string_view sub);
// An upgrade of every installed package (apt-get upgrade/dist-upgrade, apk upgrade, yum update
// without package names). Shared with the image history check IM012.
bool is_full_upgrade(const PackageCommand& c);

void check_index_update_alone(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);   // DF060
void check_full_upgrade(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);         // DF061
void check_install_recommends(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);   // DF062
void check_apt_lists_kept(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);       // DF063
void check_apk_cache(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);            // DF064
void check_rpm_cache(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);            // DF065
void check_pip_cache(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);            // DF066
void check_noninteractive(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);       // DF067
void check_apt_in_scripts(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);       // DF068
void check_build_tools_shipped(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF069
void check_healthcheck_missing(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF070
void check_oci_labels(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);           // DF071
void check_pipefail(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);             // DF072
void check_cd_in_run(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);            // DF073
void check_curl_and_wget(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);        // DF074
void check_useradd_lastlog(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);      // DF075
void check_pointless_commands(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);   // DF076

}  // namespace customs
