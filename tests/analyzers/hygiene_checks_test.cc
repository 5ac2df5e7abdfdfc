// Rebuild and hygiene checks DF060-DF076: each fires on a Dockerfile with the mistake, located
// precisely, stays silent on a near miss, and its mechanical fix (when it has one) is exact and
// makes the finding go away.
#include "analyzers/dockerfile/check.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/dockerfile_check_util.h"
#include "core/strings.h"

namespace customs {
namespace {

using testing::run_check;
using Lines = std::vector<int>;
using Strings = std::vector<std::string>;

using testing::where;

Lines lines(std::string_view id, std::string_view dockerfile) { return run_check(id, dockerfile).lines(); }

// Applies every fix edit of the run's findings to `text` (edits do not overlap in these tests).
std::string apply_fixes(std::string text, const testing::CheckRun& run) {
  std::vector<TextEdit> edits;
  for (const auto& f : run.findings) edits.insert(edits.end(), f.fix_edits.begin(), f.fix_edits.end());
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  auto offset = [&](int line, int col) {
    return starts.at(static_cast<size_t>(line - 1)) + static_cast<size_t>(col - 1);
  };
  std::sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) {
    return a.line != b.line ? a.line > b.line : a.column > b.column;
  });
  for (const auto& e : edits) {
    size_t b = offset(e.line, e.column), end = offset(e.end_line, e.end_column);
    text.replace(b, end - b, e.replacement);
  }
  return text;
}

void expect_edit(const Finding& f, int line, int col, int end_line, int end_col,
                 std::string_view replacement) {
  ASSERT_EQ(f.fix_edits.size(), 1u);
  const TextEdit& e = f.fix_edits[0];
  EXPECT_EQ(e.line, line);
  EXPECT_EQ(e.column, col);
  EXPECT_EQ(e.end_line, end_line);
  EXPECT_EQ(e.end_column, end_col);
  EXPECT_EQ(e.replacement, replacement);
}

TEST(HygieneTable, SeventeenRulesWithTextAndSources) {
  auto checks = hygiene_checks();
  ASSERT_EQ(checks.size(), 17u);
  for (const auto& c : checks) {
    EXPECT_FALSE(c.rule.title.empty()) << c.rule.id;
    EXPECT_FALSE(c.rule.why.empty()) << c.rule.id;
    EXPECT_TRUE(contains(c.rule.fix, "`")) << c.rule.id << " fix needs an example";
    EXPECT_FALSE(c.rule.source.empty()) << c.rule.id;
    EXPECT_EQ(find_dockerfile_rule(c.rule.id), &c.rule);
  }
  EXPECT_FALSE(find_dockerfile_rule("DF071")->enabled_by_default);
  EXPECT_EQ(find_dockerfile_rule("DF062")->source, "CIS Docker Benchmark 1.6 4.3");
  EXPECT_EQ(find_dockerfile_rule("DF070")->source, "CIS Docker Benchmark 1.6 4.6");
}

TEST(HygieneNearMiss, TheCanonicalAptRunFiresNoPackageCheck) {
  std::string df =
      "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && "
      "rm -rf /var/lib/apt/lists/*\nRUN apk add --no-cache tini && pip install --no-cache-dir flask\n"
      "RUN dnf install -y httpd && dnf clean all\n";
  for (std::string id :
       {"DF060", "DF061", "DF062", "DF063", "DF064", "DF065", "DF066", "DF067", "DF068", "DF069"})
    EXPECT_EQ(lines(id, df), Lines{}) << id;
}

TEST(IndexUpdate, UpdateAloneAndStaleInstallFire) {
  auto run = run_check("DF060", "FROM debian\nRUN apt-get update\nRUN apt-get install -y curl\n");
  ASSERT_EQ(where(run), (Strings{"2:13-19", "3:13-20"}));
  EXPECT_TRUE(contains(run.findings[1].message, "apt-get update` at line 2"));
  EXPECT_EQ(lines("DF060", "FROM alpine\nRUN apk update\nFROM fedora\nRUN yum makecache\n"), (Lines{2, 4}));
}

TEST(IndexUpdate, UpdateWithInstallOrInstallWithoutEarlierUpdateIsSilent) {
  EXPECT_EQ(lines("DF060",
                  "FROM debian\nRUN apt-get install -y curl\nRUN apt-get update && apt-get install -y git\n"
                  "FROM alpine\nRUN apk update && apk add git\n"),
            Lines{});
}

TEST(FullUpgrade, UpgradeAllFiresAtTheSubcommand) {
  auto run =
      run_check("DF061",
                "FROM debian\nRUN apt-get update && apt-get -y dist-upgrade\nFROM alpine\nRUN apk upgrade\n"
                "FROM centos\nRUN yum update -y\n");
  ASSERT_EQ(where(run), (Strings{"2:34-46", "4:9-16", "6:9-15"}));
  EXPECT_TRUE(contains(run.findings[0].message, "apt-get dist-upgrade"));
}

TEST(FullUpgrade, TargetedUpgradesAndIndexUpdatesAreSilent) {
  EXPECT_EQ(lines("DF061",
                  "FROM centos\nRUN yum update -y openssl\nFROM alpine\nRUN apk update && apk upgrade musl\n"
                  "FROM debian\nRUN apt-get update && apt-get install --only-upgrade -y openssl\n"),
            Lines{});
}

TEST(InstallRecommends, FiresWithInsertAfterInstall) {
  std::string df =
      "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n";
  auto run = run_check("DF062", df);
  ASSERT_EQ(where(run), Strings{"2:31-38"});
  expect_edit(run.findings[0], 2, 38, 2, 38, " --no-install-recommends");
  std::string fixed = apply_fixes(df, run);
  EXPECT_EQ(fixed,
            "FROM debian\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf "
            "/var/lib/apt/lists/*\n");
  EXPECT_EQ(lines("DF062", fixed), Lines{});
}

TEST(InstallRecommends, ConfigOptionBuilderStageAndAptConfAreSilent) {
  EXPECT_EQ(lines("DF062",
                  "FROM debian AS build\nRUN apt-get install -y gcc\nFROM debian\n"
                  "RUN apt-get -o APT::Install-Recommends=false install -y curl\n"),
            Lines{});
  EXPECT_EQ(lines("DF062",
                  "FROM debian\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/99norec\n"
                  "RUN apt-get install -y curl\n"),
            Lines{});
}

TEST(AptLists, FiresWithAppendAfterTheLastCommand) {
  std::string df = "FROM debian\nRUN apt-get update && apt-get install -y curl\n";
  auto run = run_check("DF063", df);
  ASSERT_EQ(where(run), Strings{"2:31-38"});
  expect_edit(run.findings[0], 2, 46, 2, 46, " && rm -rf /var/lib/apt/lists/*");
  std::string fixed = apply_fixes(df, run);
  EXPECT_EQ(fixed,
            "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");
  EXPECT_EQ(lines("DF063", fixed), Lines{});
}

TEST(AptLists, AppendFollowsContinuationLines) {
  std::string df = "FROM debian\nRUN apt-get update \\\n && apt-get install -y \\\n    curl\nCMD [\"x\"]\n";
  auto run = run_check("DF063", df);
  ASSERT_EQ(run.lines(), Lines{3});
  expect_edit(run.findings[0], 4, 9, 4, 9, " && rm -rf /var/lib/apt/lists/*");
  EXPECT_EQ(lines("DF063", apply_fixes(df, run)), Lines{});
}

TEST(AptLists, NoEditUnlessASimpleChain) {
  auto run = run_check("DF063", "FROM debian\nRUN apt-get update && apt-get install -y curl || true\n");
  ASSERT_EQ(run.lines(), Lines{2});
  EXPECT_TRUE(run.findings[0].fix_edits.empty());
}

TEST(AptLists, CacheMountOrBuilderStageIsSilent) {
  EXPECT_EQ(
      lines("DF063",
            "FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian\n"
            "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n"),
      Lines{});
}

TEST(ApkCache, FiresWithInsertAfterAdd) {
  std::string df = "FROM alpine\nRUN apk add curl\n";
  auto run = run_check("DF064", df);
  ASSERT_EQ(where(run), Strings{"2:9-12"});
  expect_edit(run.findings[0], 2, 12, 2, 12, " --no-cache");
  EXPECT_EQ(apply_fixes(df, run), "FROM alpine\nRUN apk add --no-cache curl\n");
  EXPECT_EQ(lines("DF064", apply_fixes(df, run)), Lines{});
}

TEST(ApkCache, RemovedCacheIsSilent) {
  EXPECT_EQ(lines("DF064", "FROM alpine\nRUN apk add curl && rm -rf /var/cache/apk/*\n"), Lines{});
}

// Regression (official redis alpine image): `apk add --no-network` downloads nothing, so it
// leaves no index or package in /var/cache/apk.
TEST(ApkCache, NoNetworkIsSilent) {
  EXPECT_EQ(lines("DF064", "FROM alpine\nRUN apk add --no-network --virtual .rundeps $deps\n"), Lines{});
}

TEST(RpmCache, InstallWithoutCleanFires) {
  auto run = run_check("DF065", "FROM fedora\nRUN dnf install -y httpd\n");
  ASSERT_EQ(where(run), Strings{"2:9-16"});
  EXPECT_TRUE(contains(run.findings[0].message, "dnf clean all"));
  auto zypper = run_check("DF065", "FROM opensuse/leap\nRUN zypper -n in vim\n");
  ASSERT_EQ(where(zypper), Strings{"2:15-17"});
  EXPECT_EQ(zypper.findings[0].message,
            "`zypper in` leaves its metadata and package cache in the layer; run `zypper clean --all` in the "
            "same RUN");
  EXPECT_EQ(lines("DF065", "FROM fedora AS build\nRUN dnf install -y gcc\nFROM alpine\n"), Lines{});
}

TEST(RpmCache, CleanAllOrRemovedCacheIsSilent) {
  EXPECT_EQ(
      lines("DF065",
            "FROM centos\nRUN yum install -y httpd && yum clean all\n"
            "RUN microdnf install -y jq && rm -rf /var/cache/yum\nRUN zypper -n in vim && zypper clean -a\n"),
      Lines{});
}

TEST(PipCache, FiresWithInsertAfterInstall) {
  std::string df = "FROM python\nRUN pip install flask\nRUN python3 -m pip install gunicorn\n";
  auto run = run_check("DF066", df);
  ASSERT_EQ(where(run), (Strings{"2:9-16", "3:20-27"}));
  expect_edit(run.findings[1], 3, 27, 3, 27, " --no-cache-dir");
  std::string fixed = apply_fixes(df, run);
  EXPECT_EQ(fixed,
            "FROM python\nRUN pip install --no-cache-dir flask\nRUN python3 -m pip install --no-cache-dir "
            "gunicorn\n");
  EXPECT_EQ(lines("DF066", fixed), Lines{});
}

// Regression (testdriven.io Django Dockerfile): pip accepts the unambiguous prefix --no-cache for
// --no-cache-dir.
TEST(PipCache, NoCachePrefixIsSilent) {
  EXPECT_EQ(lines("DF066", "FROM python\nRUN pip install --no-cache /wheels/*\n"), Lines{});
}

TEST(PipCache, EnvCacheMountAndBuilderStageAreSilent) {
  EXPECT_EQ(lines("DF066",
                  "FROM python AS build\nRUN pip install build\nFROM python\nENV PIP_NO_CACHE_DIR=1\n"
                  "RUN pip install flask\n"),
            Lines{});
  EXPECT_EQ(lines("DF066",
                  "FROM python\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n"
                  "RUN PIP_NO_CACHE_DIR=off pip install x\n"),
            Lines{});
}

TEST(NonInteractive, MissingYesFiresWithInsert) {
  std::string df =
      "FROM debian\nRUN apt-get install curl\nFROM fedora\nRUN dnf install httpd\n"
      "FROM opensuse/leap\nRUN zypper install vim\n";
  auto run = run_check("DF067", df);
  ASSERT_EQ(where(run), (Strings{"2:13-20", "4:9-16", "6:12-19"}));
  expect_edit(run.findings[0], 2, 20, 2, 20, " -y");
  std::string fixed = apply_fixes(df, run);
  EXPECT_TRUE(contains(fixed, "RUN apt-get install -y curl\n"));
  EXPECT_EQ(lines("DF067", fixed), Lines{});
}

TEST(NonInteractive, YesQuietLevelTwoAndZypperGlobalFlagAreSilent) {
  EXPECT_EQ(lines("DF067",
                  "FROM debian\nRUN apt-get -qq install curl && apt-get --yes install git && apt-get -q -q "
                  "install jq\nRUN yes | apt-get install vim\nFROM fedora\nRUN yum install -y httpd\n"
                  "FROM opensuse/leap\nRUN zypper --non-interactive install vim\n"),
            Lines{});
}

TEST(AptInScripts, FiresAtEachAptWithAReplacement) {
  std::string df = "FROM debian\nRUN apt update && apt install -y curl\n";
  auto run = run_check("DF068", df);
  ASSERT_EQ(where(run), (Strings{"2:5-8", "2:19-22"}));
  expect_edit(run.findings[0], 2, 5, 2, 8, "apt-get");
  std::string fixed = apply_fixes(df, run);
  EXPECT_EQ(fixed, "FROM debian\nRUN apt-get update && apt-get install -y curl\n");
  EXPECT_EQ(lines("DF068", fixed), Lines{});
}

TEST(AptInScripts, ListHasNoMechanicalFixAndAptGetIsSilent) {
  auto run = run_check("DF068", "FROM debian\nRUN apt list --installed\n");
  ASSERT_EQ(run.lines(), Lines{2});
  EXPECT_TRUE(run.findings[0].fix_edits.empty());
  EXPECT_EQ(lines("DF068", "FROM debian\nRUN apt-get update && apt-cache policy && echo apt\n"), Lines{});
}

TEST(BuildTools, CompilersInTheFinalImageFire) {
  auto run = run_check("DF069", "FROM debian\nRUN apt-get install -y gcc make libssl-dev curl\n");
  ASSERT_EQ(where(run), Strings{"2:24-27"});
  EXPECT_EQ(run.findings[0].evidence, "gcc, make, libssl-dev");
  EXPECT_EQ(run.findings[0].severity, Severity::kMedium);
}

TEST(BuildTools, ToolchainBaseImageFires) {
  auto run = run_check("DF069", "FROM golang:1.22 AS app\nRUN go build -o /app .\nCMD [\"/app\"]\n");
  ASSERT_EQ(where(run), Strings{"1:6-17"});
}

TEST(BuildTools, BuilderStageAndRemovedBuildDepsAreSilent) {
  EXPECT_EQ(lines("DF069",
                  "FROM golang:1.22 AS build\nRUN apt-get install -y gcc make\nFROM alpine\n"
                  "RUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps\n"
                  "RUN apt-get install -y git && apt-get purge -y git\n"),
            Lines{});
}

TEST(BuildTools, OfficialImageAptMarkIdiomIsSilent) {
  EXPECT_EQ(
      lines("DF069",
            "FROM debian\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get update; "
            "apt-get install -y --no-install-recommends gcc libc6-dev; make; apt-mark auto '.*' > /dev/null; "
            "apt-get purge -y --auto-remove\n"),
      Lines{});
}

TEST(Healthcheck, MissingInFinalImageFiresAtItsFrom) {
  auto run = run_check("DF070", "FROM alpine AS build\nHEALTHCHECK CMD true\nFROM alpine\nRUN true\n");
  ASSERT_EQ(where(run), Strings{"3:1-12"});
}

TEST(Healthcheck, NoneOrInheritedFromBaseStageIsSilent) {
  EXPECT_EQ(lines("DF070", "FROM alpine\nHEALTHCHECK NONE\n"), Lines{});
  EXPECT_EQ(lines("DF070", "FROM alpine AS base\nHEALTHCHECK CMD wget -q localhost\nFROM base\nRUN true\n"),
            Lines{});
}

TEST(OciLabels, DefaultProvenanceLabelsAreRequired) {
  auto run = run_check("DF071", "FROM alpine\nLABEL org.opencontainers.image.source=https://x/y\n");
  ASSERT_EQ(run.lines(), Lines{1});
  EXPECT_EQ(run.findings[0].evidence, "org.opencontainers.image.revision, org.opencontainers.image.created");
  EXPECT_EQ(run.findings[0].severity, Severity::kInfo);
}

TEST(OciLabels, PolicyListReplacesTheDefaults) {
  testing::CheckOptions opts;
  opts.policy.required_labels = {"team", "org.opencontainers.image.source"};
  EXPECT_EQ(
      run_check(
          "DF071",
          "FROM alpine AS base\nLABEL team=core\nFROM base\nLABEL \"org.opencontainers.image.source\"=x\n",
          opts)
          .lines(),
      Lines{});
  EXPECT_EQ(run_check("DF071", "FROM alpine\nLABEL team=core\n", opts).findings.at(0).evidence,
            "org.opencontainers.image.source");
}

TEST(Pipefail, PipeWithoutPipefailFiresOverThePipeline) {
  auto run = run_check("DF072", "FROM debian\nRUN curl -fsSL https://x | tar -xz\n");
  ASSERT_EQ(where(run), Strings{"2:5-35"});
  EXPECT_TRUE(contains(run.findings[0].message, "if `curl` fails"));
  EXPECT_EQ(lines("DF072", "FROM debian\nRUN curl -fsSL https://x | tar -xz && set -o pipefail\n"), Lines{2});
}

TEST(Pipefail, ShellOptionSetBeforeFeedersAndOtherShellsAreSilent) {
  EXPECT_EQ(lines("DF072",
                  "FROM debian AS a\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN curl x | sh\n"
                  "FROM a\nRUN wget -O- x | tar x\nFROM debian\nRUN set -o pipefail && curl x | tar x\n"
                  "RUN echo 'root:x' | chpasswd\nFROM mcr.microsoft.com/windows/servercore\n"
                  "SHELL [\"powershell\", \"-Command\"]\nRUN Get-Item x | Remove-Item\n"),
            Lines{});
}

TEST(CdInRun, LeadingCdFires) {
  auto run = run_check("DF073", "FROM debian\nRUN cd /app && make\n");
  ASSERT_EQ(where(run), Strings{"2:5-7"});
  EXPECT_TRUE(contains(run.findings[0].message, "WORKDIR /app"));
}

TEST(CdInRun, LaterOrNestedCdIsSilent) {
  EXPECT_EQ(lines("DF073", "FROM debian\nRUN make && cd /x && y\nRUN (cd /x && make)\nRUN cd /x\n"), Lines{});
}

TEST(CurlAndWget, BothInTheImageFireAtTheLaterOne) {
  auto run = run_check("DF074", "FROM debian\nRUN apt-get install -y curl wget\n");
  ASSERT_EQ(where(run), Strings{"2:29-33"});
  EXPECT_EQ(run.findings[0].message,
            "wget is installed here and curl is installed at line 2: two download tools where one does");
  EXPECT_EQ(lines("DF074", "FROM debian\nRUN curl -o a https://x\nRUN wget https://y\n"), Lines{3});
}

// Regression (official node image): curl and wget installed for one RUN and dropped by the
// `apt-mark auto '.*' && apt-get purge --auto-remove` idiom, or removed later, are not in the image.
TEST(CurlAndWget, PurgedOrRemovedInstallsDoNotCount) {
  EXPECT_EQ(lines("DF074",
                  "FROM debian\nRUN apt-get install -y curl wget && curl -fsSLO https://x && "
                  "apt-mark auto '.*' && apt-get purge -y --auto-remove\n"),
            Lines{});
  EXPECT_EQ(lines("DF074", "FROM debian\nRUN apt-get install -y curl wget\nRUN apt-get remove -y wget\n"),
            Lines{});
}

TEST(CurlAndWget, HealthcheckToolCountsAsUsed) {
  auto run = run_check(
      "DF074", "FROM debian\nRUN wget -q https://x\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://l\"]\n");
  ASSERT_EQ(run.lines(), Lines{3});
  EXPECT_EQ(run.findings[0].message,
            "curl is used here and wget is used at line 2: two download tools where one does");
}

TEST(CurlAndWget, OneToolOrOtherInBuilderIsSilent) {
  EXPECT_EQ(lines("DF074", "FROM debian AS b\nRUN wget x\nFROM debian\nRUN curl -fsS y\n"), Lines{});
}

TEST(UseraddLastlog, HighUidWithoutNoLogInitFiresWithInsert) {
  std::string df = "FROM debian\nRUN useradd -u 100000 app\nRUN useradd --uid=70000 -m b\n";
  auto run = run_check("DF075", df);
  ASSERT_EQ(where(run), (Strings{"2:5-12", "3:5-12"}));
  expect_edit(run.findings[0], 2, 12, 2, 12, " --no-log-init");
  std::string fixed = apply_fixes(df, run);
  EXPECT_EQ(
      fixed,
      "FROM debian\nRUN useradd --no-log-init -u 100000 app\nRUN useradd --no-log-init --uid=70000 -m b\n");
  EXPECT_EQ(lines("DF075", fixed), Lines{});
}

TEST(UseraddLastlog, LowUidOrFlagOrUnknownUidIsSilent) {
  EXPECT_EQ(
      lines("DF075",
            "FROM debian\nRUN useradd -u 1000 app\nRUN useradd -l -u 100000 b\nRUN useradd -u \"$UID\" c\n"),
      Lines{});
}

TEST(PointlessCommands, ServiceSystemctlShutdownEditor) {
  auto run =
      run_check("DF076",
                "FROM debian\nRUN service nginx start\nRUN systemctl enable nginx\nRUN shutdown -h now\n"
                "RUN vim /etc/x && mount -t tmpfs none /mnt\n");
  ASSERT_EQ(where(run), (Strings{"2:5-12", "3:5-14", "4:5-13", "5:5-8", "5:19-24"}));
  EXPECT_TRUE(contains(run.findings[0].message, "CMD or ENTRYPOINT"));
}

TEST(PointlessCommands, PackagesStatusAndSshAreSilent) {
  EXPECT_EQ(lines("DF076",
                  "FROM debian\nRUN apt-get install -y vim && service --status-all && mount\n"
                  "RUN ssh-keyscan github.com >> /root/.ssh/known_hosts && ssh -T git@github.com || true\n"),
            Lines{});
}

}  // namespace
}  // namespace customs
