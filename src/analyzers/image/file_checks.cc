// Image checks of the files (IM014-IM021). Rules are here; the functions are in
// file_credentials.cc, file_setuid.cc, file_accounts.cc and file_leftovers.cc.
#include "analyzers/image/image_rules.h"

namespace customs {

namespace {

constexpr Severity C = Severity::kCritical;
constexpr Severity H = Severity::kHigh;
constexpr Severity M = Severity::kMedium;
constexpr Severity L = Severity::kLow;
constexpr Severity I = Severity::kInfo;
constexpr Practice kLP = Practice::kLeastPrivilege;

const ImageCheck kChecks[] = {
    {Rule{"IM014", C, Practice::kSecrets, "Credential file in an image layer",
          "Every layer is part of the image: anyone who can pull it can extract a private key, cloud "
          "credentials or a token file from the layer that added it, even when a later layer deletes it.",
          "Do not copy credentials into the build: add them to `.dockerignore`, use `RUN "
          "--mount=type=secret` or `--mount=type=ssh` at build time, and mount them at run time. Rotate "
          "the exposed credential.",
          "CIS Docker 4.10; NIST SP 800-190 4.1.4; Dockle CIS-DI-0010"},
     &check_credential_files},
    {Rule{"IM015", M, kLP, "setuid/setgid file outside the system directories",
          "A setuid or setgid program runs with its owner's or group's rights whoever starts it; one that "
          "no package installed (in /usr/local, /opt, /app, /home, /tmp) is an easy way to become root "
          "inside the container.",
          "Remove the bit unless the program needs it: `RUN chmod u-s,g-s /usr/local/bin/tool`, and run "
          "containers with `--security-opt no-new-privileges`.",
          "CIS Docker 4.8; NIST SP 800-190 4.4.3; Dockle CIS-DI-0008"},
     &check_setuid_unexpected},
    {Rule{"IM016", L, kLP, "Unusual setuid/setgid program in a system directory",
          "Each setuid or setgid program is a path to root if it has a bug; beyond the usual account and "
          "mount tools, few programs need the bit in a container.",
          "Strip the bits the application does not need: `RUN find / -xdev -perm /6000 -type f -exec chmod "
          "a-s {} +`, or run with `--security-opt no-new-privileges`.",
          "CIS Docker 4.8; Dockle CIS-DI-0008"},
     &check_setuid_unusual},
    {Rule{"IM017", I, kLP, "Well-known setuid/setgid programs in the image",
          "passwd, su, mount and the like come with the base image's packages and are expected; they are "
          "listed together so that the unusual ones stand out. A container rarely needs any of them.",
          "Strip the bits if the application does not log users in or mount file systems: `RUN find / -xdev "
          "-perm /6000 -type f -exec chmod a-s {} +`.",
          "CIS Docker 4.8; Dockle CIS-DI-0008"},
     &check_setuid_known},
    {Rule{"IM018", H, kLP, "Account with an empty password",
          "An account whose password field is empty needs no password at all: su, login or any PAM "
          "service lets anyone in as that user.",
          "Lock the account: `RUN passwd -l root` (or `usermod -p '!' <user>`), so its field is '!' or '*'.",
          "CIS Docker 4.1; Dockle DKL-LI-0001"},
     &check_empty_password},
    {Rule{"IM019", M, kLP, "Two users share a UID",
          "Users with the same UID are the same user to the kernel: each can read and change the other's "
          "files, and a UID 0 alias is a hidden root account.",
          "Give every user its own UID: `RUN usermod -u 10002 <user>` (or remove the duplicate).",
          "Dockle DKL-LI-0002"},
     &check_duplicate_uid},
    {Rule{"IM020", L, kLP, "Two groups share a GID",
          "Groups with the same GID are the same group to the kernel, so group permissions meant for one "
          "apply to the other.",
          "Give every group its own GID: `RUN groupmod -g 10002 <group>` (or remove the duplicate).",
          "Dockle DKL-LI-0002"},
     &check_duplicate_gid},
    {Rule{
         "IM021", L, Practice::kSecrets, "Files left over from the build",
         "Source-control metadata, cloud CLI directories, caches, editor settings and package lists make "
         "the image bigger and can leak history, tokens or internal paths.",
         "Exclude them from the build context with `.dockerignore` (`.git`, `.aws`, `.vscode`, `.DS_Store`), "
         "and clean caches in the RUN that made them: `apt-get install ... && rm -rf /var/lib/apt/lists/*`.",
         "Dockle DKL-LI-0003, DKL-DI-0005"},
     &check_leftovers},
};

}  // namespace

std::span<const ImageCheck> image_file_checks() { return kChecks; }

}  // namespace customs
