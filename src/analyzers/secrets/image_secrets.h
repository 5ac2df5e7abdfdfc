#pragma once
// The secret findings of an image: the records the secrets analyzer left in every layer — files
// deleted or overwritten by a later layer included, which say so and are not downgraded — and
// the image config (each Env entry, each label, each history created_by, where build ARG values
// show up). One finding per secret per (path, layer that wrote it) or config place; its evidence
// is the masked value and its fingerprint is made from the rule id and the value's hash, so the
// same secret has one fingerprint wherever it is and can be ignored without ignoring the rule.
#include <vector>

#include "analyzers/image/check.h"
#include "analyzers/secrets/secret_analyzer.h"
#include "core/diagnostics.h"
#include "findings/sink.h"

namespace customs {

// Reports into `out`; skipped files (over the size limit), unreadable archives and undecodable
// records become diagnostics. `analyzer` is the one the layers were scanned with.
void report_image_secrets(const ImageContext& ctx, const SecretFileAnalyzer& analyzer, FindingSink& out,
                          Diagnostics& diags);

// Replaces every secret value found in the image config (Env, Labels, history created_by) by its
// masked form in `meta` (the config and the layers' created_by) and in `findings` (message,
// evidence, layer_created_by), so that no report shows it: call after the checks that read the
// config ran, before the summary and the package inventory copy created_by.
void mask_config_secrets(const SecretScanner& scanner, ImageMeta& meta, std::vector<Finding>& findings);

// The rules of every built-in secret rule, for report metadata (SARIF) and `customs checks`.
std::vector<const Rule*> secret_rule_list();

}  // namespace customs
