// Dockerfile checks: structure. Mistakes in the shape of a Dockerfile that make the build fail,
// make an instruction silently ineffective, or make the container misbehave at run time.
#include "analyzers/dockerfile/structure_checks.h"

namespace customs {

namespace {

using namespace structure;  // NOLINT(google-build-using-namespace)

constexpr Practice kBench = Practice::kBenchmarks;

const DockerfileCheck kChecks[] = {
    {Rule{"DF080", Severity::kLow, kBench, "Several CMD instructions in one stage",
          "Only the last CMD of a stage takes effect; the earlier ones are dead code that misleads readers "
          "about what the container runs.",
          "Keep one CMD per stage, e.g. delete `CMD [\"npm\", \"test\"]` and keep `CMD [\"node\", "
          "\"server.js\"]`.",
          "customs"},
     &several_cmd},
    {Rule{"DF081", Severity::kLow, kBench, "Several ENTRYPOINT instructions in one stage",
          "Only the last ENTRYPOINT of a stage takes effect; the earlier ones are dead code.",
          "Keep one ENTRYPOINT per stage, e.g. `ENTRYPOINT [\"/usr/local/bin/app\"]`.", "customs"},
     &several_entrypoint},
    {Rule{"DF082", Severity::kLow, kBench, "Several HEALTHCHECK instructions in one stage",
          "Only the last HEALTHCHECK takes effect, so the probe that runs may not be the one you reviewed.",
          "Keep one HEALTHCHECK per stage, e.g. `HEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]`.",
          "customs"},
     &several_healthcheck},
    {Rule{"DF083", Severity::kMedium, kBench, "CMD or ENTRYPOINT in shell form in the final image",
          "The shell form runs the process under `/bin/sh -c` as PID 1; the shell does not forward SIGTERM, "
          "so "
          "the application is killed after the stop timeout instead of shutting down cleanly.",
          "Use the exec (JSON) form, e.g. `CMD [\"node\", \"server.js\"]`, or start the shell form with "
          "`exec`.",
          "Docker build checks: JSONArgsRecommended"},
     &shell_form_process},
    {Rule{"DF084", Severity::kLow, kBench, "Relative WORKDIR without an absolute one before it",
          "A relative WORKDIR is resolved against the base image's working directory, which can change "
          "between base image versions and moves files to unexpected places.",
          "Use an absolute path, e.g. `WORKDIR /app`.", "Docker build checks: WorkdirRelativePath"},
     &relative_workdir},
    {Rule{"DF085", Severity::kMedium, kBench, "--from names no earlier stage",
          "A `--from` value that looks like a stage alias but matches none makes BuildKit pull an image of "
          "that name from a registry (often a typo, and a supply-chain risk); one naming the current or a "
          "later "
          "stage fails the build.",
          "Name an earlier stage, e.g. `COPY --from=builder /out/app /app`, or a full image reference.",
          "customs"},
     &bad_from_reference},
    {Rule{"DF086", Severity::kMedium, kBench, "Duplicate stage name",
          "Stage names must be unique (case-insensitive); BuildKit rejects the Dockerfile.",
          "Rename one of the stages, e.g. `FROM golang:1.22 AS build-api` and `FROM node:20 AS build-web`.",
          "Docker build checks: DuplicateStageName"},
     &duplicate_stage},
    {Rule{"DF087", Severity::kLow, kBench, "MAINTAINER is deprecated",
          "MAINTAINER is deprecated and its value is not exposed as an OCI annotation that tools read.",
          "Use a label, e.g. `LABEL org.opencontainers.image.authors=\"team@example.com\"`.",
          "Docker build checks: MaintainerDeprecated"},
     &maintainer},
    {Rule{"DF088", Severity::kMedium, kBench, "Invalid EXPOSE value",
          "EXPOSE takes container ports (1-65535) with an optional /tcp, /udp or /sctp; a port mapping or a "
          "bad "
          "value fails the build or documents a port the container never listens on.",
          "Expose the container port only, e.g. `EXPOSE 8080/tcp`, and publish it with `docker run -p "
          "80:8080`.",
          "customs"},
     &invalid_expose},
    {Rule{"DF089", Severity::kMedium, kBench, "COPY/ADD with several sources to a destination without '/'",
          "With more than one source the destination must be a directory ending in '/'; otherwise the build "
          "fails.",
          "End the destination with '/', e.g. `COPY package.json package-lock.json /app/`.", "customs"},
     &copy_dest_slash},
    {Rule{
         "DF090", Severity::kLow, kBench, "Variable used but never declared",
         "A variable that no ARG or ENV declares expands to an empty string, which silently changes the base "
         "image, a path or a user.",
         "Declare it before use, e.g. `ARG VERSION=1.2.3` (before FROM when FROM uses it; again inside the "
         "stage "
         "for other instructions).",
         "Docker build checks: UndefinedVar, UndefinedArgInFrom"},
     &undefined_variable},
    {Rule{"DF091", Severity::kMedium, kBench, "Reserved word used as a stage name",
          "`scratch` and `context` have special meanings in FROM and --from; a stage with that name is "
          "rejected or shadows them.",
          "Choose another alias, e.g. `FROM alpine:3.20 AS base`.", "Docker build checks: ReservedStageName"},
     &reserved_stage},
    {Rule{"DF092", Severity::kMedium, kBench, "Exec form that is not valid JSON",
          "Arguments written like a JSON array but not valid JSON (single quotes, missing quotes) are run as "
          "a "
          "shell command string, which fails or runs something other than intended.",
          "Use double quotes, e.g. `CMD [\"python\", \"app.py\"]`.", "customs"},
     &broken_exec_form},
    {Rule{"DF093", Severity::kMedium, kBench, "ONBUILD with a forbidden instruction",
          "ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER; builds from this image fail.",
          "Remove the trigger or use an allowed instruction, e.g. `ONBUILD COPY . /app/`.", "customs"},
     &onbuild_forbidden},
    {Rule{"DF094", Severity::kInfo, kBench, "Stage not used by the final stage",
          "Nothing the final image is built from uses this stage: it is dead code (the legacy builder still "
          "builds it), or a COPY --from that should name it is missing.",
          "Delete the stage, or use it, e.g. `COPY --from=assets /dist /srv/`.", "customs"},
     &unused_stage},
    {Rule{"DF095", Severity::kMedium, kBench, "SHELL not in JSON form",
          "SHELL only accepts the JSON form; anything else fails the build.",
          "Write it as a JSON array, e.g. `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`.",
          "Dockerfile reference: SHELL"},
     &shell_not_json},
    {Rule{"DF096", Severity::kInfo, kBench, "Instruction keywords in mixed case",
          "Mixing `from` and `FROM` makes a Dockerfile harder to read and to search.",
          "Write every keyword in one case, upper case by convention, e.g. `RUN`, `COPY`.",
          "Docker build checks: ConsistentInstructionCasing"},
     &keyword_casing},
    {Rule{"DF097", Severity::kInfo, kBench, "FROM and AS keywords in different case",
          "`FROM image as name` mixes keyword cases, which makes the file inconsistent.",
          "Match the case of FROM, e.g. `FROM golang:1.22 AS build`.", "Docker build checks: FromAsCasing"},
     &from_as_casing},
};

}  // namespace

std::span<const DockerfileCheck> structure_checks() { return kChecks; }

}  // namespace customs
