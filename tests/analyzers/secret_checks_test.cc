// Secret checks DF040-DF048: each fires on a Dockerfile with the mistake, located precisely, never
// shows a secret unmasked, and stays silent on a near miss.
#include "analyzers/dockerfile/check.h"

#include <gtest/gtest.h>

#include "analyzers/dockerfile/secret_rules.h"
#include "analyzers/dockerfile_check_util.h"
#include "core/strings.h"

namespace customs {
namespace {

using testing::run_check;
using Lines = std::vector<int>;
using Strings = std::vector<std::string>;

using testing::where;

Lines lines(std::string_view id, std::string_view dockerfile, bool has_dockerignore = true) {
  testing::CheckOptions opts;
  opts.has_dockerignore = has_dockerignore;
  return run_check(id, dockerfile, opts).lines();
}

TEST(SecretTable, NineRulesWithTextAndSources) {
  auto checks = secret_checks();
  ASSERT_EQ(checks.size(), 9u);
  for (const auto& c : checks) {
    EXPECT_EQ(c.rule.practice, Practice::kSecrets) << c.rule.id;
    EXPECT_FALSE(c.rule.title.empty()) << c.rule.id;
    EXPECT_FALSE(c.rule.why.empty()) << c.rule.id;
    EXPECT_TRUE(contains(c.rule.fix, "`")) << c.rule.id << " fix needs an example";
    EXPECT_FALSE(c.rule.source.empty()) << c.rule.id;
    EXPECT_EQ(find_dockerfile_rule(c.rule.id), &c.rule);
  }
  EXPECT_EQ(find_dockerfile_rule("DF042")->severity, Severity::kCritical);
}

TEST(SecretNames, WholeSegmentsOnly) {
  EXPECT_TRUE(is_secret_like_name("DB_PASSWORD"));
  EXPECT_TRUE(is_secret_like_name("GITHUB_TOKEN"));
  EXPECT_TRUE(is_secret_like_name("AWS_SECRET_ACCESS_KEY"));
  EXPECT_TRUE(is_secret_like_name("STRIPE_API_KEY"));
  EXPECT_TRUE(is_secret_like_name("apiKey"));
  EXPECT_TRUE(is_secret_like_name("GOOGLE_CREDENTIALS"));
  EXPECT_FALSE(is_secret_like_name("ACCESS_LOG"));
  EXPECT_FALSE(is_secret_like_name("KEYCLOAK_URL"));
  EXPECT_FALSE(is_secret_like_name("BYPASS_CACHE"));
  EXPECT_FALSE(is_secret_like_name("PWD"));
}

TEST(SecretNames, PointersAndPublicKeysAreAllowed) {
  EXPECT_FALSE(is_secret_like_name("GPG_KEY"));
  EXPECT_FALSE(is_secret_like_name("GPG_KEYS"));
  EXPECT_FALSE(is_secret_like_name("DB_PASSWORD_FILE"));
  EXPECT_FALSE(is_secret_like_name("TOKEN_URL"));
  EXPECT_FALSE(is_secret_like_name("SECRET_PATH"));
  EXPECT_FALSE(is_secret_like_name("AUTH_USER"));
  EXPECT_FALSE(is_secret_like_name("AWS_ACCESS_KEY_ID"));
  EXPECT_FALSE(is_secret_like_name("TOKEN_VERSION"));
}

TEST(SecretEnv, LiteralValueFiresMaskedAtThePair) {
  auto run = run_check("DF040", "FROM alpine\nENV APP=1 DB_PASSWORD=\"hunter2hunter2\"\n");
  ASSERT_EQ(where(run), Strings{"2:11-39"});
  const Finding& f = run.findings[0];
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_EQ(f.evidence, "DB_PASSWORD=hu************");
  EXPECT_FALSE(contains(f.message, "hunter2"));
  EXPECT_TRUE(contains(f.message, "image config"));
}

TEST(SecretEnv, LegacyFormAndBuilderStage) {
  auto run = run_check("DF040", "FROM alpine AS build\nENV API_KEY abcdef123456\nFROM alpine\n");
  ASSERT_EQ(run.lines(), Lines{2});
  EXPECT_TRUE(contains(run.findings[0].message, "builder stage"));
}

TEST(SecretEnv, FingerprintFollowsTheValue) {
  auto a = run_check("DF040", "FROM alpine\nENV TOKEN=aaaaaaaaaaaa\n");
  auto b = run_check("DF040", "FROM alpine\nRUN true\nENV TOKEN=aaaaaaaaaaaa\n");
  auto c = run_check("DF040", "FROM alpine\nENV TOKEN=bbbbbbbbbbbb\n");
  ASSERT_EQ(a.findings.size(), 1u);
  ASSERT_EQ(b.findings.size(), 1u);
  ASSERT_EQ(c.findings.size(), 1u);
  EXPECT_EQ(a.findings[0].fingerprint, b.findings[0].fingerprint);
  EXPECT_NE(a.findings[0].fingerprint, c.findings[0].fingerprint);
}

TEST(SecretEnv, NearMissesAreSilent) {
  EXPECT_EQ(
      lines(
          "DF040",
          "FROM alpine\nARG NPM_TOKEN\n"
          "ENV GPG_KEY=B42F6819007F00F88E364FD4036A9C25BF357DD4 ACCESS_LOG=/var/log/a KEYCLOAK_URL=http://k\n"
          "ENV DB_PASSWORD_FILE=/run/secrets/db DB_PASSWORD= TOKEN=$NPM_TOKEN AUTH_ENABLED=true\n"
          "ENV PRIVATE_KEY=/etc/ssl/private/key.pem SECRET=${UNSET}\n"),
      Lines{});
}

TEST(SecretArg, DefaultValueFires) {
  auto run = run_check("DF041", "FROM alpine\nARG GITHUB_TOKEN=abc123def456\n");
  ASSERT_EQ(where(run), Strings{"2:5-30"});
  EXPECT_EQ(run.findings[0].evidence, "GITHUB_TOKEN=ab**********");
  EXPECT_TRUE(contains(run.findings[0].message, "default"));
}

TEST(SecretArg, UseInRunOrEnvFiresWithTheLine) {
  auto run =
      run_check("DF041",
                "FROM node\nARG NPM_TOKEN\nARG SSH_KEY\nRUN echo \"//r/:_authToken=${NPM_TOKEN}\" > .npmrc\n"
                "ENV SSH_KEY=$SSH_KEY\n");
  ASSERT_EQ(where(run), (Strings{"2:5-14", "3:5-12"}));
  EXPECT_TRUE(contains(run.findings[0].message, "used by RUN at line 4"));
  EXPECT_TRUE(contains(run.findings[1].message, "copied into ENV at line 5"));
}

TEST(SecretArg, UnusedNameOnlyOrBenignArgIsSilent) {
  EXPECT_EQ(
      lines("DF041",
            "ARG DEPLOY_TOKEN\nFROM alpine\nARG NPM_TOKEN\nARG GPG_KEY=ABCDEF\nRUN echo $NPM_TOKEN_URL\n"
            "ARG TOKEN_VERSION=3\nFROM alpine\nRUN echo $NPM_TOKEN\n"),
      Lines{});
}

TEST(SecretValues, FindsEachKindOnce) {
  auto found = find_secret_values(
      "AKIAZ7VRSQ5TQKJ7MNOP ghp_abcdefghijklmnopqrstuvwxyz0123456789 glpat-abcdefghij0123456789 "
      "xoxb-1234567890-abcdef sk_live_abcdefghijklmnopqrstuvwx AIzaSyA1234567890abcdefghijklmnopqrstuv "
      "https://user:s3cr3tpw@host/x //registry/:_authToken=Qx7vR2mK9pL4wT8nZ3");
  Strings kinds;
  for (const auto& m : found) kinds.push_back(m.kind);
  // The kinds are the shared engine's rule titles; the made-up ghp_ token fails GitHub's checksum.
  EXPECT_EQ(kinds, (Strings{"AWS access key id", "GitHub token with a checksum that does not verify",
                            "GitLab personal access token", "Slack token", "Stripe live secret key",
                            "Google API key", "Password in a URL", "Registry auth token in .npmrc"}));
}

TEST(SecretValues, JwtNeedsAnAlgHeader) {
  // {"alg":"HS256","typ":"JWT"} . {"sub":"1"} . signature
  std::string jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl";
  ASSERT_EQ(find_secret_values("Authorization: Bearer " + jwt).size(), 1u);
  EXPECT_EQ(find_secret_values("Bearer " + jwt)[0].kind, "JSON Web Token");
  // {"foo":"bar"} as a header is not a JWT.
  EXPECT_TRUE(find_secret_values("eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl").empty());
}

TEST(SecretValues, AwsKeysInEnvAndRunAreLocatedAndMasked) {
  auto run = run_check("DF042",
                       "FROM alpine\nENV AWS_ACCESS_KEY_ID=AKIAZ7VRSQ5TQKJ7MNOP\n"
                       "RUN export AWS_SECRET_ACCESS_KEY=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\n");
  ASSERT_EQ(where(run), (Strings{"2:23-43", "3:34-74"}));
  EXPECT_EQ(run.findings[0].evidence, "AKIA**************OP");
  EXPECT_EQ(run.findings[1].evidence, "Zx9/**********************************Gh");
  EXPECT_EQ(run.findings[0].severity, Severity::kCritical);
  EXPECT_TRUE(contains(run.findings[1].message, "AWS secret access key"));
}

// Known gap of the shared engine: the AWS secret key rule wants '=' or ':' after the name, so the
// space-separated form of `aws configure set` is not found (the old DF042 table found it).
TEST(SecretValues, AwsConfigureSetSecretKey) {
  auto run =
      run_check("DF042",
                "FROM alpine\n"
                "RUN aws configure set aws_secret_access_key Zx9/8Kq2mNvB4tY7uP1wE6rT3yU0iO5pA8sD2fGh\n");
  EXPECT_EQ(where(run), (Strings{"2:45-85"}));
}

TEST(SecretValues, PrivateKeyInHeredocAndTokenInUrl) {
  auto run = run_check(
      "DF042",
      "FROM alpine\nCOPY <<EOF /root/.ssh/id_rsa\n-----BEGIN OPENSSH PRIVATE KEY-----\n"
      "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMw==\n"
      "-----END OPENSSH PRIVATE KEY-----\nEOF\n"
      "RUN git clone https://x-access-token:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r\n");
  // The engine reports the key material after the header (a bare header is not a key).
  ASSERT_EQ(where(run), (Strings{"4:1-59", "7:38-78"}));
  EXPECT_EQ(run.findings[0].evidence, "b3Bl" + std::string(52, '*') + "Mw");
  EXPECT_TRUE(contains(run.findings[0].message, "OpenSSH private key"));
  EXPECT_TRUE(contains(run.findings[1].message, "GitHub token"));  // the specific kind wins over the URL
}

TEST(SecretValues, ExamplesPlaceholdersAndVariablesAreSilent) {
  EXPECT_EQ(lines("DF042",
                  "FROM alpine\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"
                  "ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
                  "RUN curl https://user:$PASSWORD@host/x https://${U}:${P}@h/ https://u:<password>@h/\n"
                  "RUN echo '//registry/:_authToken=${NPM_TOKEN}' > .npmrc\n"),
            Lines{});
}

TEST(CredentialCopy, KeysEnvAndCloudCredentialsFire) {
  auto run = run_check("DF043",
                       "FROM alpine\nCOPY id_rsa .env config/ /app/\nADD .aws/credentials /root/.aws/\n"
                       "COPY --chown=app secrets/server.key terraform.tfvars /etc/\n");
  ASSERT_EQ(where(run), (Strings{"2:6-12", "2:13-17", "3:5-21", "4:18-36", "4:37-53"}));
  EXPECT_TRUE(contains(run.findings[0].message, "SSH private key"));
  EXPECT_TRUE(contains(run.findings[0].message, "the shipped image"));
  EXPECT_EQ(run.findings[1].evidence, ".env");
}

TEST(CredentialCopy, PublicKeysCertsAndTemplatesAreSilent) {
  EXPECT_EQ(lines("DF043",
                  "FROM alpine\nCOPY id_rsa.pub .env.example .env.sample ca.pem tls-cert.pem server.crt /x/\n"
                  "COPY nodesource.gpg.key app.py /y/\n"),
            Lines{});
}

TEST(CredentialCopy, CertificateNamedPemIsSilentButKeyPemFires) {
  EXPECT_EQ(lines("DF043", "FROM alpine\nCOPY fullchain.pem /a/\nCOPY privkey.pem /b/\n"), Lines{3});
}

TEST(WholeContext, CopyDotWithoutDockerignoreFires) {
  testing::CheckOptions opts;
  opts.has_dockerignore = false;
  auto run = run_check("DF044", "FROM node\nWORKDIR /app\nCOPY --chown=node . .\n", opts);
  ASSERT_EQ(where(run), Strings{"3:19-20"});
  EXPECT_EQ(run.findings[0].evidence, "COPY .");
  EXPECT_EQ(lines("DF044", "FROM node\nADD ./ /app\n", false), Lines{2});
}

TEST(WholeContext, SilentWithDockerignoreFromStageOrInBuilder) {
  EXPECT_EQ(lines("DF044", "FROM node\nCOPY . .\n", true), Lines{});
  EXPECT_EQ(lines("DF044",
                  "FROM node AS build\nWORKDIR /src\nCOPY . .\nFROM nginx\n"
                  "COPY --from=build /src/dist /usr/share/nginx/\nCOPY --from=build /usr/lib/x /x\n",
                  false),
            Lines{});
  EXPECT_EQ(lines("DF044", "FROM node\nCOPY src/ ./src/\n", false), Lines{});
}

// Regression (Rails generator Dockerfile): the build stage copies the context into its WORKDIR
// (inherited from its base stage) and the final stage copies that directory whole.
TEST(WholeContext, BuilderCopyTakenWholeByTheFinalStageFires) {
  auto run = run_check("DF044",
                       "FROM ruby AS base\nWORKDIR /rails\nFROM base AS build\nCOPY . .\nFROM base\n"
                       "COPY --from=build /rails /rails\n",
                       {.has_dockerignore = false});
  ASSERT_EQ(where(run), Strings{"4:6-7"});
  EXPECT_EQ(run.findings[0].message,
            "COPY . copies the whole build context into /rails of stage 'build', which COPY --from at line 6 "
            "takes into the final image, and there is no .dockerignore: .git, .env files and keys in the "
            "context go into the image");
  EXPECT_EQ(lines("DF044", "FROM node AS b\nCOPY . /app/\nFROM node\nCOPY --from=b / /\n", false), Lines{2});
  EXPECT_EQ(lines("DF044", "FROM node AS b\nCOPY . /app/\nFROM node\nCOPY --from=b / /\n", true), Lines{});
}

TEST(TraceWithSecret, SetXInRunWithSecretMount) {
  auto run =
      run_check("DF045",
                "FROM alpine\nRUN --mount=type=secret,id=npm set -eux && T=$(cat /run/secrets/npm) npm ci\n"
                "RUN set -x && curl -H \"Authorization: $API_TOKEN\" https://x\n");
  ASSERT_EQ(where(run), (Strings{"2:36-40", "3:9-11"}));
  EXPECT_TRUE(contains(run.findings[0].message, "secret mount id=npm"));
  EXPECT_TRUE(contains(run.findings[1].message, "variable API_TOKEN"));
}

TEST(TraceWithSecret, BashXAndTracingShell) {
  auto run = run_check("DF045",
                       "FROM alpine\nRUN --mount=type=secret,id=t bash -xc 'make K=$(cat /run/secrets/t)'\n"
                       "SHELL [\"/bin/sh\", \"-xc\"]\nRUN --mount=type=secret,id=t,env=TOK make KEY=$TOK\n");
  ASSERT_EQ(where(run), (Strings{"2:35-38", "4:1-51"}));
  EXPECT_TRUE(contains(run.findings[1].message, "SHELL at line 3"));
}

TEST(TraceWithSecret, NoTraceOrNoSecretIsSilent) {
  EXPECT_EQ(lines("DF045",
                  "FROM alpine\nRUN --mount=type=secret,id=npm set -eu && npm ci\nRUN set -x && make\n"
                  "RUN set -x && echo $TOKEN_URL\n"),
            Lines{});
}

// Regression (pip/npm config as a secret file): tracing cannot print a secret that only the tool
// reads from its mount, so a script that never names the mount target or env variable is silent.
TEST(TraceWithSecret, SecretReadOnlyByTheToolIsSilent) {
  EXPECT_EQ(lines("DF045",
                  "FROM python\nRUN --mount=type=secret,id=pip_conf,target=/etc/pip.conf set -eux && "
                  "pip install -r requirements.txt\n"
                  "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc bash -xc 'npm ci'\n"),
            Lines{});
  EXPECT_EQ(lines("DF045",
                  "FROM python\nRUN --mount=type=secret,id=pip_conf,target=/etc/pip.conf set -eux && "
                  "cat /etc/pip.conf\n"),
            Lines{2});
}

TEST(BuildPassword, ChpasswdPasswdStdinUseraddAndOpenssl) {
  auto run = run_check("DF046",
                       "FROM debian\nRUN echo 'root:toor' | chpasswd\nRUN echo pw | passwd --stdin app\n"
                       "RUN useradd -m -p '$6$salt$hash' app\nRUN openssl passwd -6 secret\n");
  ASSERT_EQ(where(run), (Strings{"2:24-32", "3:15-21", "4:16-18", "5:13-19"}));
  EXPECT_EQ(run.findings[2].evidence, "useradd -p");
}

TEST(BuildPassword, LockedUsersAndBuilderStagesAreSilent) {
  EXPECT_EQ(lines("DF046",
                  "FROM debian AS build\nRUN echo 'root:x' | chpasswd\nFROM debian\n"
                  "RUN useradd -p '*' app && passwd -l root && passwd -d app && usermod -p '!' app\n"),
            Lines{});
}

TEST(RemovedCredential, RmInLaterRunNamesTheAddingLine) {
  auto run = run_check("DF047",
                       "FROM alpine\nCOPY id_rsa /root/.ssh/id_rsa\nRUN git clone git@h:o/r\n"
                       "RUN rm -f /root/.ssh/id_rsa\n");
  ASSERT_EQ(where(run), Strings{"4:11-28"});
  EXPECT_TRUE(contains(run.findings[0].message, "added by COPY at line 2"));
}

TEST(RemovedCredential, DirectoryAndRedirectWrittenKeys) {
  auto run = run_check("DF047",
                       "FROM alpine\nCOPY .ssh /root/.ssh\nRUN echo \"$KEY\" > /tmp/deploy.pem\n"
                       "RUN make && rm -rf ~/.ssh /tmp/deploy.pem\n");
  ASSERT_EQ(where(run), (Strings{"4:20-26", "4:27-42"}));
  EXPECT_TRUE(contains(run.findings[1].message, "added by RUN at line 3"));
}

TEST(RemovedCredential, UnrelatedRmAndSameRunAreSilent) {
  EXPECT_EQ(lines("DF047",
                  "FROM alpine\nCOPY app.tar /tmp/\nRUN rm /tmp/app.tar\n"
                  "RUN echo \"$KEY\" > /root/.ssh/id_rsa && git clone x && rm /root/.ssh/id_rsa\n"
                  "FROM alpine\nRUN rm -f /root/.ssh/id_rsa\n"),
            Lines{});
}

TEST(SecretMountCopied, CpAndCatRedirectFire) {
  auto run =
      run_check("DF048",
                "FROM node\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci\n"
                "RUN --mount=type=secret,id=k,target=/k cat /k > /etc/app.key\n");
  ASSERT_EQ(where(run), (Strings{"2:34-68", "3:40-61"}));
  EXPECT_TRUE(contains(run.findings[0].message, "/run/secrets/npmrc to /root/.npmrc"));
  EXPECT_TRUE(contains(run.findings[1].message, "/k to /etc/app.key"));
}

TEST(SecretMountCopied, ReadInPlaceOrDeletedInSameRunIsSilent) {
  EXPECT_EQ(lines("DF048",
                  "FROM node\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n"
                  "RUN --mount=type=secret,id=n cp /run/secrets/n ~/.npmrc && npm ci && rm -f ~/.npmrc\n"
                  "RUN cp /run/secrets/x /y\n"),
            Lines{});
}

}  // namespace
}  // namespace customs
