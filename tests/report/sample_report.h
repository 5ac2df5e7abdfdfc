#pragma once
// A fixed ScanReport shared by the reporter tests and rendered into the golden files under
// tests/testdata/golden/report.*: two files (one path with a space), every severity, one
// suppressed finding, one whole-file finding, one diagnostic, and a rule that ran without findings.
//
// Regenerate the goldens after an intended output change with
//   CUSTOMS_UPDATE_GOLDENS=1 ./build-<you>/tests/test_<reporter>
// and review the diff before committing it.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "report/report.h"

namespace customs::testing {

inline const Rule kSecretEnv{
    "T101",
    Severity::kCritical,
    Practice::kSecrets,
    "Secret in an ENV instruction",
    "Values set with ENV are stored in the image configuration, where anyone who can "
    "pull the image can read them",
    "Pass the secret at build time with RUN --mount=type=secret and at run time from a "
    "secret store",
    "NIST SP 800-190 4.1.4"};
inline const Rule kRootUser{
    "T102",
    Severity::kHigh,
    Practice::kLeastPrivilege,
    "Container runs as root",
    "A process that runs as root in the container is root on the host once it escapes "
    "the container",
    "Add a USER instruction with a non-root user after the packages are installed",
    "CIS Docker 4.1"};
inline const Rule kUnpinnedBase{"T103",
                                Severity::kMedium,
                                Practice::kSupplyChain,
                                "Base image is not pinned to a digest",
                                "A tag can be moved to another image at any time, so the build is not "
                                "reproducible and can pull in content nobody reviewed",
                                "Pin the base image by digest: FROM image:tag@sha256:<digest>",
                                "CIS Docker 4.2"};
inline const Rule kNoHealthcheck{
    "T104",
    Severity::kLow,
    Practice::kBenchmarks,
    "No HEALTHCHECK instruction",
    "Without a health check the container runtime cannot tell a hung service from "
    "a working one, so it is never restarted and traffic keeps going to it",
    "Add a HEALTHCHECK instruction that probes the service",
    "CIS Docker 4.6"};
inline const Rule kAptLists{"T105",
                            Severity::kInfo,
                            Practice::kRebuild,
                            "Package lists are kept in the image",
                            "The apt package lists add size to every image built from this layer",
                            "Remove /var/lib/apt/lists/* in the same RUN instruction",
                            ""};
inline const Rule kRemoteAdd{"T106",
                             Severity::kHigh,
                             Practice::kSupplyChain,
                             "ADD fetches a remote URL",
                             "Content fetched by ADD is not verified",
                             "Download with a checksum check instead",
                             "CIS Docker 4.9"};

inline Finding make_finding(const Rule& rule, Location loc, std::string message, std::string evidence,
                            std::string fingerprint) {
  Finding f;
  f.rule = &rule;
  f.severity = rule.severity;
  f.location = std::move(loc);
  f.message = std::move(message);
  f.evidence = std::move(evidence);
  f.fingerprint = std::move(fingerprint);
  return f;
}

inline ScanReport sample_report() {
  ScanReport r;
  r.tool_version = "0.1.0";
  r.command = "dockerfile";
  const std::string web = "services/web app/Dockerfile";
  r.targets = {{"Dockerfile", "dockerfile", true}, {web, "dockerfile", true}};
  r.rules = {&kSecretEnv, &kRootUser, &kUnpinnedBase, &kNoHealthcheck, &kAptLists, &kRemoteAdd};
  r.findings.push_back(make_finding(kUnpinnedBase, {"Dockerfile", 1, 1, 1, 17},
                                    "Base image \"python:3.12\" is referenced by tag only",
                                    "FROM python:3.12", "3f1c0a9e5b7d2468ace013579bdf2468"));
  r.findings.push_back(
      make_finding(kSecretEnv, {"Dockerfile", 4, 5, 4, 67},
                   "ENV sets AWS_SECRET_ACCESS_KEY to what looks like an AWS secret access key",
                   "ENV AWS_SECRET_ACCESS_KEY=wJal**********************************EY",
                   "9a8b7c6d5e4f30211203948576afbecd"));
  r.findings.push_back(make_finding(kNoHealthcheck, {"Dockerfile"}, "The final stage has no HEALTHCHECK", "",
                                    "00ff11ee22dd33cc44bb55aa66997788"));
  Finding suppressed = make_finding(kRootUser, {web, 3, 1, 3, 7}, "USER 0 switches to root", "USER 0",
                                    "5555aaaa5555aaaa5555aaaa5555aaaa");
  suppressed.suppressed = true;
  suppressed.suppression_kind = "inline pragma";
  suppressed.suppression_reason = "the entrypoint drops privileges with gosu";
  r.findings.push_back(suppressed);
  Finding apt =
      make_finding(kAptLists, {web, 5, 1, 5, 46}, "apt-get update runs without removing the lists",
                   "RUN apt-get update && apt-get install -y curl", "abcdefabcdefabcdefabcdefabcdef01");
  apt.fix_edits.push_back(TextEdit{5, 46, 5, 46, " && rm -rf /var/lib/apt/lists/*"});
  r.findings.push_back(apt);
  r.findings.push_back(make_finding(kRootUser, {web, 9, 1, 9, 10}, "The last USER instruction sets root",
                                    "USER root", "0123456789abcdef0123456789abcdef"));
  r.diagnostics.warning("parse.unknown-instruction", "unknown instruction \"FORM\"", {web, 7, 1});
  return r;
}

// Compares `actual` with tests/testdata/golden/<name>; with CUSTOMS_UPDATE_GOLDENS=1 in the
// environment, rewrites the golden instead (review the diff afterwards).
inline void expect_golden(const std::string& actual, const std::string& name) {
  const std::string path = std::string(CUSTOMS_TESTDATA) + "/golden/" + name;
  const char* update = std::getenv("CUSTOMS_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    std::cerr << "updated golden " << path << "\n";
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden " << path << " (run with CUSTOMS_UPDATE_GOLDENS=1)";
  std::stringstream golden;
  golden << in.rdbuf();
  EXPECT_EQ(actual, golden.str()) << "output differs from " << path;
}

}  // namespace customs::testing
