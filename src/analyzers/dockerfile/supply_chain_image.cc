// Base-image and image-reference checks: DF001-DF004, DF011, DF012.
#include "analyzers/dockerfile/image_ref.h"
#include "analyzers/dockerfile/shell_match.h"
#include "analyzers/dockerfile/supply_chain_checks.h"
#include "core/strings.h"

namespace customs {

namespace {

// An image reference we can reason about: fully resolved, not scratch, not a stage.
struct NamedImage {
  std::string text;  // as resolved ("python:3.12-slim")
  ImageRef ref;
  Span span;        // the word naming it (or the flag holding it)
  std::string via;  // "FROM", "COPY --from", "RUN --mount"
};

Span from_image_span(const Instruction& from, const Stage& stage) {
  for (const auto& w : from.words)
    if (w.raw == stage.base_raw) return w.span;
  return from.words.empty() ? from.span : from.words.front().span;
}

// Base images of stages that name an external image.
std::vector<NamedImage> base_images(const Dockerfile& df) {
  std::vector<NamedImage> out;
  for (const auto& s : df.stages) {
    if (s.base_stage >= 0 || !s.base_resolved || s.base.empty()) continue;
    if (s.base.find('$') != std::string::npos || iequals(s.base, "scratch")) continue;
    if (s.from_instruction >= df.instructions.size()) continue;
    const Instruction& from = df.instructions[s.from_instruction];
    out.push_back({s.base, parse_image_ref(s.base), from_image_span(from, s), "FROM"});
  }
  return out;
}

// A --from / from= value names an image when it is resolved and is not a stage or scratch.
bool names_image(const Dockerfile& df, std::string_view value) {
  if (value.empty() || value.find('$') != std::string_view::npos) return false;
  return !iequals(value, "scratch") && df.find_stage(value) == nullptr;
}

// Images named by COPY --from and RUN --mount=from (ONBUILD ones included).
std::vector<NamedImage> other_images(const Dockerfile& df) {
  std::vector<NamedImage> out;
  for_each_instruction(df, InstructionKind::kCopy, [&](const Instruction&, const Instruction& ins) {
    const Flag* f = ins.flag("from");
    if (f && names_image(df, f->value))
      out.push_back({f->value, parse_image_ref(f->value), f->span, "COPY --from"});
  });
  for_each_instruction(df, InstructionKind::kRun, [&](const Instruction&, const Instruction& ins) {
    for (const Flag* f : ins.flags_named("mount"))
      for (const auto& [key, value] : mount_options(f->value))
        if (key == "from" && names_image(df, value))
          out.push_back({value, parse_image_ref(value), f->span, "RUN --mount"});
  });
  return out;
}

}  // namespace

void check_base_untagged(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const auto& img : base_images(ctx.df)) {
    if (!img.ref.tag.empty() || !img.ref.digest.empty()) continue;
    out.report(rule, ctx.at(img.span),
               "base image '" + img.text + "' has no tag or digest, so it means '" + img.text + ":latest'",
               img.text);
  }
}

void check_base_latest(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const auto& img : base_images(ctx.df)) {
    if (img.ref.tag != "latest" || !img.ref.digest.empty()) continue;
    out.report(rule, ctx.at(img.span), "base image '" + img.text + "' uses the moving 'latest' tag",
               img.text);
  }
}

void check_base_digest(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const auto& img : base_images(ctx.df)) {
    if (!img.ref.digest.empty()) continue;
    out.report(rule, ctx.at(img.span), "base image '" + img.text + "' is not pinned by an @sha256 digest",
               img.text);
  }
}

void check_trusted_registry(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  const auto& trusted = ctx.policy.trusted_registries;
  if (trusted.empty()) return;
  std::vector<NamedImage> images = base_images(ctx.df);
  for (auto& img : other_images(ctx.df)) images.push_back(std::move(img));
  for (const auto& img : images) {
    if (is_trusted_image(img.ref, trusted)) continue;
    out.report(rule, ctx.at(img.span),
               img.via + " image '" + img.text + "' comes from registry '" + img.ref.registry +
                   "', which is not in trusted_registries (" + join(trusted, ", ") + ")",
               img.text);
  }
}

void check_whole_fs_copy(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_instruction(ctx.df, InstructionKind::kCopy, [&](const Instruction&, const Instruction& ins) {
    const Flag* from = ins.flag("from");
    if (!from || from->value.empty() || from->value.find('$') != std::string::npos) return;
    for (const auto& src : copy_sources(ins)) {
      if (!src.resolved) continue;
      if (src.value != "/" && src.value != "/." && src.value != "/*" && src.value != "//") continue;
      const Stage* stage = ctx.df.find_stage(from->value);
      std::string what = stage ? "stage '" + from->value + "'" : "image '" + from->value + "'";
      out.report(rule, ctx.at(src.span),
                 "COPY --from=" + from->value + " copies the whole file system of " + what,
                 "COPY --from=" + from->value + " " + src.value);
    }
  });
}

void check_fixed_platform(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const auto& s : ctx.df.stages) {
    if (s.platform.empty() || s.platform.find('$') != std::string::npos) continue;
    if (s.from_instruction >= ctx.df.instructions.size()) continue;
    const Instruction& from = ctx.df.instructions[s.from_instruction];
    const Flag* f = from.flag("platform");
    std::string stage = s.name.empty() ? std::to_string(s.index) : s.name;
    out.report(rule, ctx.at(f ? f->span : from.span),
               "FROM --platform=" + s.platform + " fixes stage '" + stage + "' to one platform", s.platform);
  }
}

}  // namespace customs
