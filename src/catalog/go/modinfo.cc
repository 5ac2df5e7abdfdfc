// The module text of Go build info (the reverse of runtime/debug.BuildInfo.String()).
#include <optional>

#include "catalog/go/buildinfo.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {

namespace {

// "path\tversion[\tsum]"; nullopt for a wrong column count.
std::optional<GoModule> read_module(std::string_view columns, bool need_sum) {
  std::vector<std::string> elem = split(columns, '\t');
  if (elem.size() != 3 && (need_sum || elem.size() != 2)) return std::nullopt;
  GoModule m;
  m.path = elem[0];
  m.version = elem[1];
  if (elem.size() == 3) m.sum = elem[2];
  return m;
}

// Go's strconv quoting as build values use it: "..." with backslash escapes, or `...` raw.
std::string unquote(std::string_view v) {
  if (v.size() < 2 || v.front() != v.back() || (v.front() != '"' && v.front() != '`')) return std::string(v);
  std::string_view body = v.substr(1, v.size() - 2);
  if (v.front() == '`') return std::string(body);
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      out += body[i];
      continue;
    }
    char c = body[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      default: out += c; break;
    }
  }
  return out;
}

std::pair<std::string, std::string> read_setting(std::string_view kv) {
  if (!kv.empty() && (kv.front() == '"' || kv.front() == '`')) {
    size_t close = kv.find(kv.front(), 1);
    while (close != std::string_view::npos && kv.front() == '"' && kv[close - 1] == '\\')
      close = kv.find('"', close + 1);
    if (close != std::string_view::npos && close + 1 < kv.size() && kv[close + 1] == '=')
      return {unquote(kv.substr(0, close + 1)), unquote(kv.substr(close + 2))};
  }
  size_t eq = kv.find('=');
  if (eq == std::string_view::npos) return {std::string(kv), ""};
  return {std::string(kv.substr(0, eq)), unquote(kv.substr(eq + 1))};
}

}  // namespace

GoModInfo parse_go_modinfo(std::string_view text) {
  GoModInfo info;
  enum class Last { kNone, kMain, kDep } last = Last::kNone;  // what a "=>" line would replace
  int line_number = 0;
  for (std::string_view line : split_lines(text)) {
    ++line_number;
    auto problem = [&](std::string what) {
      info.problems.push_back("line " + std::to_string(line_number) + ": " + std::move(what));
    };
    if (starts_with(line, "path\t")) {
      info.package_path = std::string(line.substr(5));
    } else if (starts_with(line, "mod\t") || starts_with(line, "dep\t")) {
      auto m = read_module(line.substr(4), false);
      if (!m) {
        problem("expected 2 or 3 columns");
        last = Last::kNone;
        continue;
      }
      if (line[0] == 'm') {
        info.has_main = true;
        info.main = std::move(*m);
        last = Last::kMain;
      } else {
        info.deps.push_back(GoDependency{std::move(*m), false, {}});
        last = Last::kDep;
      }
    } else if (starts_with(line, "=>\t")) {
      auto m = read_module(line.substr(3), true);
      if (!m || last != Last::kDep) {  // the main module is never replaced
        problem(m ? "replacement with no module on the previous line"
                  : "expected 3 columns for a replacement");
      } else {
        info.deps.back().replaced = true;
        info.deps.back().replacement = std::move(*m);
      }
      last = Last::kNone;
    } else if (starts_with(line, "build\t")) {
      info.settings.push_back(read_setting(line.substr(6)));
    }
  }
  return info;
}

}  // namespace customs
