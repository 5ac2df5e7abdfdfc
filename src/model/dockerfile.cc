#include "model/dockerfile.h"

#include <array>
#include <charconv>

#include "core/strings.h"

namespace customs {

namespace {

struct KindName {
  InstructionKind kind;
  const char* name;
};

constexpr std::array<KindName, 18> kKinds{{
    {InstructionKind::kFrom, "FROM"},
    {InstructionKind::kRun, "RUN"},
    {InstructionKind::kCmd, "CMD"},
    {InstructionKind::kLabel, "LABEL"},
    {InstructionKind::kMaintainer, "MAINTAINER"},
    {InstructionKind::kExpose, "EXPOSE"},
    {InstructionKind::kEnv, "ENV"},
    {InstructionKind::kAdd, "ADD"},
    {InstructionKind::kCopy, "COPY"},
    {InstructionKind::kEntrypoint, "ENTRYPOINT"},
    {InstructionKind::kVolume, "VOLUME"},
    {InstructionKind::kUser, "USER"},
    {InstructionKind::kWorkdir, "WORKDIR"},
    {InstructionKind::kArg, "ARG"},
    {InstructionKind::kOnbuild, "ONBUILD"},
    {InstructionKind::kStopsignal, "STOPSIGNAL"},
    {InstructionKind::kHealthcheck, "HEALTHCHECK"},
    {InstructionKind::kShell, "SHELL"},
}};

}  // namespace

const char* keyword_of(InstructionKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.name;
  return "";
}

InstructionKind instruction_kind_from(std::string_view word) {
  for (const auto& k : kKinds)
    if (iequals(word, k.name)) return k.kind;
  return InstructionKind::kUnknown;
}

const Flag* Instruction::flag(std::string_view name) const {
  const Flag* found = nullptr;
  for (const auto& f : flags)
    if (iequals(f.name, name)) found = &f;
  return found;
}

std::vector<const Flag*> Instruction::flags_named(std::string_view name) const {
  std::vector<const Flag*> out;
  for (const auto& f : flags)
    if (iequals(f.name, name)) out.push_back(&f);
  return out;
}

const Stage* Dockerfile::find_stage(std::string_view name_or_index) const {
  for (const auto& s : stages)
    if (!s.name.empty() && iequals(s.name, name_or_index)) return &s;
  int idx = -1;
  auto [p, ec] = std::from_chars(name_or_index.data(), name_or_index.data() + name_or_index.size(), idx);
  if (ec == std::errc() && p == name_or_index.data() + name_or_index.size() && idx >= 0 &&
      static_cast<size_t>(idx) < stages.size())
    return &stages[static_cast<size_t>(idx)];
  return nullptr;
}

}  // namespace customs
