#include "sources/dockerfile/stages.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <unordered_map>

#include "core/strings.h"

namespace customs::df {

namespace {

void add_dep(Stage& s, int dep) {
  if (dep < 0 || dep == s.index) return;
  if (std::find(s.depends_on.begin(), s.depends_on.end(), dep) == s.depends_on.end())
    s.depends_on.push_back(dep);
}

}  // namespace

namespace {

// Stage names (lower case) to the first stage of that name; built once, so resolving every
// --from of a file with thousands of stages stays linear.
using StageNames = std::unordered_map<std::string, int>;

StageNames stage_names(const Dockerfile& df) {
  StageNames names;
  for (const Stage& s : df.stages)
    if (!s.name.empty()) names.emplace(to_lower(s.name), s.index);
  return names;
}

int resolve_in(const StageNames& names, size_t stage_count, std::string_view ref, int before) {
  int limit = std::min(before, static_cast<int>(stage_count));
  if (auto it = names.find(to_lower(ref)); it != names.end() && it->second < limit) return it->second;
  int idx = -1;
  auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), idx);
  if (ec == std::errc() && p == ref.data() + ref.size() && idx >= 0 && idx < limit) return idx;
  return -1;
}

}  // namespace

int resolve_stage(const Dockerfile& df, std::string_view ref, int before) {
  return resolve_in(stage_names(df), df.stages.size(), ref, before);
}

std::string mount_from(std::string_view mount) {
  for (const std::string& field : split(mount, ',')) {
    std::string_view f = trim(field);
    size_t eq = f.find('=');
    if (eq != std::string_view::npos && iequals(trim(f.substr(0, eq)), "from"))
      return std::string(trim(f.substr(eq + 1)));
  }
  return "";
}

void link_stages(Dockerfile& df) {
  StageNames names = stage_names(df);
  auto resolve = [&](std::string_view ref, int before) {
    return resolve_in(names, df.stages.size(), ref, before);
  };
  for (Stage& s : df.stages) {
    add_dep(s, s.base_stage);
    for (size_t i : s.instructions) {
      const Instruction& ins = df.instructions[i];
      if (ins.kind == InstructionKind::kCopy) {
        if (const Flag* f = ins.flag("from")) add_dep(s, resolve(f->value, s.index));
      } else if (ins.kind == InstructionKind::kRun) {
        for (const Flag* f : ins.flags_named("mount")) {
          std::string from = mount_from(f->value);
          if (!from.empty()) add_dep(s, resolve(from, s.index));
        }
      }
    }
  }
  if (df.stages.empty()) return;
  df.stages.back().is_final = true;
  std::vector<int> todo{static_cast<int>(df.stages.size()) - 1};
  while (!todo.empty()) {
    Stage& s = df.stages[todo.back()];
    todo.pop_back();
    if (s.reaches_final) continue;
    s.reaches_final = true;
    for (int d : s.depends_on) todo.push_back(d);
  }
}

}  // namespace customs::df
