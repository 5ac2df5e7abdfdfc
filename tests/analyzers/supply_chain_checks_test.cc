// Supply-chain checks DF001-DF015: each fires on a Dockerfile with the problem, located at the
// offending word, and stays silent on near misses.
#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile_check_util.h"
#include "core/strings.h"

namespace customs {
namespace {

using testing::CheckOptions;
using testing::CheckRun;
using Lines = std::vector<int>;
using Strings = std::vector<std::string>;

const auto check = [](auto&&... args) { return testing::run_check(args...); };

using testing::where;

using testing::messages;

Lines lines(std::string_view id, std::string_view dockerfile) { return check(id, dockerfile).lines(); }

CheckOptions trusting(std::vector<std::string> registries) {
  CheckOptions o;
  o.policy.trusted_registries = std::move(registries);
  return o;
}

TEST(SupplyChainTable, EveryRuleIsDescribedAndFindable) {
  auto checks = supply_chain_checks();
  ASSERT_EQ(checks.size(), 15u);
  for (const auto& c : checks) {
    EXPECT_FALSE(c.rule.title.empty()) << c.rule.id;
    EXPECT_FALSE(c.rule.why.empty()) << c.rule.id;
    EXPECT_FALSE(c.rule.fix.empty()) << c.rule.id;
    EXPECT_FALSE(c.rule.source.empty()) << c.rule.id;
    EXPECT_NE(c.run, nullptr) << c.rule.id;
    EXPECT_EQ(find_dockerfile_rule(c.rule.id), &c.rule);
  }
  EXPECT_FALSE(find_dockerfile_rule("DF003")->enabled_by_default);
  EXPECT_FALSE(find_dockerfile_rule("DF013")->enabled_by_default);
  EXPECT_FALSE(find_dockerfile_rule("DF014")->enabled_by_default);
  EXPECT_EQ(find_dockerfile_rule("DF001")->practice, Practice::kRebuild);
  EXPECT_EQ(find_dockerfile_rule("DF012")->practice, Practice::kBenchmarks);
}

// DF001 ---------------------------------------------------------------------------------------

TEST(BaseUntagged, FiresOnTheImageWord) {
  auto run = check("DF001", "FROM --platform=$BUILDPLATFORM ubuntu AS build\nFROM build\n");
  EXPECT_EQ(where(run), Strings{"1:32-38"});
  EXPECT_EQ(messages(run), Strings{"base image 'ubuntu' has no tag or digest, so it means 'ubuntu:latest'"});
}

TEST(BaseUntagged, ResolvesArgDefaultsAndRegistryPorts) {
  EXPECT_EQ(lines("DF001", "ARG IMG=debian\nFROM $IMG\n"), Lines{2});
  EXPECT_EQ(lines("DF001", "FROM localhost:5000/app\nFROM localhost:5000/app:1.0\n"), Lines{1});
}

TEST(BaseUntagged, SilentOnTagsDigestsScratchStagesAndUnknownArgs) {
  EXPECT_EQ(lines("DF001", "FROM alpine:3.20 AS a\nFROM a\nFROM scratch\n"), Lines{});
  EXPECT_EQ(
      lines("DF001", "FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"),
      Lines{});
  EXPECT_EQ(lines("DF001", "ARG BASE\nFROM ${BASE}\n"), Lines{});
  EXPECT_EQ(lines("DF001", "ARG V\nFROM alpine:${V}\n"), Lines{});
}

// DF002 / DF003 -------------------------------------------------------------------------------

TEST(BaseLatest, FiresOnLatestOnly) {
  auto run = check("DF002", "FROM node:latest AS build\nFROM nginx:1.27\n");
  EXPECT_EQ(where(run), Strings{"1:6-17"});
  EXPECT_EQ(messages(run), Strings{"base image 'node:latest' uses the moving 'latest' tag"});
  EXPECT_EQ(lines("DF002", "ARG TAG=latest\nFROM python:${TAG}\n"), Lines{2});
}

TEST(BaseLatest, SilentWhenADigestPinsIt) {
  EXPECT_EQ(
      lines("DF002",
            "FROM node:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"),
      Lines{});
  EXPECT_EQ(lines("DF002", "FROM node\nFROM node:20\n"), Lines{});
}

TEST(BaseDigest, FiresOnEveryExternalBaseWithoutDigest) {
  auto run = check("DF003",
                   "FROM golang:1.22 AS build\n"
                   "FROM gcr.io/distroless/static@sha256:"
                   "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
                   "FROM build\nFROM scratch\n");
  EXPECT_EQ(run.lines(), Lines{1});
  EXPECT_EQ(messages(run), Strings{"base image 'golang:1.22' is not pinned by an @sha256 digest"});
}

// DF004 ---------------------------------------------------------------------------------------

TEST(TrustedRegistry, SilentWithoutAPolicy) {
  EXPECT_EQ(lines("DF004", "FROM quay.io/acme/app:1\n"), Lines{});
}

TEST(TrustedRegistry, ReportsFromCopyFromAndMountFromImages) {
  auto run = check("DF004",
                   "FROM alpine:3.20 AS base\n"
                   "FROM ghcr.io/acme/app:1\n"
                   "COPY --from=quay.io/x/y:1 /a /b\n"
                   "COPY --from=base /etc/passwd /etc/passwd\n"
                   "RUN --mount=type=bind,from=busybox:1.36,target=/m true\n",
                   trusting({"ghcr.io"}));
  EXPECT_EQ(where(run), (Strings{"1:6-17", "3:6-26", "5:5-50"}));
  EXPECT_EQ(run.findings[0].message,
            "FROM image 'alpine:3.20' comes from registry 'docker.io', which is not in trusted_registries "
            "(ghcr.io)");
  EXPECT_EQ(
      run.findings[1].message,
      "COPY --from image 'quay.io/x/y:1' comes from registry 'quay.io', which is not in trusted_registries "
      "(ghcr.io)");
}

TEST(TrustedRegistry, DockerHubAliasesAreOneRegistry) {
  const char* df =
      "FROM alpine:3.20\nFROM index.docker.io/library/debian:12\nFROM registry-1.docker.io/x/y:1\n";
  EXPECT_EQ(check("DF004", df, trusting({"docker.io"})).lines(), Lines{});
  EXPECT_EQ(check("DF004", df, trusting({"index.docker.io"})).lines(), Lines{});
  EXPECT_EQ(check("DF004", df, trusting({"docker.io/library"})).lines(), Lines{3});
}

TEST(TrustedRegistry, PathPrefixesMatchWholeComponents) {
  const char* df = "FROM ghcr.io/acme/app:1\nFROM ghcr.io/acmeevil/app:1\nFROM GHCR.IO/acme/tool:2\n";
  EXPECT_EQ(check("DF004", df, trusting({"ghcr.io/acme"})).lines(), Lines{2});
}

TEST(TrustedRegistry, UnresolvedAndScratchAreSilent) {
  EXPECT_EQ(check("DF004", "ARG REG\nFROM ${REG}/app:1\nFROM scratch\nCOPY --from=${REG} /a /b\n",
                  trusting({"ghcr.io"}))
                .lines(),
            Lines{});
}

// DF005 / DF006 -------------------------------------------------------------------------------

TEST(AddUnverified, ReportsUrlsWithoutChecksumAndUnpinnedGit) {
  auto run = check("DF005",
                   "FROM a\n"
                   "ADD https://example.com/tool.tar.gz /opt/\n"
                   "ADD https://github.com/moby/buildkit.git#v0.10.1 /src\n"
                   "ADD git@github.com:acme/app.git /app\n");
  EXPECT_EQ(where(run), (Strings{"2:5-36", "3:5-49", "4:5-32"}));
  EXPECT_EQ(messages(run),
            (Strings{"ADD downloads https://example.com/tool.tar.gz without --checksum",
                     "ADD clones https://github.com/moby/buildkit.git#v0.10.1 at a tag or branch, "
                     "which can be moved",
                     "ADD clones git@github.com:acme/app.git without pinning a commit"}));
}

TEST(AddUnverified, SilentOnChecksumsCommitsAndLocalFiles) {
  EXPECT_EQ(lines("DF005",
                  "FROM a\n"
                  "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
                  "https://example.com/tool.tar.gz /opt/\n"
                  "ADD https://github.com/moby/buildkit.git#4c4ebc9d8a8d5a3f2a1c1bd2a4b5f4e6d7c8b9a0 /src\n"
                  "ADD app.tar.gz /app/\n"),
            Lines{});
}

TEST(AddForCopy, FiresOnLocalFilesWithAFixThatKeepsTheCase) {
  auto run = check("DF006", "FROM a\nADD app.jar /app/\nadd --chown=1:1 src/ /src\nAdd . /x\n");
  ASSERT_EQ(where(run), (Strings{"2:1-4", "3:1-4", "4:1-4"}));
  EXPECT_EQ(run.findings[0].message,
            "ADD of local 'app.jar' (no URL, no archive to unpack): COPY does the same");
  ASSERT_EQ(run.findings[0].fix_edits.size(), 1u);
  const TextEdit& e = run.findings[0].fix_edits[0];
  EXPECT_EQ(std::make_tuple(e.line, e.column, e.end_line, e.end_column, e.replacement),
            std::make_tuple(2, 1, 2, 4, std::string("COPY")));
  ASSERT_EQ(run.findings[1].fix_edits.size(), 1u);
  EXPECT_EQ(run.findings[1].fix_edits[0].replacement, "copy");
  ASSERT_EQ(run.findings[2].fix_edits.size(), 1u);
  EXPECT_EQ(run.findings[2].fix_edits[0].replacement, "Copy");
}

TEST(AddForCopy, SilentOnArchivesUrlsGitAndUnknownArgs) {
  EXPECT_EQ(lines("DF006",
                  "FROM a\nARG SRC\nADD rootfs.tar.xz /\nADD https://example.com/x /x\n"
                  "ADD https://github.com/a/b.git /b\nADD ${SRC} /s\nADD dist.tgz lib.tar /opt/\n"),
            Lines{});
}

TEST(AddForCopy, NoFixWhenAFlagCopyLacksIsPresent) {
  auto run = check("DF006", "FROM a\nADD --keep-git-dir=true app.jar /app/\n");
  ASSERT_EQ(run.lines(), Lines{2});
  EXPECT_TRUE(run.findings[0].fix_edits.empty());
}

// DF011 / DF012 -------------------------------------------------------------------------------

TEST(WholeFsCopy, FiresOnRootSourceFromStageOrImage) {
  auto run = check("DF011",
                   "FROM alpine:3.20 AS builder\nFROM scratch\nCOPY --from=builder / /\n"
                   "COPY --from=busybox:1.36 / /rootfs\n");
  EXPECT_EQ(where(run), (Strings{"3:21-22", "4:26-27"}));
  EXPECT_EQ(messages(run),
            (Strings{"COPY --from=builder copies the whole file system of stage 'builder'",
                     "COPY --from=busybox:1.36 copies the whole file system of image 'busybox:1.36'"}));
}

TEST(WholeFsCopy, SilentOnSelectedPathsAndContextCopies) {
  EXPECT_EQ(lines("DF011", "FROM a AS builder\nFROM b\nCOPY --from=builder /app /app\nCOPY . /\n"), Lines{});
}

TEST(FixedPlatform, FiresOnLiteralPlatformOnly) {
  auto run = check("DF012",
                   "FROM --platform=linux/amd64 alpine:3.20 AS a\n"
                   "FROM --platform=$BUILDPLATFORM golang:1.22 AS b\nFROM alpine:3.20\n");
  EXPECT_EQ(where(run), Strings{"1:6-28"});
  EXPECT_EQ(messages(run), Strings{"FROM --platform=linux/amd64 fixes stage 'a' to one platform"});
}

// DF007 ---------------------------------------------------------------------------------------

TEST(PipeToShell, CurlIntoSudoBashSpansBothCommands) {
  auto run = check("DF007", "FROM a\nRUN curl -fsSL https://get.example.com | sudo -E bash -\n");
  EXPECT_EQ(where(run), Strings{"2:5-54"});
  EXPECT_EQ(messages(run), Strings{"curl output is piped into bash: the downloaded script runs unverified"});
  EXPECT_EQ(run.findings[0].evidence, "curl -fsSL https://get.example.com | sudo -E bash -");
}

TEST(PipeToShell, WgetToStdoutProcessSubstitutionAndCommandSubstitution) {
  auto run =
      check("DF007",
            "FROM a\n"
            "RUN wget -qO- https://x.io/i.sh | sh\n"
            "RUN bash <(curl -s https://x.io/i.sh)\n"
            "RUN sh -c \"$(curl -fsSL https://x.io/i.sh)\"\n"
            "RUN curl -sSL https://x.io/get.py | python3 -\n"
            "RUN curl -sSL https://x.io/i.sh | tee /tmp/i.sh | bash -s -- --yes\n"
            "RUN python3 <(curl -fsSL https://x.io/get.py) && eval \"$(wget -qO- https://x.io/env)\"\n");
  EXPECT_EQ(where(run), (Strings{"2:5-37", "3:5-38", "4:11-44", "5:5-44", "6:5-55", "7:5-46", "7:55-86"}));
  EXPECT_EQ(run.findings[1].message, "bash runs a script read from a process substitution that downloads it");
  EXPECT_EQ(run.findings[2].message,
            "sh runs a script fetched by \"$(curl -fsSL https://x.io/i.sh)\": the downloaded script runs "
            "unverified");
}

TEST(PipeToShell, SilentWhenTheDownloadIsNotExecutedFromTheStream) {
  EXPECT_EQ(
      lines("DF007",
            "FROM a\n"
            "RUN curl -fsSLo install.sh https://x.io/i.sh && sh install.sh\n"
            "RUN curl -fsSL https://x.io/a.tgz | tar -xz -C /opt\n"
            "RUN curl -s https://api.x.io/v | python3 -c 'import json,sys; print(json.load(sys.stdin))'\n"
            "RUN wget -q https://x.io/i.sh | sh\n"
            "RUN curl -s https://x.io/i.sh | bash ./local.sh\n"
            "RUN diff <(sort a) <(sort b)\n"),
      Lines{});
}

// DF008 ---------------------------------------------------------------------------------------

TEST(TlsDisabled, CommandFlagsAndSettings) {
  auto run = check("DF008",
                   "FROM a\n"
                   "RUN curl -fsSLk https://a.io/x -o x\n"
                   "RUN wget --no-check-certificate https://a.io/x\n"
                   "RUN pip install --trusted-host pypi.org flask==3.0.0\n"
                   "RUN git -c http.sslVerify=false clone https://g.io/r.git\n"
                   "RUN git config --global http.sslVerify false\n"
                   "RUN npm config set strict-ssl false && yarn config set strict-ssl false\n"
                   "RUN composer config --global disable-tls true\n"
                   "RUN curl --insecure https://a.io\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4, 5, 6, 7, 7, 8, 9}));
  EXPECT_EQ(where(run)[0], "2:10-16");
  EXPECT_EQ(where(run)[2], "4:17-31");
  EXPECT_EQ(where(run)[3], "5:12-32");
  EXPECT_EQ(run.findings[0].message, "curl turns off TLS certificate verification with -fsSLk");
  EXPECT_EQ(run.findings[3].message, "git turns off TLS certificate verification with http.sslVerify=false");
}

TEST(TlsDisabled, EnvironmentSettingsInEnvArgAndCommandPrefixes) {
  auto run = check("DF008",
                   "FROM a\n"
                   "ENV NODE_TLS_REJECT_UNAUTHORIZED=0\n"
                   "RUN PYTHONHTTPSVERIFY=0 python fetch.py\n"
                   "ENV GIT_SSL_NO_VERIFY=true NPM_CONFIG_STRICT_SSL=false\n"
                   "ARG PIP_TRUSTED_HOST=pypi.org\n"
                   "RUN export npm_config_strict_ssl=false && npm ci\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4, 4, 5, 6}));
  EXPECT_EQ(where(run)[0], "2:5-35");
  EXPECT_EQ(where(run)[1], "3:5-24");
  EXPECT_EQ(run.findings[0].message, "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS certificate verification");
}

TEST(TlsDisabled, SilentOnVerifyingSettingsAndLookalikes) {
  EXPECT_EQ(lines("DF008",
                  "FROM a\n"
                  "ENV NODE_TLS_REJECT_UNAUTHORIZED=1 GIT_SSL_NO_VERIFY=false\n"
                  "ARG PIP_TRUSTED_HOST\n"
                  "RUN curl -u keith:secret https://a.io && curl -fsSL -K cfg https://a.io\n"
                  "RUN git config --global http.sslVerify true && npm config set strict-ssl true\n"
                  "RUN wget -k https://a.io/page.html\n"),
            Lines{});
}

// DF009 ---------------------------------------------------------------------------------------

TEST(SignaturesDisabled, PackageManagerFlags) {
  auto run = check("DF009",
                   "FROM a\n"
                   "RUN apt-get install -y --allow-unauthenticated curl\n"
                   "RUN apt-get install -y --force-yes curl\n"
                   "RUN apk add --allow-untrusted /tmp/x.apk\n"
                   "RUN yum install -y --nogpgcheck x && dnf install -y --nogpgcheck y\n"
                   "RUN rpm -i --nosignature /tmp/x.rpm\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4, 5, 5, 6}));
  EXPECT_EQ(where(run)[0], "2:24-47");
  EXPECT_EQ(run.findings[0].message,
            "apt-get installs without checking package signatures (--allow-unauthenticated)");
}

TEST(SignaturesDisabled, RepositoryConfigurationWrittenByRunOrHeredoc) {
  auto run = check("DF009",
                   "FROM a\n"
                   "RUN echo 'gpgcheck=0' >> /etc/yum.repos.d/x.repo\n"
                   "RUN echo \"deb [trusted=yes] https://r.io/ ./\" > /etc/apt/sources.list.d/r.list\n"
                   "RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y x\n"
                   "RUN dnf install -y --setopt=gpgcheck=0 x\n"
                   "COPY <<EOF /etc/yum.repos.d/acme.repo\n"
                   "[acme]\n"
                   "gpgcheck = 0\n"
                   "EOF\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4, 5, 8}));
  EXPECT_EQ(where(run)[0], "2:10-22");
  EXPECT_EQ(run.findings[0].message, "package signature checks are turned off (gpgcheck=0)");
  EXPECT_EQ(run.findings[4].message, "package signature checks are turned off (gpgcheck = 0)");
}

TEST(SignaturesDisabled, SilentOnSignedConfigurations) {
  EXPECT_EQ(
      lines("DF009",
            "FROM a\n"
            "RUN echo 'gpgcheck=1' >> /etc/yum.repos.d/x.repo && echo 'repo_gpgcheck=0' >> /etc/dnf.conf\n"
            "RUN echo \"deb [signed-by=/k.gpg] https://r.io/ ./\" > /etc/apt/sources.list.d/r.list\n"
            "RUN apt-get install -y --no-install-recommends curl\n"),
      Lines{});
}

// DF010 ---------------------------------------------------------------------------------------

TEST(ExtraIndexUrl, FlagsAndEnvironment) {
  auto run = check("DF010",
                   "FROM a\n"
                   "RUN pip install --extra-index-url https://pkgs.acme.io/simple acme-lib==1.0\n"
                   "RUN python3 -m pip install --extra-index-url=https://p.io/simple x==1\n"
                   "ENV PIP_EXTRA_INDEX_URL=https://pkgs.acme.io/simple\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4}));
  EXPECT_EQ(where(run)[0], "2:17-34");
  EXPECT_EQ(run.findings[0].message, "pip uses an extra index (--extra-index-url) next to PyPI");
  EXPECT_EQ(run.findings[2].message,
            "PIP_EXTRA_INDEX_URL adds the extra index https://pkgs.acme.io/simple next to PyPI");
}

TEST(ExtraIndexUrl, SilentOnASingleIndex) {
  EXPECT_EQ(
      lines(
          "DF010",
          "FROM a\nRUN pip install --index-url https://pkgs.acme.io/simple x==1\nARG PIP_EXTRA_INDEX_URL\n"),
      Lines{});
}

// DF013 / DF014 -------------------------------------------------------------------------------

TEST(UnpinnedLanguagePackages, PipNpmGemGo) {
  auto run = check("DF013",
                   "FROM a\n"
                   "RUN pip install requests flask==3.0.0 \"django>=4\"\n"
                   "RUN npm install -g typescript @angular/cli@17.3.0 npm@latest\n"
                   "RUN gem install rake\n"
                   "RUN go install golang.org/x/tools/gopls@latest\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4, 5}));
  EXPECT_EQ(where(run)[0], "2:17-25");
  EXPECT_EQ(messages(run), (Strings{"pip installs requests, django>=4 without a version pin",
                                    "npm installs typescript, npm@latest without a version pin",
                                    "gem installs rake without a version pin",
                                    "go installs golang.org/x/tools/gopls@latest without a version pin"}));
}

TEST(UnpinnedLanguagePackages, SilentOnPinsFilesAndLocalInstalls) {
  EXPECT_EQ(
      lines(
          "DF013",
          "FROM a\n"
          "RUN pip install -r requirements.txt . ./wheels/x.whl requests==2.32.3 \"x @ https://x.io/x.whl\"\n"
          "RUN pip install -c constraints.txt flask\n"
          "RUN npm install express && npm ci && npm install -g typescript@5.4.5\n"
          "RUN gem install rake -v 13.2.1 && go install ./cmd/... && go install x.io/y@v1.2.3\n"),
      Lines{});
}

TEST(UnpinnedOsPackages, ReportsTheUnpinnedNames) {
  auto run = check("DF014",
                   "FROM a\n"
                   "RUN apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39.2-1.1\n"
                   "RUN apk add --no-cache bash curl=8.5.0-r0\n"
                   "RUN yum install -y nginx httpd-2.4.57\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4}));
  EXPECT_EQ(messages(run),
            (Strings{"apt-get installs curl without a version", "apk installs bash without a version",
                     "yum installs nginx without a version"}));
}

TEST(UnpinnedOsPackages, SilentWhenPinned) {
  EXPECT_EQ(
      lines("DF014",
            "FROM a\n"
            "RUN apt-get install -y curl=7.88.1-10 ./local.deb && apk add --virtual .deps gcc=12.2.1-r4\n"
            "RUN dnf install -y nginx-1.20.1 && pip install flask\n"),
      Lines{});
}

// DF015 ---------------------------------------------------------------------------------------

TEST(PlainHttp, DownloadsAddIndexesAndAptSources) {
  auto run = check("DF015",
                   "FROM a\n"
                   "RUN curl -fsSLO http://example.com/tool.tgz\n"
                   "ADD http://example.com/tool.tgz /opt/\n"
                   "RUN pip install --index-url http://pypi.acme.io/simple x==1\n"
                   "ENV PIP_INDEX_URL=http://pypi.acme.io/simple\n"
                   "RUN echo \"deb http://deb.debian.org/debian bookworm main\" > /etc/apt/sources.list\n"
                   "RUN git clone http://git.acme.io/r.git\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(where(run)[0], "2:17-44");
  EXPECT_EQ(where(run)[1], "3:5-32");
  EXPECT_EQ(where(run)[4], "6:10-58");
  EXPECT_EQ(run.findings[0].message, "curl fetches http://example.com/tool.tgz over plain HTTP");
  EXPECT_EQ(run.findings[4].message, "an apt source uses plain HTTP (deb http://deb.debian.org)");
}

TEST(PlainHttp, SilentOnHttpsLoopbackAndVerifiedAdd) {
  EXPECT_EQ(lines("DF015",
                  "FROM a\n"
                  "RUN curl -fsSL https://example.com/x && curl http://localhost:8080/health\n"
                  "RUN wget http://127.0.0.1:9000/x && echo http://example.com\n"
                  "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
                  "http://example.com/x.tgz /x\n"
                  "RUN echo \"deb http://localhost/debian bookworm main\" > /etc/apt/sources.list\n"),
            Lines{});
}

}  // namespace
}  // namespace customs
