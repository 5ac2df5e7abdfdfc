// Image file checks IM014-IM021: credential files in any layer (deleted ones too), setuid/setgid
// files, account databases and leftovers; each fires at the exact path and layer and stays silent on
// a near miss.
#include <gtest/gtest.h>

#include "analyzers/image/image_rules.h"
#include "analyzers/image_check_util.h"
#include "core/strings.h"

namespace customs {
namespace {

using testing::dir_entry;
using testing::file_entry;
using testing::ImageFixture;
using testing::run_image_check;
using testing::whiteout_entry;
using Strings = std::vector<std::string>;

// --- IM014 credential files ---

TEST(CredentialKind, NamesDirectoriesAndExtensions) {
  EXPECT_EQ(image_credential_kind("root/.ssh/id_rsa"), "SSH private key");
  EXPECT_EQ(image_credential_kind("home/u/.ssh/id_ed25519"), "SSH private key");
  EXPECT_EQ(image_credential_kind("home/u/.aws/credentials"), "AWS credentials file");
  EXPECT_EQ(image_credential_kind("root/.docker/config.json"), "Docker registry credentials");
  EXPECT_EQ(image_credential_kind("root/.kube/config"), "kubeconfig");
  EXPECT_EQ(image_credential_kind("app/kubeconfig.yaml"), "kubeconfig");
  EXPECT_EQ(image_credential_kind("root/.gnupg/private-keys-v1.d/ABCD.key"), "GnuPG private key");
  EXPECT_EQ(image_credential_kind("root/.config/gcloud/application_default_credentials.json"),
            "Google Cloud credentials");
  EXPECT_EQ(image_credential_kind("app/.env"), ".env file");
  EXPECT_EQ(image_credential_kind("app/.env.production"), ".env file");
  EXPECT_EQ(image_credential_kind("root/.pypirc"), "PyPI credentials file");
  EXPECT_EQ(image_credential_kind("root/.git-credentials"), "git credentials file");
  EXPECT_EQ(image_credential_kind("root/.netrc"), "netrc credentials file");
  EXPECT_EQ(image_credential_kind("app/config/credentials.json"), "credentials file");
  EXPECT_EQ(image_credential_kind("etc/nginx/tls/server.key"), "private key file");
  EXPECT_EQ(image_credential_kind("app/keys/signing.pem"), "PEM key file");
  EXPECT_EQ(image_credential_kind("app/cert.p12"), "PKCS#12 key store");
  EXPECT_EQ(image_credential_kind("opt/app/password.txt"), "password file");
  EXPECT_EQ(image_credential_kind("etc/ssh/ssh_host_ed25519_key"), "SSH host private key");
}

TEST(CredentialKind, PublicFilesAndPackageTestKeysAreNotCredentials) {
  EXPECT_EQ(image_credential_kind("root/.ssh/id_rsa.pub"), "");
  EXPECT_EQ(image_credential_kind("root/.ssh/known_hosts"), "");
  EXPECT_EQ(image_credential_kind("root/.ssh/authorized_keys"), "");
  EXPECT_EQ(image_credential_kind("root/.aws/config"), "");
  EXPECT_EQ(image_credential_kind("app/.env.example"), "");
  EXPECT_EQ(image_credential_kind("etc/ssl/certs/ca-certificates.crt"), "");
  EXPECT_EQ(image_credential_kind("etc/ssl/certs/ca-cert-ISRG.pem"), "");
  EXPECT_EQ(image_credential_kind("usr/lib/python3/dist-packages/tornado/test/test.key"), "");
  EXPECT_EQ(image_credential_kind("usr/lib/node_modules/npm/node_modules/agent/server.pem"), "");
  EXPECT_EQ(image_credential_kind("usr/local/lib/python3.12/site-packages/certifi/cacert.pem"), "");
  EXPECT_EQ(image_credential_kind("etc/ssl/private/ssl-cert-snakeoil.key"), "");
  EXPECT_EQ(image_credential_kind("usr/share/doc/openssl/demo.key"), "");
  EXPECT_EQ(image_credential_kind("etc/ssh/ssh_host_ed25519_key.pub"), "");
}

TEST(CredentialFiles, DeletedKeyIsStillReadableInItsLayer) {
  ImageFixture fx;
  fx.add_file(0, "root/.ssh/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----", 0600);
  fx.add(1, whiteout_entry("root/.ssh/id_rsa"));
  fx.add_file(1, "app/.env", "DB_PASSWORD=x");
  auto run = run_image_check("IM014", fx);
  EXPECT_EQ(run.places(), (Strings{"app/.env@1", "root/.ssh/id_rsa@0"}));
  EXPECT_EQ(run.messages(),
            (Strings{"/app/.env (.env file) is in the image",
                     "/root/.ssh/id_rsa (SSH private key) was deleted in layer 1 but is still "
                     "readable in layer 0"}));
  EXPECT_EQ(run.findings[1].location.layer_digest, "sha256:blob0");
  EXPECT_EQ(run.findings[1].evidence, "/root/.ssh/id_rsa");
  EXPECT_EQ(run.findings[1].severity, Severity::kCritical);
}

TEST(CredentialFiles, ParentDirectoryDeletedAndRewrittenCopies) {
  ImageFixture fx;
  fx.add_file(0, "root/.aws/credentials", "[default]");
  fx.add(2, whiteout_entry("root/.aws"));
  fx.add_file(0, "home/u/.ssh/id_ed25519", "k1");
  fx.add_file(2, "home/u/.ssh/id_ed25519", "k2");
  auto run = run_image_check("IM014", fx);
  EXPECT_EQ(run.places(), (Strings{"home/u/.ssh/id_ed25519@2", "root/.aws/credentials@0"}));
  EXPECT_EQ(
      run.messages(),
      (Strings{"/home/u/.ssh/id_ed25519 (SSH private key) is in the image; earlier copies in layer 0",
               "/root/.aws/credentials (AWS credentials file) was deleted in layer 2 but is still readable "
               "in layer 0"}));
}

TEST(CredentialFiles, NpmrcAndDockerConfigFireOnlyWithAuth) {
  ImageFixture fx;
  fx.add_file(0, "root/.npmrc", "//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz12\n");
  fx.add_file(0, "home/node/.npmrc", "registry=https://registry.npmjs.org/\n");
  fx.add_file(0, "home/ci/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
  fx.add_file(0, "root/.docker/config.json", R"({"auths":{"registry.example.com":{"auth":"dXNlcjpwYXNz"}}})");
  fx.add_file(0, "home/u/.docker/config.json",
              R"({"auths":{"registry.example.com":{}},"credsStore":"desktop"})");
  auto run = run_image_check("IM014", fx);
  EXPECT_EQ(run.places(), (Strings{"root/.docker/config.json@0", "root/.npmrc@0"}));
  EXPECT_EQ(run.messages(),
            (Strings{"/root/.docker/config.json (Docker registry credentials) is in the image",
                     "/root/.npmrc (npm credentials file) is in the image"}));
}

TEST(CredentialFiles, PemAndKeyFilesFireOnlyWithAPrivateKey) {
  ImageFixture fx;
  fx.add_file(
      0, "usr/lib/ruby/vendor_ruby/rubygems/ssl_certs/rubygems.org/GlobalSignRootCA.pem",
      "-----BEGIN CERTIFICATE-----\nMIIDdTCCAl2gAwIBAgILBAAAAAABFUtaw5QwDQYJ\n-----END CERTIFICATE-----\n");
  fx.add_file(0, "opt/app/tls/server.pem",
              "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
              "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
  fx.add_file(0, "etc/app/signing.key",
              "-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n");
  fx.add_file(0, "etc/app/public.key", "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n");
  auto run = run_image_check("IM014", fx);
  EXPECT_EQ(run.places(), (Strings{"etc/app/signing.key@0", "opt/app/tls/server.pem@0"}));
}

TEST(CredentialFiles, PublicKeysAndDirectoriesAreSilent) {
  ImageFixture fx;
  fx.add(0, dir_entry("root/.ssh"));
  fx.add_file(0, "root/.ssh/id_rsa.pub", "ssh-rsa AAAA");
  fx.add_file(0, "root/.ssh/known_hosts", "github.com ssh-ed25519 AAAA");
  fx.add(0, dir_entry("app/.env"));  // a directory named like a credential file
  fx.add_file(0, "usr/lib/python3/dist-packages/twisted/test/server.pem", "x");
  EXPECT_TRUE(run_image_check("IM014", fx).findings.empty());
}

// --- IM015-IM017 setuid/setgid ---

void add_setuid_fixture(ImageFixture& fx) {
  fx.add_file(0, "usr/bin/passwd", "", 04755);
  fx.add_file(0, "bin/su", "", 04755);
  fx.add_file(0, "usr/bin/newgrp", "", 02755);
  fx.add_file(0, "usr/bin/nmap", "", 04755);
  fx.add_file(1, "usr/local/bin/helper", "", 04750);
  fx.add_file(1, "tmp/x", "", 06755);
  fx.add_file(0, "usr/bin/ls", "", 0755);
  fx.add(0, dir_entry("var/mail"));
  fx.layer(0).entries.back().mode = 02775;  // a setgid directory is not a setgid program
  fx.add_file(0, "usr/bin/chfn", "", 04755);
  fx.add_file(2, "usr/bin/chfn", "", 0755);  // chmod u-s in a later layer
}

TEST(SetuidClassify, SystemDirectoriesAndKnownPrograms) {
  EXPECT_EQ(classify_setuid("usr/bin/passwd"), SetuidClass::kKnown);
  EXPECT_EQ(classify_setuid("usr/lib/dbus-1.0/dbus-daemon-launch-helper"), SetuidClass::kKnown);
  EXPECT_EQ(classify_setuid("usr/bin/nmap"), SetuidClass::kUnusual);
  EXPECT_EQ(classify_setuid("usr/local/bin/passwd"), SetuidClass::kUnexpected);
  EXPECT_EQ(classify_setuid("app/bin/su"), SetuidClass::kUnexpected);
  EXPECT_EQ(classify_setuid("home/u/su"), SetuidClass::kUnexpected);
}

TEST(SetuidUnexpected, OutsideSystemDirectoriesFiresMedium) {
  ImageFixture fx;
  add_setuid_fixture(fx);
  auto run = run_image_check("IM015", fx);
  EXPECT_EQ(run.places(), (Strings{"tmp/x@1", "usr/local/bin/helper@1"}));
  EXPECT_EQ(
      run.messages(),
      (Strings{"/tmp/x is setuid and setgid (mode 6755, owner 0:0), outside the system directories",
               "/usr/local/bin/helper is setuid (mode 4750, owner 0:0), outside the system directories"}));
  EXPECT_EQ(run.findings[0].severity, Severity::kMedium);
  EXPECT_EQ(run.findings[0].evidence, "mode 6755 /tmp/x");
}

TEST(SetuidUnusual, UnknownProgramInSystemDirectoryFiresLow) {
  ImageFixture fx;
  add_setuid_fixture(fx);
  auto run = run_image_check("IM016", fx);
  EXPECT_EQ(run.places(), Strings{"usr/bin/nmap@0"});
  EXPECT_EQ(run.messages(),
            Strings{"/usr/bin/nmap is setuid (mode 4755, owner 0:0), and is not one of the usual "
                    "setuid programs"});
  EXPECT_EQ(run.findings[0].severity, Severity::kLow);
}

TEST(SetuidKnown, WellKnownProgramsAreOneAggregatedInfoFinding) {
  ImageFixture fx;
  add_setuid_fixture(fx);
  auto run = run_image_check("IM017", fx);
  EXPECT_EQ(run.places(), Strings{"@-1"});
  EXPECT_EQ(run.messages(),
            Strings{"3 well-known setuid/setgid programs in the image: /bin/su, /usr/bin/newgrp, "
                    "/usr/bin/passwd"});
  EXPECT_EQ(run.findings[0].severity, Severity::kInfo);
}

TEST(Setuid, NoSpecialBitsNoFindings) {
  ImageFixture fx;
  fx.add_file(0, "usr/bin/passwd", "", 0755);
  fx.add_file(0, "usr/local/bin/tool", "", 0755);
  fx.add(0, dir_entry("tmp"));
  fx.layer(0).entries.back().mode = 01777;
  for (const char* id : {"IM015", "IM016", "IM017"})
    EXPECT_TRUE(run_image_check(id, fx).findings.empty()) << id;
}

// --- IM018-IM020 account databases ---

TEST(EmptyPassword, ShadowAndPasswdEmptyFieldsFireAtTheLine) {
  ImageFixture fx;
  fx.add_file(0, "etc/shadow", "root:!:19000:0:99999:7:::\nnobody:*:19000::::::\napp::19000:0:99999:7:::\n");
  fx.add_file(1, "etc/passwd",
              "root:x:0:0:root:/root:/bin/sh\n# comment\nold::1001:1001::/home/old:/bin/sh\n");
  auto run = run_image_check("IM018", fx);
  EXPECT_EQ(run.places(), (Strings{"etc/shadow@0:3", "etc/passwd@1:3"}));
  EXPECT_EQ(
      run.messages(),
      (Strings{"User app has an empty password field in /etc/shadow: anyone can log in as app without a "
               "password",
               "User old has an empty password field in /etc/passwd: anyone can log in as old without a "
               "password"}));
  EXPECT_EQ(run.findings[0].evidence, "app::");
}

TEST(EmptyPassword, AlpineRootWithoutPassword) {
  ImageFixture fx;  // CVE-2019-5021: Alpine images shipped "root:::0:::::"
  fx.add_file(0, "etc/shadow", "root:::0:::::\n");
  auto run = run_image_check("IM018", fx);
  EXPECT_EQ(run.places(), Strings{"etc/shadow@0:1"});
  EXPECT_EQ(run.findings[0].severity, Severity::kHigh);
}

TEST(EmptyPassword, LockedAndHashedPasswordsAreSilent) {
  ImageFixture fx;
  fx.add_file(0, "etc/shadow",
              "root:!::0:::::\nbin:*:19000::::::\nu:$6$salt$hash:19000:0:99999:7:::\nx:!!:1::::::\n");
  fx.add_file(0, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n+::::::\nshort:\n");
  EXPECT_TRUE(run_image_check("IM018", fx).findings.empty());
}

TEST(DuplicateIds, SharedUidFires) {
  ImageFixture fx;
  fx.add_file(0, "etc/passwd",
              "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1::/:/sbin/nologin\ntoor:x:0:0::/root:/bin/sh\n");
  auto run = run_image_check("IM019", fx);
  EXPECT_EQ(run.places(), Strings{"etc/passwd@0:3"});
  EXPECT_EQ(run.messages(), Strings{"User toor has UID 0, which user root already has in /etc/passwd"});
  EXPECT_EQ(run.findings[0].evidence, "toor:x:0");
}

TEST(DuplicateIds, SharedGidFires) {
  ImageFixture fx;
  fx.add_file(0, "etc/group", "root:x:0:\nwheel:x:10:root\nstaff:x:10:\n");
  auto run = run_image_check("IM020", fx);
  EXPECT_EQ(run.places(), Strings{"etc/group@0:3"});
  EXPECT_EQ(run.messages(), Strings{"Group staff has GID 10, which group wheel already has in /etc/group"});
}

TEST(DuplicateIds, DistinctIdsAndRepeatedLinesOfOneNameAreSilent) {
  ImageFixture fx;
  fx.add_file(0, "etc/passwd",
              "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\nroot:x:0:0::/root:/bin/sh\n");
  fx.add_file(0, "etc/group", "root:x:0:\napp:x:1000:\n");
  EXPECT_TRUE(run_image_check("IM019", fx).findings.empty());
  EXPECT_TRUE(run_image_check("IM020", fx).findings.empty());
}

TEST(DuplicateIds, AnOverwrittenPasswdIsReadFromTheLastLayer) {
  ImageFixture fx;
  fx.add_file(0, "etc/passwd", "root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n");
  fx.add_file(1, "etc/passwd", "root:x:0:0::/root:/bin/sh\n");
  EXPECT_TRUE(run_image_check("IM019", fx).findings.empty());
}

// --- IM021 leftovers ---

TEST(Leftovers, OneFindingPerKindWithCountAndExamples) {
  ImageFixture fx;
  fx.add_file(0, "app/.git/HEAD", "ref: refs/heads/main");
  fx.add_file(0, "app/.git/config", "");
  fx.add(1, dir_entry("srv/lib/.git"));
  fx.add_file(1, "root/.cache/pip/http/a", "");
  fx.add_file(1, "root/.npm/_cacache/index", "");
  fx.add_file(1, "app/.DS_Store", "");
  fx.add_file(0, "var/lib/apt/lists/lock", "");
  fx.add(0, dir_entry("var/lib/apt/lists/partial"));
  fx.add_file(0, "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", "");
  auto run = run_image_check("IM021", fx);
  EXPECT_EQ(run.places(), (Strings{"app/.git@0", "root/.cache@1", "app/.DS_Store@1",
                                   "var/lib/apt/lists/"
                                   "deb.debian.org_debian_dists_"
                                   "bookworm_InRelease@0"}));
  EXPECT_EQ(run.messages(),
            (Strings{"git directories (.git) left in the image: 2 (/app/.git, /srv/lib/.git)",
                     "package manager caches (.cache, .npm) left in the image: 2 (/root/.cache, /root/.npm)",
                     "macOS .DS_Store files left in the image: 1 (/app/.DS_Store)",
                     "apt package lists in /var/lib/apt/lists left in the image: 1 "
                     "(/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease)"}));
}

TEST(Leftovers, ManyExamplesAreCut) {
  ImageFixture fx;
  for (int i = 0; i < 7; ++i) fx.add_file(0, "home/u" + std::to_string(i) + "/.vscode/settings.json", "{}");
  auto run = run_image_check("IM021", fx);
  EXPECT_EQ(run.messages(),
            Strings{"editor settings (.vscode, .idea) left in the image: 7 (/home/u0/.vscode, "
                    "/home/u1/.vscode, /home/u2/.vscode, /home/u3/.vscode, /home/u4/.vscode and 2 "
                    "more)"});
}

TEST(Leftovers, DirectoriesShippedInsidePackageTreesAreSilent) {
  ImageFixture fx;
  fx.add_file(0, "usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/.vscode/settings.json", "{}");
  fx.add_file(0, "app/node_modules/left-pad/.git/HEAD", "ref: refs/heads/main\n");
  fx.add_file(0, "usr/local/lib/python3.11/site-packages/pkg/.idea/x.xml", "<x/>");
  fx.add_file(0, "app/.vscode/settings.json", "{}");
  auto run = run_image_check("IM021", fx);
  EXPECT_EQ(run.places(), (Strings{"app/.vscode@0"}));
}

TEST(Leftovers, CleanImageAndLookAlikesAreSilent) {
  ImageFixture fx;
  fx.add_file(0, "var/lib/apt/lists/lock", "");
  fx.add(0, dir_entry("var/lib/apt/lists/partial"));
  fx.add_file(0, "app/.gitignore", "");
  fx.add(0, dir_entry("app/.github/workflows"));
  fx.add_file(0, "usr/lib/gcloud/bin/x", "");  // gcloud counts only as ~/.config/gcloud
  fx.add_file(0, "app/.git/HEAD", "");
  fx.add(1, whiteout_entry("app/.git"));  // removed in a later layer: not in the final view
  EXPECT_TRUE(run_image_check("IM021", fx).findings.empty());
}

}  // namespace
}  // namespace customs
