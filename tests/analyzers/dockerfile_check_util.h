#pragma once
// Test helpers for Dockerfile checks: parse a Dockerfile from a string and run one check by id.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/dockerfile/check.h"
#include "sources/dockerfile/parser.h"

namespace customs::testing {

struct CheckRun {
  std::vector<Finding> findings;
  Diagnostics diagnostics;

  // Line numbers of the findings, in order.
  std::vector<int> lines() const {
    std::vector<int> out;
    for (const auto& f : findings) out.push_back(f.location.line);
    return out;
  }
};

struct CheckOptions {
  Policy policy;                 // the rule under test is always enabled on top of this
  bool has_dockerignore = true;  // most checks do not care; DF043-style checks do
  std::string path = "Dockerfile";
};

// Parses `dockerfile` and runs the single check `id`; findings in file order. Fails the test if the id is
// unknown or the parser returns an Error.
inline CheckRun run_check(std::string_view id, std::string_view dockerfile, CheckOptions opts = {}) {
  CheckRun run;
  const DockerfileCheck* check = nullptr;
  for (const auto* c : dockerfile_checks())
    if (c->rule.id == id) check = c;
  if (!check) {
    ADD_FAILURE() << "no check with id " << id;
    return run;
  }
  auto df = parse_dockerfile(dockerfile, opts.path, run.diagnostics);
  if (!df.ok()) {
    ADD_FAILURE() << "parse failed: " << df.error().to_string();
    return run;
  }
  opts.policy.enabled.insert(std::string(id));
  opts.policy.disabled.erase(std::string(id));
  DockerfileContext ctx{*df, opts.policy, opts.has_dockerignore};
  FindingSink sink(&opts.policy);
  check->run(ctx, check->rule, sink);
  run.findings = sink.take();
  // File order (line, column), as run_dockerfile_checks reports them.
  std::stable_sort(run.findings.begin(), run.findings.end(), [](const Finding& a, const Finding& b) {
    return std::make_pair(a.location.line, a.location.column) <
           std::make_pair(b.location.line, b.location.column);
  });
  return run;
}

// "line:column-end_column" of each finding, in order.
inline std::vector<std::string> where(const CheckRun& run) {
  std::vector<std::string> out;
  for (const auto& f : run.findings)
    out.push_back(std::to_string(f.location.line) + ":" + std::to_string(f.location.column) + "-" +
                  std::to_string(f.location.end_column));
  return out;
}

// The message of each finding, in order.
inline std::vector<std::string> messages(const CheckRun& run) {
  std::vector<std::string> out;
  for (const auto& f : run.findings) out.push_back(f.message);
  return out;
}

}  // namespace customs::testing
