#include "sources/dockerfile/stages.h"

#include <algorithm>
#include <charconv>

#include "core/strings.h"

namespace customs::df {

namespace {

void add_dep(Stage& s, int dep) {
  if (dep < 0 || dep == s.index) return;
  if (std::find(s.depends_on.begin(), s.depends_on.end(), dep) == s.depends_on.end())
    s.depends_on.push_back(dep);
}

}  // namespace

int resolve_stage(const Dockerfile& df, std::string_view ref, int before) {
  int limit = std::min(before, static_cast<int>(df.stages.size()));
  for (int i = 0; i < limit; ++i)
    if (!df.stages[i].name.empty() && iequals(df.stages[i].name, ref)) return i;
  int idx = -1;
  auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), idx);
  if (ec == std::errc() && p == ref.data() + ref.size() && idx >= 0 && idx < limit) return idx;
  return -1;
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
  for (Stage& s : df.stages) {
    add_dep(s, s.base_stage);
    for (size_t i : s.instructions) {
      const Instruction& ins = df.instructions[i];
      if (ins.kind == InstructionKind::kCopy) {
        if (const Flag* f = ins.flag("from")) add_dep(s, resolve_stage(df, f->value, s.index));
      } else if (ins.kind == InstructionKind::kRun) {
        for (const Flag* f : ins.flags_named("mount")) {
          std::string from = mount_from(f->value);
          if (!from.empty()) add_dep(s, resolve_stage(df, from, s.index));
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
