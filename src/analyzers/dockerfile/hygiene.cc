// Dockerfile checks: rebuild and hygiene. The check functions live in hygiene_packages.cc,
// hygiene_caches.cc, hygiene_image.cc and hygiene_shell.cc.
#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile/hygiene_rules.h"

namespace customs {

namespace {

constexpr Severity kL = Severity::kLow;
constexpr Severity kI = Severity::kInfo;
constexpr Severity kM = Severity::kMedium;
constexpr Practice kRebuild = Practice::kRebuild;
constexpr Practice kBench = Practice::kBenchmarks;

const DockerfileCheck kChecks[] = {
    {Rule{"DF060", kM, kRebuild, "Package index updated in a different RUN than the install",
          "A RUN that only refreshes the package index is cached as a layer; later builds reuse that old "
          "index, "
          "so installs in later RUNs get outdated (or no longer downloadable) packages.",
          "Update and install in one RUN: `RUN apt-get update && apt-get install -y --no-install-recommends "
          "curl && rm -rf /var/lib/apt/lists/*`.",
          "CIS Docker Benchmark 1.6 4.7", true},
     &check_index_update_alone},
    {Rule{
         "DF061", kL, kRebuild, "Full package upgrade inside the image",
         "Upgrading every package in a RUN makes the result depend on the day of the build, bloats the layer "
         "and hides that the base image is out of date.",
         "Rebuild from a fresh, patched base image instead (`docker build --pull`), and pin the base by "
         "digest "
         "with automated updates; install only named packages.",
         "customs", true},
     &check_full_upgrade},
    {Rule{"DF062", kL, kBench, "apt-get install without --no-install-recommends",
          "apt installs recommended packages by default, adding software the image does not need and attack "
          "surface with it.",
          "Add the flag: `apt-get install -y --no-install-recommends curl`.", "CIS Docker Benchmark 1.6 4.3",
          true},
     &check_install_recommends},
    {Rule{"DF063", kL, kBench, "apt package lists left in the image",
          "The lists fetched by `apt-get update` stay in the layer, adding tens of megabytes and a stale "
          "index.",
          "Remove them in the same RUN: `RUN apt-get update && apt-get install -y curl && rm -rf "
          "/var/lib/apt/lists/*`, or use `--mount=type=cache,target=/var/lib/apt`.",
          "CIS Docker Benchmark 1.6 4.3", true},
     &check_apt_lists_kept},
    {Rule{"DF064", kL, kBench, "apk add without --no-cache",
          "Without --no-cache apk keeps its package index in /var/cache/apk inside the layer.",
          "Use `apk add --no-cache curl`.", "CIS Docker Benchmark 1.6 4.3", true},
     &check_apk_cache},
    {Rule{
         "DF065", kL, kBench, "yum/dnf/zypper cache left in the image",
         "yum, dnf, microdnf and zypper keep metadata and downloaded packages under /var/cache, which then "
         "ship "
         "in the layer.",
         "Clean in the same RUN: `RUN dnf install -y httpd && dnf clean all` (zypper: `zypper clean --all`).",
         "CIS Docker Benchmark 1.6 4.3", true},
     &check_rpm_cache},
    {Rule{"DF066", kL, kBench, "pip install without --no-cache-dir",
          "pip keeps downloaded wheels in ~/.cache/pip, which ships in the layer.",
          "Use `pip install --no-cache-dir -r requirements.txt`, set `ENV PIP_NO_CACHE_DIR=1`, or use "
          "`--mount=type=cache,target=/root/.cache/pip`.",
          "CIS Docker Benchmark 1.6 4.3", true},
     &check_pip_cache},
    {Rule{"DF067", kL, kRebuild, "Package manager may prompt for confirmation",
          "Without -y the package manager asks for confirmation; a build has no terminal, so it aborts or "
          "depends on defaults.",
          "Answer up front: `apt-get install -y curl`, `dnf install -y curl`, `zypper --non-interactive "
          "install "
          "curl`.",
          "customs", true},
     &check_noninteractive},
    {Rule{"DF068", kL, kRebuild, "apt used in a script",
          "apt is the interactive front end: its output and behaviour may change between releases and it "
          "warns "
          "that its CLI is not stable for scripts.",
          "Use apt-get (or apt-cache for search/show): `apt-get install -y curl`.", "customs", true},
     &check_apt_in_scripts},
    {Rule{"DF069", kM, Practice::kSupplyChain, "Compilers or build tools in the final image",
          "Compilers, headers and VCS tools in the shipped image are not needed to run it: they add size and "
          "vulnerabilities and let an attacker build tools inside a compromised container.",
          "Use a multi-stage build: install build tools in a `FROM ... AS build` stage and `COPY "
          "--from=build` "
          "only the artifacts into a slim final stage.",
          "NIST SP 800-190 4.1.1", true},
     &check_build_tools_shipped},
    {Rule{"DF070", kL, kBench, "No HEALTHCHECK in the final image",
          "Without a HEALTHCHECK the engine cannot tell a hung container from a healthy one and will not "
          "report "
          "or replace it.",
          "Add one, e.g. `HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8080/health "
          "|| "
          "exit 1`, or `HEALTHCHECK NONE` to state that the orchestrator probes it.",
          "CIS Docker Benchmark 1.6 4.6", true},
     &check_healthcheck_missing},
    {Rule{"DF071", kI, kRebuild, "OCI provenance labels missing",
          "Without source, revision and creation labels nobody can trace an image back to the commit it was "
          "built from or tell when it is due for a rebuild.",
          "Label the final stage: `LABEL org.opencontainers.image.source=https://github.com/org/repo "
          "org.opencontainers.image.revision=$GIT_SHA org.opencontainers.image.created=$BUILD_DATE`.",
          "customs", false},
     &check_oci_labels},
    {Rule{"DF072", kL, kRebuild, "Pipe in RUN without pipefail",
          "A pipeline's exit status is the last command's: `curl -fsSL url | tar -xz` succeeds even when the "
          "download fails, and the build goes on with a broken image.",
          "Set pipefail for every RUN: `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUN, "
          "or "
          "start the script with `set -o pipefail &&`.",
          "customs", true},
     &check_pipefail},
    {Rule{"DF073", kI, kRebuild, "cd in RUN instead of WORKDIR",
          "`cd` lasts only until the end of its RUN, so later instructions silently run elsewhere; WORKDIR "
          "states "
          "the directory once for all of them.",
          "Replace `RUN cd /app && make` with `WORKDIR /app` followed by `RUN make`.", "customs", true},
     &check_cd_in_run},
    {Rule{"DF074", kI, kRebuild, "Both curl and wget in the image",
          "Two tools that do the same job double the size and the vulnerabilities to track.",
          "Pick one and use it everywhere, e.g. replace `wget -qO- url` with `curl -fsSL url`.", "customs",
          true},
     &check_curl_and_wget},
    {Rule{
         "DF075", kL, kRebuild, "useradd with a large UID and without --no-log-init",
         "useradd records the user in /var/log/lastlog and faillog at an offset of the UID; with a large UID "
         "these sparse files are written out in full in the layer, adding gigabytes.",
         "Add -l: `useradd --no-log-init -u 100000 app`.", "customs", true},
     &check_useradd_lastlog},
    {Rule{"DF076", kL, kRebuild, "Command that makes no sense in an image build",
          "Builds run without a terminal, an init system or privileges: shutting down, starting services or "
          "opening an editor in RUN does nothing useful or hangs the build.",
          "Remove the command: start services from CMD or ENTRYPOINT (e.g. replace `RUN service nginx start` "
          "with "
          "`CMD [\"nginx\", \"-g\", \"daemon off;\"]`) and edit files with `sed -i` or COPY.",
          "customs", true},
     &check_pointless_commands},
};

}  // namespace

std::span<const DockerfileCheck> hygiene_checks() { return kChecks; }

}  // namespace customs
