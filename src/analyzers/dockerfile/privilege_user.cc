// Who the image runs as: DF020 (no USER), DF021 (root), DF022 (sudo), DF030 (USER by name).
#include <cctype>

#include "analyzers/dockerfile/image_ref.h"
#include "analyzers/dockerfile/privilege_checks.h"
#include "analyzers/dockerfile/shell_match.h"
#include "analyzers/dockerfile/walk.h"
#include "core/strings.h"

namespace customs {

namespace {

// The user part of a USER instruction ("app" in "app:staff"), with its word.
struct UserSpec {
  std::string user;
  std::string text;  // "app:staff"
  Span span;
  bool resolved = false;
};

// "${NAME:-default}" / "${NAME-default}" with a literal default: what the build uses unless a
// --build-arg overrides it, so the default counts as known.
bool is_literal_default(std::string_view raw) {
  if (raw.size() < 5 || raw.substr(0, 2) != "${" || raw.back() != '}') return false;
  size_t dash = raw.find('-');
  if (dash == std::string_view::npos) return false;
  std::string_view name = raw.substr(2, dash - 2);
  if (!name.empty() && name.back() == ':') name.remove_suffix(1);
  bool name_ok = !name.empty() &&
                 name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") ==
                     std::string_view::npos;
  std::string_view def = raw.substr(dash + 1, raw.size() - dash - 2);
  return name_ok && def.find_first_of("${}") == std::string_view::npos;
}

UserSpec user_spec(const Instruction& ins) {
  UserSpec spec;
  std::vector<Word> words = instruction_words(ins);
  if (words.empty()) return spec;
  spec.text = words.front().value;
  spec.user = spec.text.substr(0, spec.text.find(':'));
  spec.span = words.front().span;
  bool known = words.front().resolved || (ins.words.size() == 1 && is_literal_default(ins.words.front().raw));
  spec.resolved = known && !spec.user.empty() && spec.user.find('$') == std::string::npos;
  return spec;
}

bool is_root(std::string_view user) {
  if (user == "root") return true;
  return !user.empty() && user.find_first_not_of('0') == std::string_view::npos;
}

bool is_numeric(std::string_view user) {
  return !user.empty() && user.find_first_not_of("0123456789") == std::string_view::npos;
}

// Distroless-style "nonroot" tags ship with a non-root USER already set.
bool base_sets_nonroot_user(const Stage& root) {
  ImageRef ref = parse_image_ref(root.base);
  return contains(to_lower(ref.tag), "nonroot") || contains(to_lower(ref.repository), "nonroot");
}

std::string stage_label(const Stage& s) {
  return s.name.empty() ? std::to_string(s.index) : "'" + s.name + "'";
}

// The "sudo" word of a package install ("sudo", "sudo=1.9.13p3-1", "sudo-1.9.5"); nullptr if none.
const ShellWord* sudo_package(const ShellCommand& cmd) {
  for (const ShellWord* w : installed_packages(cmd)) {
    std::string_view v = w->value;
    if (v == "sudo") return w;
    if (v.size() < 6 || v.substr(0, 4) != "sudo") continue;
    if (v[4] == '=' || v[4] == '~' || (v[4] == '-' && std::isdigit(static_cast<unsigned char>(v[5]))))
      return w;
  }
  return nullptr;
}

}  // namespace

void check_no_user(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  std::vector<const Stage*> chain = final_image_chain(ctx.df);
  if (chain.empty() || effective_final_user(ctx.df)) return;
  const Stage& root = *chain.back();
  if (!root.base_resolved || base_sets_nonroot_user(root)) return;
  const Stage& final_stage = *chain.front();
  out.report(rule, ctx.at(final_stage.from_span),
             "the final image (stage " + stage_label(final_stage) + ", FROM " + root.base +
                 ") never sets USER, so it runs as root",
             "FROM " + root.base);
}

void check_root_user(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  const Instruction* ins = effective_final_user(ctx.df);
  if (!ins) return;
  UserSpec spec = user_spec(*ins);
  if (!spec.resolved || !is_root(spec.user)) return;
  out.report(rule, ctx.at(spec.span), "the final image runs as root: its last USER is '" + spec.text + "'",
             "USER " + spec.text);
}

void check_named_user(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  const Instruction* ins = effective_final_user(ctx.df);
  if (!ins) return;
  UserSpec spec = user_spec(*ins);
  if (!spec.resolved || is_numeric(spec.user) || is_root(spec.user)) return;
  out.report(rule, ctx.at(spec.span),
             "the final image's USER '" + spec.text + "' is a name; runAsNonRoot needs a numeric UID",
             "USER " + spec.text);
}

// Only stages that ship are reported: a builder stage runs as root anyway and its sudo binary
// never reaches the final image, while sudo in a shipping stage is a way back to root.
void check_sudo(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_command(ctx.df, [&](const Instruction& ins, const ShellCommand& cmd) {
    if (!ships_in_final_image(ctx.df, ins)) return;
    const Stage* stage = ctx.stage_of(ins);
    std::string where =
        stage ? "stage " + stage_label(*stage) + ", which ships in the final image" : "the final image";
    if (!cmd.argv.empty() && cmd.name() == "sudo") {
      out.report(rule, ctx.at(cmd.argv.front().span), "sudo runs in " + where, cmd.argv.front().raw);
    } else if (const ShellWord* pkg = sudo_package(cmd)) {
      out.report(rule, ctx.at(pkg->span), cmd.name() + " installs sudo into " + where, pkg->value);
    }
  });
}

}  // namespace customs
