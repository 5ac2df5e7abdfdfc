#pragma once
// Secrets in Kubernetes and Compose manifests (multi-document YAML): on top of the text scan,
//   SE120  a Secret object with inline `data:` (base64, decoded and scanned) or `stringData:`;
//   SE121  a literal secret in a container env value (Pods, workloads, their templates, Lists);
//   SE122  a literal secret in a Compose service `environment:` (map or list, YAML merge keys).
// An env value is a secret when its name is secret-like or its value looks like a known secret
// (secret_reason, as for an image's ENV). Findings are located at the value (file:line:col).
#include <span>
#include <string>
#include <string_view>

#include "analyzers/secrets/scanner.h"
#include "core/result.h"
#include "findings/sink.h"

namespace customs {

// The SE120-SE129 rows, for `customs checks`, the docs and SARIF rule metadata.
std::span<const Rule> manifest_secret_rules();
const Rule* find_manifest_secret_rule(std::string_view id);

// True for a .yaml/.yml file that is a Compose file by name (compose*.y*ml, docker-compose*) or
// holds a top-level `apiVersion:` or `kind:` (Kubernetes) or `services:` (Compose).
bool looks_like_manifest(std::string_view path, std::string_view text);

// The text scan and the manifest rules over every document of `text`. Fails with kInvalidInput at
// file:line:col when the YAML does not parse or nests deeper than any manifest; then nothing is
// reported.
Status scan_manifest_secrets(const SecretScanner& scanner, const std::string& file, std::string_view text,
                             FindingSink& out);

}  // namespace customs
