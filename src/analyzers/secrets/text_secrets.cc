// Secrets in single files, Dockerfiles and manifests: the engine's hits as findings, and the
// dispatch by file kind.
#include "analyzers/secrets/text_secrets.h"

#include <algorithm>
#include <array>

#include "analyzers/dockerfile/check.h"
#include "analyzers/secrets/manifest_secrets.h"
#include "sources/dockerfile/parser.h"

namespace customs {

namespace {

// Dockerfile secret checks the secrets command leaves out: DF042 is the text scan itself, DF044
// needs to know the build context.
constexpr std::array<std::string_view, 2> kNotForSecrets{"DF042", "DF044"};

}  // namespace

void report_secret_hit(const SecretHit& hit, Location where, std::string_view place, FindingSink& out) {
  const Rule& rule = hit.rule->rule;
  std::string message(rule.title);
  message += " ";
  message += place;
  out.report(rule, std::move(where), std::move(message), hit.masked, std::string(rule.id) + ":" + hit.hash);
}

std::vector<SecretHit> scan_text_secrets(const SecretScanner& scanner, const std::string& file,
                                         std::string_view text, FindingSink& out) {
  std::vector<SecretHit> hits = scanner.scan(file, text);
  for (const SecretHit& h : hits) {
    Location where{file, h.line, h.column, h.end_line, h.end_column};
    report_secret_hit(h, std::move(where), "written in the file: anyone who can read the file can use it",
                      out);
  }
  return hits;
}

void scan_dockerfile_secrets(const SecretScanner& scanner, const std::string& file, std::string_view text,
                             FindingSink& out, Diagnostics& diags) {
  scan_text_secrets(scanner, file, text, out);
  Result<Dockerfile> df = parse_dockerfile(text, file, diags);
  if (!df.ok()) {
    diags.error("secrets.dockerfile-unparsed",
                "not checked as a Dockerfile (" + df.error().message + "); scanned as text only",
                df.error().where.file.empty() ? Location{file} : df.error().where);
    return;
  }
  static const Policy kDefaultPolicy;  // the sink applies the user's policy to what is reported
  DockerfileContext ctx{*df, kDefaultPolicy, true};
  for (const DockerfileCheck& check : secret_checks()) {
    if (std::find(kNotForSecrets.begin(), kNotForSecrets.end(), check.rule.id) != kNotForSecrets.end())
      continue;
    check.run(ctx, check.rule, out);
  }
}

Status scan_file_secrets(const SecretScanner& scanner, const std::string& file, std::string_view text,
                         SecretFileKind kind, FindingSink& out, Diagnostics& diags) {
  switch (kind) {
    case SecretFileKind::kDockerfile: scan_dockerfile_secrets(scanner, file, text, out, diags); break;
    case SecretFileKind::kManifest: return scan_manifest_secrets(scanner, file, text, out);
    case SecretFileKind::kText: scan_text_secrets(scanner, file, text, out); break;
  }
  return ok_status();
}

}  // namespace customs
