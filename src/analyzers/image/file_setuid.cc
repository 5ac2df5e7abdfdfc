// IM015-IM017: setuid/setgid regular files of the final view. The programs distributions ship
// with the bit (passwd, su, mount ...) are expected: they are listed once, together, at INFO
// (IM017), so that other programs in system directories (IM016, LOW) and anything elsewhere
// (IM015, MEDIUM: /usr/local, /opt, /app, /home, /tmp ...) stand out.
#include <algorithm>
#include <array>
#include <cstdio>

#include "analyzers/image/image_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

constexpr std::array<std::string_view, 11> kSystemDirs{"bin/",     "sbin/",      "usr/bin/",   "usr/sbin/",
                                                       "usr/lib/", "usr/lib64/", "usr/lib32/", "usr/libexec/",
                                                       "lib/",     "lib64/",     "lib32/"};

// Programs Debian, Ubuntu, Alpine, Fedora/UBI and SUSE install setuid or setgid.
constexpr std::array<std::string_view, 44> kKnownPrograms{"passwd",
                                                          "su",
                                                          "sudo",
                                                          "mount",
                                                          "umount",
                                                          "chsh",
                                                          "chfn",
                                                          "newgrp",
                                                          "gpasswd",
                                                          "chage",
                                                          "expiry",
                                                          "unix_chkpwd",
                                                          "unix2_chkpwd",
                                                          "ping",
                                                          "ping6",
                                                          "pkexec",
                                                          "fusermount",
                                                          "fusermount3",
                                                          "newuidmap",
                                                          "newgidmap",
                                                          "ssh-keysign",
                                                          "ssh-agent",
                                                          "crontab",
                                                          "wall",
                                                          "write",
                                                          "bsd-write",
                                                          "write.ul",
                                                          "at",
                                                          "dotlockfile",
                                                          "mount.nfs",
                                                          "mount.cifs",
                                                          "pam_timestamp_check",
                                                          "userhelper",
                                                          "usernetctl",
                                                          "utempter",
                                                          "dbus-daemon-launch-helper",
                                                          "polkit-agent-helper-1",
                                                          "bbsuid",
                                                          "doas",
                                                          "sg",
                                                          "traceroute6.iputils",
                                                          "lockdev",
                                                          "staprun",
                                                          "Xorg.wrap"};

std::string octal_mode(uint32_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
  return buf;
}

std::string describe(const std::string& path, const FsEntry& e) {
  bool uid = e.mode & 04000, gid = e.mode & 02000;
  std::string bits = uid && gid ? "setuid and setgid" : uid ? "setuid" : "setgid";
  return "/" + path + " is " + bits + " (mode " + octal_mode(e.mode) + ", owner " + std::to_string(e.uid) +
         ":" + std::to_string(e.gid) + ")";
}

struct SetuidFile {
  std::string path;
  const ViewNode* node;
};

std::vector<SetuidFile> setuid_files(const ImageContext& ctx, SetuidClass wanted) {
  std::vector<SetuidFile> out;
  ctx.fs.for_each([&](const std::string& path, const ViewNode& node) {
    if (!node.entry || node.entry->type != EntryType::kFile || !(node.entry->mode & 06000)) return;
    if (classify_setuid(path) == wanted) out.push_back({path, &node});
  });
  return out;
}

void report_each(const ImageContext& ctx, const Rule& rule, FindingSink& out, SetuidClass wanted,
                 std::string_view where) {
  for (const SetuidFile& f : setuid_files(ctx, wanted))
    out.report(rule, ctx.at(f.node->layer, f.path), describe(f.path, *f.node->entry) + std::string(where),
               "mode " + octal_mode(f.node->entry->mode) + " /" + f.path, "setuid:" + f.path);
}

}  // namespace

SetuidClass classify_setuid(std::string_view path) {
  bool system = std::any_of(kSystemDirs.begin(), kSystemDirs.end(),
                            [&](std::string_view d) { return path.rfind(d, 0) == 0; });
  if (!system) return SetuidClass::kUnexpected;
  std::string_view base = path.substr(path.rfind('/') + 1);
  bool known = std::find(kKnownPrograms.begin(), kKnownPrograms.end(), base) != kKnownPrograms.end();
  return known ? SetuidClass::kKnown : SetuidClass::kUnusual;
}

void check_setuid_unexpected(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  report_each(ctx, rule, out, SetuidClass::kUnexpected, ", outside the system directories");
}

void check_setuid_unusual(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  report_each(ctx, rule, out, SetuidClass::kUnusual, ", and is not one of the usual setuid programs");
}

void check_setuid_known(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  std::vector<SetuidFile> files = setuid_files(ctx, SetuidClass::kKnown);
  if (files.empty()) return;
  std::vector<std::string> paths;
  paths.reserve(files.size());
  for (const SetuidFile& f : files) paths.push_back("/" + f.path);
  out.report(rule, at_image(ctx),
             std::to_string(files.size()) + " well-known setuid/setgid program" +
                 (files.size() == 1 ? "" : "s") + " in the image: " + examples(paths, 8),
             examples(paths, 8), "setuid-known");
}

}  // namespace customs
