// Dockerfile checks: the image supply chain (DF001-DF015). Rules are here; the functions are in
// supply_chain_image.cc, supply_chain_add.cc, supply_chain_shell.cc and supply_chain_tls.cc.
#include "analyzers/dockerfile/supply_chain_checks.h"

namespace customs {

namespace {

constexpr Severity H = Severity::kHigh;
constexpr Severity M = Severity::kMedium;
constexpr Severity L = Severity::kLow;
constexpr Severity I = Severity::kInfo;
constexpr Practice kSC = Practice::kSupplyChain;

const DockerfileCheck kChecks[] = {
    {Rule{"DF001", M, Practice::kRebuild, "Base image has no tag or digest",
          "Without a tag the image resolves to ':latest', which changes under you: two builds of the same "
          "Dockerfile get different bases, and a rebuild can silently pull a new major version.",
          "Name a version tag, and ideally a digest: FROM python:3.12-slim or "
          "FROM python:3.12-slim@sha256:<digest>.",
          "NIST SP 800-190 4.1.1; CIS Docker Benchmark 1.6 4.2"},
     &check_base_untagged},
    {Rule{"DF002", M, kSC, "Base image uses the 'latest' tag",
          "'latest' is a moving tag: builds are not reproducible and you cannot tell which base, with which "
          "vulnerabilities, an image was built from.",
          "Use a version tag (and a digest): FROM node:20.11-bookworm-slim instead of FROM node:latest.",
          "NIST SP 800-190 4.1.1; CIS Docker Benchmark 1.6 4.2"},
     &check_base_latest},
    {Rule{"DF003", L, kSC, "Base image is not pinned by digest",
          "A tag can be re-pushed to point at different content; only a digest names exactly the bytes "
          "you reviewed and scanned.",
          "Append the digest of the image you tested, and let a bot (Renovate, Dependabot) update it: "
          "FROM alpine:3.20@sha256:<digest>.",
          "NIST SP 800-190 4.1.1; SLSA Build L3", false},
     &check_base_digest},
    {Rule{"DF004", M, kSC, "Image comes from a registry that is not trusted",
          "Images pulled from registries outside your allowlist escape your review, scanning and signing "
          "policies, and typosquatted or look-alike registries are a known attack path.",
          "Mirror the image into a trusted registry and use that name (FROM registry.example.com/library/"
          "alpine:3.20), or add the registry to trusted_registries in customs.yaml.",
          "NIST SP 800-190 4.1.5; CIS Docker Benchmark 1.6 4.2"},
     &check_trusted_registry},
    {Rule{"DF005", M, kSC, "ADD downloads remote content without verifying it",
          "ADD fetches the URL at build time and trusts whatever the server returns; a compromised or "
          "changed download goes straight into the image. A git tag or branch can be moved the same way.",
          "Pin the content: ADD --checksum=sha256:<hash> https://example.com/tool.tar.gz /opt/, and for git "
          "sources a full commit: ADD https://github.com/org/repo.git#<40-hex commit> /src.",
          "NIST SP 800-190 4.1.5; CIS Docker Benchmark 1.6 4.9"},
     &check_add_unverified},
    {Rule{"DF006", L, kSC, "ADD used where COPY does the job",
          "ADD also fetches URLs and unpacks archives, so a file that happens to be an archive is silently "
          "extracted; COPY does only what it says.",
          "Replace ADD with COPY for local files and directories: COPY app.jar /app/.",
          "CIS Docker Benchmark 1.6 4.9"},
     &check_add_for_copy},
    {Rule{"DF007", H, kSC, "Remote script piped into a shell",
          "The script runs with the build's privileges straight from the network, with no checksum or "
          "signature; whoever controls the server or the connection controls the image.",
          "Download to a file, verify it, then run it: curl -fsSLo install.sh https://example.com/install.sh "
          "&& echo '<sha256>  install.sh' | sha256sum -c - && sh install.sh.",
          "NIST SP 800-190 4.1.5"},
     &check_pipe_to_shell},
    {Rule{"DF008", H, kSC, "TLS certificate verification turned off",
          "Without certificate checks anyone on the network path can swap what is downloaded, so the image "
          "may contain attacker-supplied code or packages.",
          "Remove the option (curl -k, wget --no-check-certificate, pip --trusted-host, strict-ssl false, "
          "NODE_TLS_REJECT_UNAUTHORIZED=0...) and install the CA certificate the server needs instead: "
          "COPY corp-ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates.",
          "NIST SP 800-190 4.1.5"},
     &check_tls_disabled},
    {Rule{"DF009", H, kSC, "Package signature verification turned off",
          "The package manager will install packages nobody signed, so a tampered mirror or a "
          "man-in-the-middle can inject arbitrary packages.",
          "Drop the option (--allow-unauthenticated, --force-yes, --allow-untrusted, --nogpgcheck, "
          "gpgcheck=0, [trusted=yes]) and import the repository's signing key: "
          "curl -fsSL https://repo.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg.",
          "NIST SP 800-190 4.1.5"},
     &check_signatures_disabled},
    {Rule{"DF010", M, kSC, "pip --extra-index-url allows dependency confusion",
          "pip picks the highest version from all indexes, so anyone who publishes your internal package "
          "name on PyPI with a higher version gets their code installed.",
          "Use a single index that proxies PyPI (--index-url https://pypi.internal/simple), or pin hashes "
          "with pip install --require-hashes -r requirements.txt.",
          "NIST SP 800-190 4.1.5; customs"},
     &check_extra_index_url},
    {Rule{"DF011", M, kSC, "Whole file system copied from another stage or image",
          "Copying '/' brings along package caches, build tools, credentials and everything else in that "
          "stage, and hides what the final image really contains.",
          "Copy only the artifacts you need: COPY --from=builder /app/bin/server /usr/local/bin/server.",
          "NIST SP 800-190 4.1.2; customs"},
     &check_whole_fs_copy},
    {Rule{"DF012", L, Practice::kBenchmarks, "FROM --platform fixed to one platform",
          "A hard-coded platform makes multi-platform builds silently produce wrong-architecture stages "
          "that run under emulation, or fail.",
          "Use the build platform variables: FROM --platform=$BUILDPLATFORM golang:1.22 AS build, or drop "
          "--platform and pass --platform to docker build.",
          "customs"},
     &check_fixed_platform},
    {Rule{"DF013", L, kSC, "Language packages installed without a version",
          "Unpinned pip, npm, gem or go installs take whatever version is newest at build time: builds are "
          "not reproducible and a malicious new release is installed automatically.",
          "Pin exact versions (pip install requests==2.32.3, npm install -g typescript@5.4.5, "
          "gem install rake -v 13.2.1, go install golang.org/x/tools/gopls@v0.15.3) or install from a "
          "lock file.",
          "NIST SP 800-190 4.1.5", false},
     &check_unpinned_lang_packages},
    {Rule{"DF014", I, kSC, "OS packages installed without a version",
          "Unpinned OS packages make rebuilds pull different versions; pinning trades that for stale "
          "packages, so this is off by default.",
          "Pin versions: apt-get install -y curl=7.88.1-10+deb12u5, apk add curl=8.5.0-r0, "
          "dnf install -y curl-7.76.1.",
          "customs", false},
     &check_unpinned_os_packages},
    {Rule{"DF015", M, kSC, "Download over plain HTTP",
          "Content fetched over http:// can be read and replaced by anyone on the network path; unless it "
          "is verified afterwards, the image trusts an attacker.",
          "Use https:// URLs (ADD https://..., curl -fsSL https://..., pip --index-url https://..., "
          "deb https://...), or verify the download with a checksum or signature.",
          "NIST SP 800-190 4.1.5"},
     &check_plain_http},
};

}  // namespace

std::span<const DockerfileCheck> supply_chain_checks() { return kChecks; }

}  // namespace customs
