#pragma once
// Secrets in files outside images: a single file, a Dockerfile, a Kubernetes or Compose manifest.
// Every kind is scanned as text by the shared engine (SecretScanner); Dockerfiles add their own
// secret checks and manifests the manifest rules (manifest_secrets.h) on top.
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/secrets/scanner.h"
#include "core/diagnostics.h"
#include "core/result.h"
#include "findings/sink.h"

namespace customs {

enum class SecretFileKind { kText, kDockerfile, kManifest };

// Reports one hit as a finding of its SecretRule at `where`: the message is the rule title and
// `place` ("in the file", "in Secret db, key password"), the evidence the masked value, the
// fingerprint key the rule id and the value's hash (so one secret can be ignored by itself).
void report_secret_hit(const SecretHit& hit, Location where, std::string_view place, FindingSink& out);

// Reports every engine hit in `text` at file:line:col (its span) and returns the hits. `file` is
// the path as the user gave it; the scanner sees it too (file_glob rules such as .netrc).
std::vector<SecretHit> scan_text_secrets(const SecretScanner& scanner, const std::string& file,
                                         std::string_view text, FindingSink& out);

// A Dockerfile: the text scan plus the Dockerfile secret checks that look at the recipe (secret
// ENV/ARG names, copied credential files, tracing, build passwords, removed keys, copied mounts).
// DF042 is left out (the text scan is the same engine) and so is DF044 (it needs the build
// context). A Dockerfile that does not parse keeps the text scan and gets an error diagnostic.
void scan_dockerfile_secrets(const SecretScanner& scanner, const std::string& file, std::string_view text,
                             FindingSink& out, Diagnostics& diags);

// Scans one file by its kind. Fails (kInvalidInput, located at file:line:col) only for a manifest
// that is not valid YAML; the text findings of such a file are not reported.
Status scan_file_secrets(const SecretScanner& scanner, const std::string& file, std::string_view text,
                         SecretFileKind kind, FindingSink& out, Diagnostics& diags);

}  // namespace customs
