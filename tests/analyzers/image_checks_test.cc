// Image config checks IM001-IM007, the check table, the runner and the ImageContext: each rule
// fires on the mistake with its exact location and message, and stays silent on a near miss.
#include "analyzers/image/check.h"

#include <gtest/gtest.h>

#include <set>

#include "analyzers/image/image_rules.h"
#include "analyzers/image_check_util.h"
#include "core/mask.h"
#include "core/strings.h"

namespace customs {
namespace {

using testing::ImageFixture;
using testing::run_image_check;
using Strings = std::vector<std::string>;

TEST(ImageTable, TwentyOneRulesNumberedInOrderWithTextAndSources) {
  const auto& checks = image_checks();
  ASSERT_EQ(checks.size(), 21u);
  std::set<std::string_view> ids;
  for (size_t i = 0; i < checks.size(); ++i) {
    const Rule& r = checks[i]->rule;
    char expected[24];
    std::snprintf(expected, sizeof expected, "IM%03zu", i + 1);
    EXPECT_EQ(r.id, expected);
    EXPECT_FALSE(r.title.empty()) << r.id;
    EXPECT_FALSE(r.why.empty()) << r.id;
    EXPECT_TRUE(contains(r.fix, "`")) << r.id << " fix needs an example";
    EXPECT_FALSE(r.source.empty()) << r.id;
    EXPECT_EQ(find_image_rule(r.id), &r);
    ids.insert(r.id);
  }
  EXPECT_EQ(ids.size(), 21u);
  EXPECT_EQ(find_image_rule("IM022"), nullptr);
  EXPECT_EQ(image_config_checks().size(), 7u);
  EXPECT_EQ(image_history_checks().size(), 6u);
  EXPECT_EQ(image_file_checks().size(), 8u);
  EXPECT_EQ(find_image_rule("IM014")->severity, Severity::kCritical);
  EXPECT_EQ(find_image_rule("IM017")->severity, Severity::kInfo);
}

// --- IM001 root user ---

TEST(ImageRootUser, NoUserFiresAtTheConfig) {
  ImageFixture fx;
  auto run = run_image_check("IM001", fx);
  ASSERT_EQ(run.places(), Strings{"config.User@-1"});
  EXPECT_EQ(run.messages(), Strings{"The image config sets no User, so containers run as root (UID 0)"});
  EXPECT_EQ(run.findings[0].evidence, "User not set");
  EXPECT_EQ(run.findings[0].severity, Severity::kHigh);
  EXPECT_EQ(run.findings[0].location.file, "registry.example.com/app:1.0");
}

TEST(ImageRootUser, RootSpellingsFire) {
  for (std::string user : {"root", "0", "0:0", "root:root", "root:1000", "000"}) {
    ImageFixture fx;
    fx.meta.config.config.user = user;
    auto run = run_image_check("IM001", fx);
    EXPECT_EQ(run.messages(),
              Strings{"The image config runs containers as \"" + user + "\", which is root (UID 0)"})
        << user;
  }
}

TEST(ImageRootUser, ANameWithUidZeroInPasswdFires) {
  ImageFixture fx;
  fx.meta.config.config.user = "toor";
  fx.add_file(0, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n");
  auto run = run_image_check("IM001", fx);
  EXPECT_EQ(run.messages(),
            Strings{"The image config runs containers as \"toor\", which /etc/passwd gives UID 0 (root)"});
}

TEST(ImageRootUser, ConfigWinsOverHistoryUserLines) {
  ImageFixture fx;
  fx.history({{"/bin/sh -c #(nop)  USER root", true}});
  fx.meta.config.config.user = "app";
  fx.add_file(0, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
  EXPECT_TRUE(run_image_check("IM001", fx).findings.empty());

  ImageFixture unset;
  unset.history({{"USER app", true}});
  EXPECT_EQ(
      run_image_check("IM001", unset).messages(),
      Strings{"The image config sets no User, so containers run as root (UID 0); the history's `USER app` "
              "is not what the config runs"});
}

TEST(ImageRootUser, NumericNonRootUserIsSilent) {
  ImageFixture fx;
  fx.meta.config.config.user = "1000:1000";
  EXPECT_TRUE(run_image_check("IM001", fx).findings.empty());
  fx.meta.config.config.user = "10";
  EXPECT_TRUE(run_image_check("IM001", fx).findings.empty());
}

// --- IM002 healthcheck ---

TEST(ImageHealthcheck, MissingAndDisabledFire) {
  ImageFixture fx;
  auto run = run_image_check("IM002", fx);
  EXPECT_EQ(run.places(), Strings{"config.Healthcheck@-1"});
  EXPECT_EQ(run.messages(), Strings{"The image config has no health check"});

  fx.meta.config.config.healthcheck = Healthcheck{{"NONE"}};
  EXPECT_EQ(run_image_check("IM002", fx).messages(),
            Strings{"The image config disables the health check (HEALTHCHECK NONE)"});
}

TEST(ImageHealthcheck, AConfiguredCheckIsSilent) {
  ImageFixture fx;
  fx.meta.config.config.healthcheck = Healthcheck{{"CMD-SHELL", "curl -f http://localhost/ || exit 1"}};
  EXPECT_TRUE(run_image_check("IM002", fx).findings.empty());
}

// --- IM003 secret env ---

TEST(ImageSecretEnv, SecretNamesAndSecretValuesFireMasked) {
  ImageFixture fx;
  std::string url = "postgres://app:s3cretpass@db:5432/app";
  fx.meta.config.config.env = {"PATH=/usr/local/bin:/usr/bin", "DB_PASSWORD=hunter2hunter2",
                               "DATABASE_URL=" + url};
  auto run = run_image_check("IM003", fx);
  ASSERT_EQ(run.places(), (Strings{"config.Env@-1", "config.Env@-1"}));
  EXPECT_EQ(
      run.messages(),
      (Strings{"ENV DB_PASSWORD has a secret-like name, and its value is in the image config, readable by "
               "anyone who can pull the image",
               "ENV DATABASE_URL has a value that looks like a Password in a URL, and its value is in the "
               "image config, readable by anyone who can pull the image"}));
  EXPECT_EQ(run.findings[0].evidence, "DB_PASSWORD=hu************");
  EXPECT_EQ(run.findings[1].evidence, "DATABASE_URL=" + mask_secret(url));
  for (const auto& f : run.findings) EXPECT_FALSE(contains(f.evidence + f.message, "s3cret")) << f.evidence;
}

TEST(ImageSecretEnv, AcceptListedNamesAndBenignValuesAreSilent) {
  ImageFixture fx;
  fx.meta.config.config.env = {"GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
                               "PYTHON_VERSION=3.12.1",
                               "DB_PASSWORD_FILE=/run/secrets/db",
                               "TOKEN_PATH=/var/run/token",
                               "SECRET_KEY_SHA256=0123456789abcdef0123456789abcdef",
                               "ENABLE_AUTH=true",
                               "API_TOKEN=",
                               "ACCESS_LOG=/var/log/access.log",
                               "KEYCLOAK_URL=https://auth.example.com"};
  EXPECT_TRUE(run_image_check("IM003", fx).findings.empty());
}

// --- IM004 volumes, IM005 port 22 ---

TEST(ImageVolumes, SensitivePathsFireInConfigOrder) {
  ImageFixture fx;
  fx.meta.config.config.volumes = {"/data", "/var/run/docker.sock", "/etc/", "/etc/nginx", "/proc/sys"};
  auto run = run_image_check("IM004", fx);
  EXPECT_EQ(run.messages(),
            (Strings{"VOLUME /var/run/docker.sock is over the container engine's socket, which "
                     "controls the host",
                     "VOLUME /etc is over the system configuration",
                     "VOLUME /proc/sys is over a kernel interface"}));
  EXPECT_EQ(run.findings[1].evidence, "VOLUME /etc/");
  EXPECT_EQ(run.findings[0].location.path, "config.Volumes");
}

TEST(ImageVolumes, ApplicationDataIsSilent) {
  ImageFixture fx;
  fx.meta.config.config.volumes = {"/data", "/var/lib/postgresql/data", "/etc/nginx/conf.d",
                                   "/home/app/uploads"};
  EXPECT_TRUE(run_image_check("IM004", fx).findings.empty());
}

TEST(ImageSshPort, Port22OverTcpFires) {
  ImageFixture fx;
  fx.meta.config.config.exposed_ports = {"8080/tcp", "22/tcp", "2222/tcp", "22/udp", "122"};
  auto run = run_image_check("IM005", fx);
  EXPECT_EQ(run.messages(),
            Strings{"The image exposes port 22/tcp, the SSH port: it is built to run an SSH server"});
  EXPECT_EQ(run.places(), Strings{"config.ExposedPorts@-1"});

  fx.meta.config.config.exposed_ports = {"22"};
  EXPECT_EQ(run_image_check("IM005", fx).findings.size(), 1u);
}

TEST(ImageSshPort, OtherPortsAreSilent) {
  ImageFixture fx;
  fx.meta.config.config.exposed_ports = {"2222/tcp", "22/udp", "8022/tcp", "220"};
  EXPECT_TRUE(run_image_check("IM005", fx).findings.empty());
}

// --- IM006 / IM007 age ---

TEST(Rfc3339, ParsesFractionsOffsetsAndRejectsJunk) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("2025-01-01T00:00:00Z"), 1735689600);
  EXPECT_EQ(parse_rfc3339("2024-06-01T10:00:00.123456789Z"), 1717236000);
  EXPECT_EQ(parse_rfc3339("2024-02-29T12:00:00+02:00"), 1709200800);
  EXPECT_EQ(parse_rfc3339("2024-02-29t12:00:00-0130"), 1709213400);
  EXPECT_EQ(parse_rfc3339(" 2024-01-01 00:00:00.5z "), 1704067200);
  EXPECT_EQ(parse_rfc3339("2016-12-31T23:59:60Z"), 1483228799);  // leap second
  EXPECT_EQ(parse_rfc3339("2023-02-29T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2024-01-01T00:00:00"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2024-01-01T25:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2024-13-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2024-01-01T00:00:00.Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2024-01-01T00:00:00Zjunk"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2024-01-01T00:00:00+24:00"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("yesterday"), std::nullopt);
  EXPECT_EQ(parse_rfc3339(""), std::nullopt);
}

TEST(ImageAge, OlderThanThePolicyFires) {
  ImageFixture fx;
  fx.meta.config.created = "2024-06-01T10:00:00.123456789Z";
  auto run = run_image_check("IM006", fx);
  EXPECT_EQ(run.places(), Strings{"created@-1"});
  EXPECT_EQ(run.messages(), Strings{"The image was built on 2024-06-01, 213 days ago; the policy asks for a "
                                    "rebuild every 90 days"});
  fx.policy.max_image_age_days = 365;
  EXPECT_TRUE(run_image_check("IM006", fx).findings.empty());
}

TEST(ImageAge, RecentUnparseableAndPlaceholderTimesAreSilent) {
  for (std::string created : {"2024-12-01T00:00:00+01:00", "last tuesday", "", "1970-01-01T00:00:00Z"}) {
    ImageFixture fx;
    fx.meta.config.created = created;
    EXPECT_TRUE(run_image_check("IM006", fx).findings.empty()) << created;
  }
}

TEST(ImageCreatedUnknown, MissingAndPlaceholderFire) {
  ImageFixture fx;
  EXPECT_EQ(run_image_check("IM007", fx).messages(), Strings{"The image config has no `created` time"});
  fx.meta.config.created = "1970-01-01T00:00:00Z";
  EXPECT_EQ(
      run_image_check("IM007", fx).messages(),
      Strings{"The image config's `created` time 1970-01-01T00:00:00Z is a placeholder (reproducible builds "
              "write the epoch), so the image's age is unknown"});
}

TEST(ImageCreatedUnknown, RealAndUnparseableTimesAreSilent) {
  ImageFixture fx;
  fx.meta.config.created = "2024-12-01T00:00:00Z";
  EXPECT_TRUE(run_image_check("IM007", fx).findings.empty());
  fx.meta.config.created = "not a time";
  EXPECT_TRUE(run_image_check("IM007", fx).findings.empty());
}

// --- ImageContext, the image-files analyzer, the runner ---

TEST(ImageContextTest, LocationsNameTheLayerDigestAndCommand) {
  ImageFixture fx;
  fx.history({{"/bin/sh -c #(nop) ADD file:abc in / ", false}, {"RUN /bin/sh -c make # buildkit", false}});
  fx.layer(1).blob_digest.clear();
  fx.sync();
  std::vector<const LayerResult*> ptrs{&fx.layers[0], &fx.layers[1]};
  LayeredView view(ptrs);
  ImageContext ctx{fx.meta, fx.layers, view, fx.policy, fx.target, fx.now, false};
  Location a = ctx.at(0, "etc/passwd");
  EXPECT_EQ(a.file, "registry.example.com/app:1.0");
  EXPECT_EQ(a.path, "etc/passwd");
  EXPECT_EQ(a.layer_digest, "sha256:blob0");
  EXPECT_EQ(a.layer_index, 0);
  EXPECT_EQ(a.layer_created_by, "/bin/sh -c #(nop) ADD file:abc in / ");
  Location b = ctx.at(1, "app");
  EXPECT_EQ(b.layer_digest, "sha256:diff1");  // no blob digest: the diff_id
  EXPECT_EQ(b.layer_created_by, "RUN /bin/sh -c make # buildkit");
  Location c = ctx.at_config("config.User");
  EXPECT_EQ(c.path, "config.User");
  EXPECT_EQ(c.layer_index, -1);
  EXPECT_TRUE(c.layer_digest.empty());

  ImageContext rootfs{fx.meta, fx.layers, view, fx.policy, "/mnt/root", fx.now, true};
  Location r = rootfs.at(0, "etc/shadow");
  EXPECT_EQ(r.layer_index, -1);
  EXPECT_TRUE(r.layer_digest.empty());
  EXPECT_EQ(r.path, "etc/shadow");
}

TEST(ImageContextTest, CapturedBytesFollowTheLayerThatLastWroteThePath) {
  ImageFixture fx;
  fx.add_file(0, "etc/passwd", "root:x:0:0::/root:/bin/sh\n");
  fx.add_file(1, "etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n");
  FsEntry link = testing::file_entry("etc/passwd-hard");
  link.type = EntryType::kHardlink;
  link.link_target = "etc/passwd";
  fx.add(1, link);
  fx.add_file(1, "etc/hostname", "box\n");
  std::vector<const LayerResult*> ptrs{&fx.layers[0], &fx.layers[1]};
  LayeredView view(ptrs);
  ImageContext ctx{fx.meta, fx.layers, view, fx.policy, fx.target, fx.now, false};
  ASSERT_NE(ctx.captured(0, "etc/passwd"), nullptr);
  EXPECT_EQ(*ctx.captured(0, "etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
  ASSERT_NE(ctx.final_captured("etc/passwd"), nullptr);
  EXPECT_EQ(*ctx.final_captured("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n");
  ASSERT_NE(ctx.final_captured("etc/passwd-hard"), nullptr);
  EXPECT_EQ(ctx.final_captured("etc/passwd-hard"), ctx.final_captured("etc/passwd"));
  EXPECT_EQ(ctx.final_captured("etc/hostname"), nullptr);  // not a file the checks asked for
  EXPECT_EQ(ctx.captured(5, "etc/passwd"), nullptr);
  EXPECT_EQ(ctx.final_captured("etc/group"), nullptr);
}

TEST(ImageFilesAnalyzer, WantsOnlyTheAccountFilesOsReleaseAndAuthFiles) {
  const FileAnalyzer& a = image_files_analyzer();
  EXPECT_EQ(a.name(), "image-files");
  EXPECT_EQ(a.wants(testing::file_entry("etc/passwd", 0644, 120)), 120u);
  EXPECT_EQ(a.wants(testing::file_entry("etc/shadow", 0640, 0)), 1u);
  EXPECT_EQ(a.wants(testing::file_entry("usr/lib/os-release", 0644, 300)), 300u);
  EXPECT_EQ(a.wants(testing::file_entry("home/node/.npmrc", 0644, 50)), 50u);
  EXPECT_EQ(a.wants(testing::file_entry("root/.docker/config.json", 0600, 80)), 80u);
  EXPECT_EQ(a.wants(testing::file_entry("etc/passwd", 0644, (1 << 20) + 1)), 0u);
  EXPECT_EQ(a.wants(testing::file_entry("etc/passwd-", 0644, 100)), 0u);
  EXPECT_EQ(a.wants(testing::file_entry("app/etc/passwd", 0644, 100)), 0u);
  EXPECT_EQ(a.wants(testing::dir_entry("etc/passwd")), 0u);
  std::vector<AnalyzerRecord> records;
  a.analyze(testing::file_entry("etc/group", 0644, 9), "root:x:0:", false, records);
  a.analyze(testing::file_entry("etc/shadow", 0644, 9), "root", true, records);  // truncated: dropped
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].analyzer, "image-files");
  EXPECT_EQ(records[0].path, "etc/group");
  EXPECT_EQ(records[0].kind, "content");
  EXPECT_EQ(records[0].data, "root:x:0:");
}

TEST(RunImageChecks, TableOrderThenLayerThenPathAndRootfsSkipsConfig) {
  ImageFixture fx;
  fx.meta.config.created = "2024-12-20T00:00:00Z";
  fx.meta.config.config.healthcheck = Healthcheck{{"CMD", "true"}};
  fx.add_file(1, "app/.env", "A=1");
  fx.add_file(0, "root/.ssh/id_rsa", "key");
  fx.sync();
  std::vector<const LayerResult*> ptrs{&fx.layers[0], &fx.layers[1]};
  LayeredView view(ptrs);
  ImageContext ctx{fx.meta, fx.layers, view, fx.policy, fx.target, fx.now, false};
  FindingSink sink(&fx.policy);
  run_image_checks(ctx, sink);
  Strings got;
  for (const auto& f : sink.findings()) got.push_back(std::string(f.rule_id()) + " " + f.location.path);
  EXPECT_EQ(got, (Strings{"IM001 config.User", "IM014 root/.ssh/id_rsa", "IM014 app/.env"}));

  ImageContext rootfs{fx.meta, fx.layers, view, fx.policy, "/mnt/root", fx.now, true};
  FindingSink rootfs_sink(&fx.policy);
  run_image_checks(rootfs, rootfs_sink);  // no config: IM001 does not run
  got.clear();
  for (const auto& f : rootfs_sink.findings())
    got.push_back(std::string(f.rule_id()) + " " + f.location.path);
  EXPECT_EQ(got, (Strings{"IM014 app/.env", "IM014 root/.ssh/id_rsa"}));  // no layers: path order

  Policy quiet = fx.policy;
  quiet.disabled.insert("IM014");
  FindingSink quiet_sink(&quiet);
  ImageContext quiet_ctx{fx.meta, fx.layers, view, quiet, fx.target, fx.now, false};
  run_image_checks(quiet_ctx, quiet_sink);
  ASSERT_EQ(quiet_sink.findings().size(), 1u);
  EXPECT_EQ(quiet_sink.findings()[0].rule_id(), "IM001");
}

}  // namespace
}  // namespace customs
