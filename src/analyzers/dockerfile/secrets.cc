// Dockerfile checks: secrets (practice 5, "distribute secrets securely"). The check functions live in
// secret_names.cc, secret_values.cc, secret_files.cc and secret_runs.cc.
#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile/secret_rules.h"

namespace customs {

namespace {

constexpr Severity kH = Severity::kHigh;
constexpr Practice kS = Practice::kSecrets;

const DockerfileCheck kChecks[] = {
    {Rule{"DF040", kH, kS, "Secret-like ENV variable set to a literal value",
          "ENV values are stored in the image config: anyone who can pull the image reads them with "
          "`docker inspect`, and every container of the image inherits them.",
          "Pass the secret at run time (an orchestrator secret or a mounted file) and point the application "
          "at "
          "it, e.g. `ENV DB_PASSWORD_FILE=/run/secrets/db_password`; for build-time use, "
          "`RUN --mount=type=secret,id=db_password ...`.",
          "CIS Docker Benchmark 1.6 4.10", true},
     &check_secret_env},
    {Rule{
         "DF041", kH, kS, "Secret passed as a build argument",
         "Build-argument values are recorded in the image history (`docker history` shows them for every RUN "
         "that follows the ARG) and defaults are written in the Dockerfile itself.",
         "Use a build secret: `RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) "
         "npm ci`, built with `docker build --secret id=npm_token,env=NPM_TOKEN .`.",
         "CIS Docker Benchmark 1.6 4.10", true},
     &check_secret_arg},
    {Rule{"DF042", Severity::kCritical, kS, "Literal secret in the Dockerfile",
          "A key or token written in the Dockerfile is in source control, in build logs and in the image "
          "history or layers; anyone with any of those can use it until it is revoked.",
          "Revoke the credential now, then read it at build time from a secret mount: "
          "`RUN --mount=type=secret,id=token TOKEN=$(cat /run/secrets/token) ./fetch.sh`.",
          "NIST SP 800-190 4.1.4", true},
     &check_secret_values},
    {Rule{
         "DF043", kH, kS, "Credential file copied into the image",
         "Files such as SSH keys, .env files, cloud credentials and registry tokens copied with COPY/ADD "
         "stay "
         "in an image layer, where anyone who pulls the image can extract them.",
         "Do not copy the file; mount it only for the RUN that needs it: `RUN --mount=type=secret,id=npmrc,"
         "target=/root/.npmrc npm ci` or `RUN --mount=type=ssh git clone ...`, and list it in .dockerignore.",
         "CIS Docker Benchmark 1.6 4.10", true},
     &check_credential_copy},
    {Rule{
         "DF044", Severity::kMedium, kS, "Whole build context copied without a .dockerignore",
         "`COPY . .` copies everything in the context, including .git history, .env files and keys, into the "
         "image unless a .dockerignore excludes them.",
         "Add a .dockerignore beside the Dockerfile (e.g. `.git`, `.env*`, `*.pem`, `**/id_rsa*`), or copy "
         "only what the image needs: `COPY src/ ./src/`.",
         "customs", true},
     &check_whole_context_copy},
    {Rule{"DF045", Severity::kMedium, kS, "Command tracing in a RUN that reads a secret",
          "With `set -x` the shell prints every command with its arguments expanded, so a secret read into a "
          "variable or argument is written to the build log.",
          "Drop `-x` from RUN instructions that handle secrets (use `set -eu`), or turn it off around the "
          "secret: `set +x; TOKEN=$(cat /run/secrets/token); set -x`.",
          "customs", true},
     &check_trace_with_secret},
    {Rule{"DF046", kH, kS, "Password set at build time",
          "A password set in a RUN is the same in every container of the image, and the plain text or its "
          "hash "
          "is readable in the image history and /etc/shadow.",
          "Do not give image users passwords; lock them (`useradd -M -s /usr/sbin/nologin app`, `passwd -l "
          "root`) and set credentials at run time if a service needs them.",
          "CIS Docker Benchmark 1.6 4.10", true},
     &check_build_password},
    {Rule{"DF047", kH, kS, "Credential file deleted in a later layer",
          "Each instruction is its own layer: deleting a file in a later RUN only hides it, and it stays "
          "readable in the layer that added it.",
          "Never add the file: mount it for the one RUN that needs it, e.g. `RUN --mount=type=ssh git clone "
          "git@host:org/repo.git` or `RUN --mount=type=secret,id=key,target=/root/.ssh/id_rsa ...`.",
          "NIST SP 800-190 4.1.4", true},
     &check_removed_credential},
    {Rule{
         "DF048", kH, kS, "Build secret copied out of its mount",
         "A `--mount=type=secret` file exists only while its RUN runs; copying it elsewhere writes the "
         "secret "
         "into the layer, which defeats the secret mount.",
         "Read the secret where it is mounted, or mount it where the tool expects it: "
         "`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`; if a copy is unavoidable, delete it "
         "in the same RUN.",
         "customs", true},
     &check_secret_mount_copied},
};

}  // namespace

std::span<const DockerfileCheck> secret_checks() { return kChecks; }

}  // namespace customs
