// ADD checks: DF005 (remote content without verification), DF006 (ADD where COPY does).
#include <array>
#include <cctype>

#include "analyzers/dockerfile/shell_match.h"
#include "analyzers/dockerfile/supply_chain_checks.h"
#include "core/strings.h"

namespace customs {

namespace {

enum class SourceKind { kLocal, kHttp, kGit };

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// BuildKit's reading of an ADD source: git transports and *.git URLs clone; http(s) downloads.
SourceKind classify(std::string_view src) {
  if (starts_with_ci(src, "git@") || starts_with_ci(src, "git://") || starts_with_ci(src, "ssh://"))
    return SourceKind::kGit;
  if (!starts_with_ci(src, "http://") && !starts_with_ci(src, "https://")) return SourceKind::kLocal;
  std::string_view path = src.substr(0, src.find('#'));
  if (path.size() >= 4 && iequals(path.substr(path.size() - 4), ".git")) return SourceKind::kGit;
  return SourceKind::kHttp;
}

// "repo.git#<ref>[:subdir]" is pinned when <ref> is a full commit id.
bool git_pinned_to_commit(std::string_view src) {
  size_t hash = src.find('#');
  if (hash == std::string_view::npos) return false;
  std::string_view ref = src.substr(hash + 1);
  ref = ref.substr(0, ref.find(':'));
  if (ref.size() != 40 && ref.size() != 64) return false;
  for (char c : ref)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Names BuildKit may unpack: tar, and tar compressed with gzip, bzip2, xz, zstd or lzma.
bool may_be_archive(std::string_view src) {
  static constexpr std::array<std::string_view, 14> kExt{".tar", ".tgz",  ".tbz",  ".tbz2", ".tb2",
                                                         ".txz", ".tzst", ".taz",  ".gz",   ".bz2",
                                                         ".xz",  ".zst",  ".lzma", ".tlz"};
  std::string lower = to_lower(src);
  for (std::string_view e : kExt)
    if (lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0) return true;
  return false;
}

// "Add" -> "Copy", "add" -> "copy", anything else -> "COPY".
std::string copy_keyword_like(std::string_view keyword) {
  if (keyword == to_lower(keyword)) return "copy";
  if (keyword.size() > 1 && std::isupper(static_cast<unsigned char>(keyword[0])) &&
      keyword.substr(1) == to_lower(keyword.substr(1)))
    return "Copy";
  return "COPY";
}

// ADD flags that COPY also accepts; with any other flag a mechanical rewrite could break the build.
bool flags_copy_compatible(const Instruction& ins) {
  for (const auto& f : ins.flags)
    if (f.name != "chown" && f.name != "chmod" && f.name != "link" && f.name != "exclude") return false;
  return true;
}

void report_unverified(const DockerfileContext& ctx, const Rule& rule, const Instruction& ins,
                       const Word& src, FindingSink& out) {
  SourceKind kind = classify(src.value);
  if (kind == SourceKind::kLocal) return;
  if (ins.flag("checksum")) return;
  if (kind == SourceKind::kHttp) {
    out.report(rule, ctx.at(src.span), "ADD downloads " + src.value + " without --checksum", src.value);
  } else if (!git_pinned_to_commit(src.value)) {
    bool has_ref = src.value.find('#') != std::string::npos;
    out.report(rule, ctx.at(src.span),
               "ADD clones " + src.value +
                   (has_ref ? " at a tag or branch, which can be moved" : " without pinning a commit"),
               src.value);
  }
}

}  // namespace

void check_add_unverified(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_instruction(ctx.df, InstructionKind::kAdd, [&](const Instruction&, const Instruction& ins) {
    for (const auto& src : copy_sources(ins))
      if (src.resolved) report_unverified(ctx, rule, ins, src, out);
  });
}

void check_add_for_copy(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_instruction(ctx.df, InstructionKind::kAdd, [&](const Instruction&, const Instruction& ins) {
    std::vector<Word> sources = copy_sources(ins);
    if (sources.empty()) return;
    std::vector<std::string> names;
    for (const auto& src : sources) {
      if (!src.resolved || classify(src.value) != SourceKind::kLocal || may_be_archive(src.value)) return;
      names.push_back("'" + src.value + "'");
    }
    Finding* f = out.report(
        rule, ctx.at(ins.keyword_span),
        "ADD of local " + join(names, ", ") + " (no URL, no archive to unpack): COPY does the same",
        ins.keyword + " " + join(names, " "));
    if (!f || !flags_copy_compatible(ins)) return;
    const Span& k = ins.keyword_span;
    f->fix_edits.push_back(
        TextEdit{k.begin.line, k.begin.column, k.end.line, k.end.column, copy_keyword_like(ins.keyword)});
  });
}

}  // namespace customs
