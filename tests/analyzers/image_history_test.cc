// Image history checks IM008-IM013 and the created_by parser they share: legacy builder, BuildKit
// and kaniko forms; each rule fires on the history entry that did it and stays silent on a near miss.
#include <gtest/gtest.h>

#include "analyzers/image/image_rules.h"
#include "analyzers/image_check_util.h"
#include "core/mask.h"
#include "core/strings.h"

namespace customs {
namespace {

using testing::ImageFixture;
using testing::run_image_check;
using Strings = std::vector<std::string>;
using Pairs = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kBase =
    "/bin/sh -c #(nop) ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in / ";

TEST(CreatedBy, LegacyNopInstructions) {
  HistoryCommand env = parse_created_by("/bin/sh -c #(nop)  ENV PYTHON_VERSION=3.12.1");
  EXPECT_EQ(env.instruction, "ENV");
  EXPECT_EQ(env.args, "PYTHON_VERSION=3.12.1");
  EXPECT_FALSE(env.buildkit);
  HistoryCommand add = parse_created_by(kBase);
  EXPECT_EQ(add.instruction, "ADD");
  EXPECT_EQ(add.args, "file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in /");
  HistoryCommand cmd = parse_created_by("/bin/sh -c #(nop)  CMD [\"bash\"]");
  EXPECT_EQ(cmd.instruction, "CMD");
  EXPECT_EQ(cmd.args, "[\"bash\"]");
}

TEST(CreatedBy, RunWithBuildArgsWhoseValuesHoldSpaces) {
  HistoryCommand c = parse_created_by("|3 GITHUB_TOKEN=ghp_x NAME=two words EMPTY= /bin/sh -c make build");
  EXPECT_EQ(c.instruction, "RUN");
  EXPECT_EQ(c.build_args, (Pairs{{"GITHUB_TOKEN", "ghp_x"}, {"NAME", "two words"}, {"EMPTY", ""}}));
  EXPECT_EQ(c.args, "make build");
}

TEST(CreatedBy, BuildKitForms) {
  HistoryCommand run = parse_created_by("RUN |1 API_KEY=abc /bin/sh -c echo hi # buildkit");
  EXPECT_EQ(run.instruction, "RUN");
  EXPECT_TRUE(run.buildkit);
  EXPECT_EQ(run.build_args, (Pairs{{"API_KEY", "abc"}}));
  EXPECT_EQ(run.args, "echo hi");
  HistoryCommand pipefail = parse_created_by("RUN /bin/bash -o pipefail -c curl -fsSL x | sh # buildkit");
  EXPECT_EQ(pipefail.args, "curl -fsSL x | sh");
  HistoryCommand exec = parse_created_by("RUN [\"/bin/sh\",\"-c\",\"apk add \\\"x\\\"\"] # buildkit");
  EXPECT_EQ(exec.args, "apk add \"x\"");
  HistoryCommand plain_exec = parse_created_by("RUN [\"apk\",\"add\",\"curl\"] # buildkit");
  EXPECT_EQ(plain_exec.args, "apk add curl");
  HistoryCommand add = parse_created_by("ADD https://example.com/x.tgz /opt/ # buildkit");
  EXPECT_EQ(add.instruction, "ADD");
  EXPECT_EQ(add.args, "https://example.com/x.tgz /opt/");
  HistoryCommand user = parse_created_by("USER app");
  EXPECT_EQ(user.instruction, "USER");
  EXPECT_EQ(user.args, "app");
}

TEST(CreatedBy, LegacyRunKanikoAndUnknown) {
  EXPECT_EQ(parse_created_by("/bin/sh -c apt-get update").args, "apt-get update");
  EXPECT_EQ(parse_created_by("/bin/sh -c set -ex; make").args, "set -ex; make");
  HistoryCommand kaniko = parse_created_by("RUN make install");
  EXPECT_EQ(kaniko.instruction, "RUN");
  EXPECT_EQ(kaniko.args, "make install");
  EXPECT_EQ(parse_created_by("bazel build //app:image").instruction, "");
  EXPECT_EQ(parse_created_by("").instruction, "");
  HistoryCommand truncated = parse_created_by("|2 A=1");  // fewer pairs than announced
  EXPECT_EQ(truncated.build_args, (Pairs{{"A", "1"}}));
  EXPECT_EQ(truncated.args, "");
}

TEST(CreatedBy, HugeEntriesParseInLinearTime) {
  std::string spaces = "|1 A=x";
  for (int i = 0; i < 300000; ++i) spaces += " y";  // no command: the value is its first word
  HistoryCommand c = parse_created_by(spaces);
  EXPECT_EQ(c.build_args, (Pairs{{"A", "x"}}));
  EXPECT_EQ(c.args.size(), 599999u);
  std::string env = "A=1";
  for (int i = 0; i < 300000; ++i) env += " w";
  auto pairs = parse_assignments(env);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].second.size(), 1u + 2 * 300000);
  std::string over(3 << 20, 'a');
  EXPECT_EQ(parse_created_by(over).instruction, "");
}

TEST(Assignments, PairsAndTheLegacyForm) {
  EXPECT_EQ(parse_assignments("A=1 B=two words C="), (Pairs{{"A", "1"}, {"B", "two words"}, {"C", ""}}));
  EXPECT_EQ(parse_assignments("PATH /usr/local/bin:/usr/bin"), (Pairs{{"PATH", "/usr/local/bin:/usr/bin"}}));
  EXPECT_EQ(parse_assignments("TARGETARCH"), (Pairs{{"TARGETARCH", ""}}));
  EXPECT_TRUE(parse_assignments("  ").empty());
}

// --- IM008 secrets in history ---

TEST(HistorySecrets, BuildArgsArgEnvAndLiteralTokensFireOnceEachMasked) {
  ImageFixture fx;
  std::string npm = "npm_abcdefghijklmnop";
  std::string ghp = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
  fx.history({{kBase, false},
              {"ARG NPM_TOKEN=" + npm, true},
              {"RUN |1 NPM_TOKEN=" + npm + " /bin/sh -c npm ci # buildkit", false},
              {"RUN |1 NPM_TOKEN=" + npm + " /bin/sh -c npm run build # buildkit", false},
              {"ENV API_KEY=sk-test-0123456789abcdef", true},
              {"ENV API_KEY=", true},
              {"RUN /bin/sh -c curl -H 'Authorization: token " + ghp + "' https://api.github.com # buildkit",
               false}});
  auto run = run_image_check("IM008", fx);
  EXPECT_EQ(run.places(), (Strings{"history[1]@-1", "history[4]@-1", "@3"}));
  EXPECT_EQ(
      run.messages(),
      (Strings{"ARG NPM_TOKEN has a secret-like name, and its value is recorded in the image history (and "
               "in 2 later history entries)",
               "ENV API_KEY has a secret-like name, and its value is recorded in the image history",
               "A RUN command in the image history contains a GitHub token with a checksum that does not "
               "verify"}));  // the shared engine's title: the made-up token fails GitHub's checksum
  EXPECT_EQ(run.findings[0].evidence, "NPM_TOKEN=" + mask_secret(npm));
  EXPECT_EQ(run.findings[0].location.layer_created_by, "ARG NPM_TOKEN=" + npm);
  EXPECT_EQ(run.findings[2].evidence,
            "GitHub token with a checksum that does not verify: " + mask_secret(ghp));
  EXPECT_EQ(run.findings[2].location.layer_digest, "sha256:blob3");
  for (const auto& f : run.findings) {
    EXPECT_FALSE(contains(f.evidence, "abcdefghijklmnop")) << f.evidence;
    EXPECT_FALSE(contains(f.message, "abcdefghijklmnop")) << f.message;
  }
}

TEST(HistorySecrets, LegacyBuildArgsFireAtTheirLayer) {
  ImageFixture fx;
  fx.history({{kBase, false}, {"|2 DB_PASSWORD=hunter2hunter2 VERSION=1.0 /bin/sh -c ./install.sh", false}});
  auto run = run_image_check("IM008", fx);
  EXPECT_EQ(run.places(), Strings{"@1"});
  EXPECT_EQ(run.messages(),
            Strings{"Build argument DB_PASSWORD has a secret-like name, and its value is recorded "
                    "in the image history"});
}

TEST(HistorySecrets, HarmlessArgsAndEnvStillInTheConfigAreSilent) {
  ImageFixture fx;
  fx.meta.config.config.env = {"SECRET_KEY=abc123abc123abc"};
  fx.history(
      {{kBase, false},
       {"ARG NODE_VERSION=20.11.0", true},
       {"|1 GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D /bin/sh -c gpg --recv-keys $GPG_KEY", false},
       {"ENV DB_PASSWORD_FILE=/run/secrets/db", true},
       {"ENV SECRET_KEY=abc123abc123abc", true},  // IM003 reports it from the config
       {"ARG AUTH_TOKEN", true},
       {"RUN |1 API_TOKEN= /bin/sh -c npm ci --token=$API_TOKEN # buildkit", false}});
  EXPECT_TRUE(run_image_check("IM008", fx).findings.empty());
}

// --- IM009 ADD from a URL ---

TEST(HistoryAddUrl, RemoteAddWithoutChecksumFires) {
  ImageFixture fx;
  fx.history({{kBase, false}, {"ADD https://example.com/tool.tgz /opt/ # buildkit", false}});
  auto run = run_image_check("IM009", fx);
  EXPECT_EQ(run.places(), Strings{"@1"});
  EXPECT_EQ(run.messages(),
            Strings{"ADD downloaded https://example.com/tool.tgz at build time without a checksum"});
  EXPECT_EQ(run.findings[0].evidence, "ADD https://example.com/tool.tgz /opt/");
}

TEST(HistoryAddUrl, ChecksumsPinnedCommitsAndLocalFilesAreSilent) {
  ImageFixture fx;
  fx.history(
      {{kBase, false},
       {"ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
        "https://example.com/tool.tgz /opt/ # buildkit",
        false},
       {"ADD https://github.com/o/r.git#0123456789abcdef0123456789abcdef01234567 /src # buildkit", false},
       {"COPY https-notes.txt /docs/ # buildkit", false},
       {"ADD app.tar.gz /app # buildkit", false}});
  EXPECT_TRUE(run_image_check("IM009", fx).findings.empty());
}

// --- IM010 update alone, IM011 sudo, IM012 upgrade, IM013 curl | sh ---

TEST(HistoryUpdateAlone, UpdateWithoutInstallFires) {
  ImageFixture fx;
  fx.history({{kBase, false},
              {"/bin/sh -c apt-get update", false},
              {"RUN /bin/sh -c apk update # buildkit", false}});
  auto run = run_image_check("IM010", fx);
  EXPECT_EQ(run.places(), (Strings{"@1", "@2"}));
  EXPECT_EQ(
      run.messages(),
      (Strings{
          "`apt-get update` ran without an install in the same command, so its index was cached on its own",
          "`apk update` ran without an install in the same command, so its index was cached on its own"}));
  EXPECT_EQ(run.findings[0].evidence, "apt-get update");
}

TEST(HistoryUpdateAlone, UpdateWithInstallIsSilent) {
  ImageFixture fx;
  fx.history({{kBase, false},
              {"/bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl", false},
              {"RUN /bin/sh -c apk update && apk add curl # buildkit", false}});
  EXPECT_TRUE(run_image_check("IM010", fx).findings.empty());
}

TEST(HistorySudo, SudoAsACommandFires) {
  ImageFixture fx;
  fx.history(
      {{kBase, false}, {"USER app", true}, {"RUN /bin/sh -c sudo apt-get install -y git # buildkit", false}});
  auto run = run_image_check("IM011", fx);
  EXPECT_EQ(run.places(), Strings{"@1"});
  EXPECT_EQ(run.messages(), Strings{"A RUN command of the image history uses sudo"});
  EXPECT_EQ(run.findings[0].evidence, "sudo apt-get install -y git");
}

TEST(HistorySudo, InstallingSudoIsNotUsingIt) {
  ImageFixture fx;
  fx.history(
      {{kBase, false},
       {"/bin/sh -c apt-get install -y sudo && echo 'app ALL=(ALL) ALL' > /etc/sudoers.d/app", false}});
  EXPECT_TRUE(run_image_check("IM011", fx).findings.empty());
}

TEST(HistoryUpgrade, FullUpgradeFiresAsInfo) {
  ImageFixture fx;
  fx.history({{kBase, false}, {"/bin/sh -c apt-get update && apt-get dist-upgrade -y", false}});
  auto run = run_image_check("IM012", fx);
  EXPECT_EQ(run.messages(),
            Strings{"`apt-get dist-upgrade` upgraded every package while building the image"});
  EXPECT_EQ(run.findings[0].severity, Severity::kInfo);
  EXPECT_EQ(run.places(), Strings{"@1"});
}

TEST(HistoryUpgrade, TargetedUpgradeIsSilent) {
  ImageFixture fx;
  fx.history({{kBase, false},
              {"/bin/sh -c apt-get update && apt-get install -y --only-upgrade openssl", false},
              {"/bin/sh -c apk upgrade musl", false}});
  EXPECT_TRUE(run_image_check("IM012", fx).findings.empty());
}

TEST(HistoryPipedScript, CurlIntoShellFires) {
  ImageFixture fx;
  fx.history({{kBase, false}, {"RUN /bin/sh -c curl -fsSL https://get.example.com | sh # buildkit", false}});
  auto run = run_image_check("IM013", fx);
  EXPECT_EQ(run.places(), Strings{"@1"});
  EXPECT_EQ(run.messages(),
            Strings{"curl output was piped into sh during the build: the downloaded script ran unverified"});
  EXPECT_EQ(run.findings[0].evidence, "curl -fsSL https://get.example.com | sh");
}

TEST(HistoryPipedScript, DownloadThenVerifyIsSilent) {
  ImageFixture fx;
  fx.history({{kBase, false},
              {"RUN /bin/sh -c curl -fsSLo install.sh https://get.example.com && sha256sum -c sums && sh "
               "install.sh # buildkit",
               false},
              {"/bin/sh -c curl -fsSL https://example.com/data.json | jq .", false}});
  EXPECT_TRUE(run_image_check("IM013", fx).findings.empty());
}

}  // namespace
}  // namespace customs
