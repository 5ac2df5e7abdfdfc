#include "sources/dockerfile/scope.h"

namespace customs::df {

namespace {

// BuildKit's automatic platform ARGs: declared, values come from the build.
constexpr const char* kPredefined[] = {
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    "BUILDPLATFORM",  "BUILDOS",  "BUILDARCH",  "BUILDVARIANT",
};

constexpr size_t kMaxValue = size_t{64} << 10;  // longer values are kept as unknown

using VarMap = std::map<std::string, VarValue, std::less<>>;

VarState find(const VarMap& m, std::string_view name, std::string* value) {
  auto it = m.find(name);
  if (it == m.end()) return VarState::kUndeclared;
  if (!it->second.known) return VarState::kUnknown;
  *value = it->second.value;
  return VarState::kKnown;
}

VarValue value_of(const KeyValue& kv) {
  if (kv.value.size() > kMaxValue) return VarValue{"", false};
  return VarValue{kv.value, kv.expanded_all};
}

}  // namespace

ScopeTracker::ScopeTracker() {
  for (const char* name : kPredefined) global_[name] = VarValue{"", false};
}

VarLookup ScopeTracker::global_lookup() const {
  return [this](std::string_view name, std::string* value) { return find(global_, name, value); };
}

VarLookup ScopeTracker::stage_lookup() const {
  return [this](std::string_view name, std::string* value) {
    if (stages_.empty()) return VarState::kUndeclared;
    VarState st = find(stages_.back().env, name, value);
    return st != VarState::kUndeclared ? st : find(stages_.back().args, name, value);
  };
}

void ScopeTracker::global_arg(const Instruction& arg) {
  for (const KeyValue& kv : arg.pairs) global_[kv.key] = kv.has_value ? value_of(kv) : VarValue{"", false};
}

void ScopeTracker::start_stage(int base_stage) {
  Vars v;
  if (base_stage >= 0 && static_cast<size_t>(base_stage) < stages_.size()) v.env = stages_[base_stage].env;
  stages_.push_back(std::move(v));
}

void ScopeTracker::stage_arg(const Instruction& arg) {
  if (stages_.empty()) return;
  for (const KeyValue& kv : arg.pairs) {
    VarValue v{"", false};
    if (kv.has_value) {
      v = value_of(kv);
    } else if (auto it = global_.find(kv.key); it != global_.end()) {
      v = it->second;
    }
    stages_.back().args[kv.key] = v;
  }
}

void ScopeTracker::stage_env(const Instruction& env) {
  if (stages_.empty()) return;
  for (const KeyValue& kv : env.pairs) stages_.back().env[kv.key] = value_of(kv);
}

}  // namespace customs::df
