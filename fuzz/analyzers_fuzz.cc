// libFuzzer target: the Dockerfile checks process untrusted syntax trees. Parse, run every check
// (all rules enabled, with trusted registries and required labels set), apply the pragmas, then
// apply every fix edit and parse the fixed text again. None of it may crash, hang or read out of
// bounds; every finding must be located inside the file and every edit must apply.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile/pragmas.h"
#include "findings/fix.h"
#include "findings/sink.h"
#include "sources/dockerfile/parser.h"

namespace {

const customs::Policy& everything_enabled() {
  static const customs::Policy policy = [] {
    customs::Policy p;
    for (const auto* c : customs::dockerfile_checks()) p.enabled.emplace(c->rule.id);
    for (const auto& r : customs::pragma_rules()) p.enabled.emplace(r.id);
    p.trusted_registries = {"docker.io", "ghcr.io", "registry.example.com:5000"};
    p.required_labels = {"org.opencontainers.image.source", "maintainer"};
    return p;
  }();
  return policy;
}

int line_count(std::string_view s) {
  int n = 1;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  customs::Diagnostics diags;
  auto df = customs::parse_dockerfile(bytes, "Dockerfile", diags);
  if (!df.ok()) return 0;
  customs::DockerfileContext ctx{*df, everything_enabled(), (size & 1) != 0};
  customs::FindingSink sink(&everything_enabled());
  customs::run_dockerfile_checks(ctx, sink);
  customs::apply_pragmas(ctx, sink);
  std::vector<customs::Finding> findings = sink.take();
  int lines = line_count(df->source);
  std::vector<customs::TextEdit> edits;
  for (const auto& f : findings) {
    if (f.rule_id().empty() || f.location.file != "Dockerfile") __builtin_trap();
    if (f.location.line < 0 || f.location.line > lines) __builtin_trap();
    edits.insert(edits.end(), f.fix_edits.begin(), f.fix_edits.end());
  }
  if (edits.empty()) return 0;
  auto fixed = customs::apply_edits(df->source, std::move(edits));
  if (!fixed.ok()) __builtin_trap();  // the checks produced an edit outside the file
  customs::Diagnostics again;
  auto reparsed = customs::parse_dockerfile(fixed->text, "Dockerfile", again);
  (void)reparsed;
  return 0;
}
