// DF043 (COPY/ADD of credential files), DF044 (whole build context copied without .dockerignore)
// and DF047 (a credential file deleted in a later layer than the one that added it).
#include <algorithm>
#include <array>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/secret_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool starts_with(std::string_view s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

struct Named {
  std::string_view name;
  std::string_view kind;
};

// Credential directories, by path segment.
constexpr std::array<Named, 5> kDirs{{{".ssh", "SSH directory"},
                                      {".aws", "AWS credentials directory"},
                                      {".kube", "Kubernetes credentials directory"},
                                      {".gnupg", "GnuPG keyring"},
                                      {".azure", "Azure credentials directory"}}};
// Credential files, by exact base name.
constexpr std::array<Named, 10> kFiles{{{".npmrc", "npm credentials file"},
                                        {".pypirc", "PyPI credentials file"},
                                        {".git-credentials", "git credentials file"},
                                        {".netrc", "netrc credentials file"},
                                        {"_netrc", "netrc credentials file"},
                                        {".dockercfg", "Docker registry credentials"},
                                        {".htpasswd", "htpasswd file"},
                                        {"credentials.json", "credentials file"},
                                        {"kubeconfig", "kubeconfig"},
                                        {".vault-token", "Vault token file"}}};
// Key stores and variable files, by extension.
constexpr std::array<Named, 7> kExtensions{{{".p12", "PKCS#12 key store"},
                                            {".pfx", "PKCS#12 key store"},
                                            {".jks", "Java key store"},
                                            {".keystore", "Java key store"},
                                            {".tfvars", "Terraform variables file"},
                                            {".tfvars.json", "Terraform variables file"},
                                            {".ppk", "PuTTY private key"}}};
constexpr std::array<std::string_view, 6> kEnvTemplates{"example", "sample",   "template",
                                                        "dist",    "defaults", "tpl"};

std::string_view key_file_kind(std::string_view base) {
  for (std::string_view k : {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"})
    if (starts_with(base, k)) return ends_with(base, ".pub") ? "" : "SSH private key";
  if (starts_with(base, "ssh_host_") && ends_with(base, "_key")) return "SSH host private key";
  bool public_hint =
      contains(base, "pub") || contains(base, "gpg") || contains(base, "pgp") || contains(base, ".asc");
  // Certificates and CA bundles are public: ca.pem, cert.pem, chain.pem, ca-bundle.pem.
  bool cert_hint = contains(base, "cert") || contains(base, "chain") || contains(base, "bundle") ||
                   base == "ca.pem" || starts_with(base, "ca-") || starts_with(base, "ca_") ||
                   ends_with(base, "-ca.pem") || ends_with(base, "_ca.pem");
  if (ends_with(base, ".pem") && !public_hint && !cert_hint) return "PEM key file";
  if (ends_with(base, ".key") && !public_hint) return "private key file";
  return "";
}

std::string_view env_file_kind(std::string_view base) {
  if (base == ".env") return ".env file";
  if (!starts_with(base, ".env.")) return "";
  std::string_view suffix = base.substr(5);
  return std::find(kEnvTemplates.begin(), kEnvTemplates.end(), suffix) == kEnvTemplates.end() ? ".env file"
                                                                                              : "";
}

struct Source {
  std::string value;
  Span span;
};

// COPY/ADD sources (every word but the destination), heredoc sources left out.
std::vector<Source> copy_sources(const Instruction& ins, std::string* dest) {
  std::vector<Source> out;
  if (ins.json_form) {
    for (size_t i = 0; i + 1 < ins.exec.size(); ++i) out.push_back({ins.exec[i], ins.span});
    if (dest && !ins.exec.empty()) *dest = ins.exec.back();
    return out;
  }
  for (size_t i = 0; i + 1 < ins.words.size(); ++i) {
    const ArgWord& w = ins.words[i];
    if (!w.expanded_all || starts_with(w.raw, "<<")) continue;
    out.push_back({w.value, w.span});
  }
  if (dest && !ins.words.empty()) *dest = ins.words.back().value;
  return out;
}

const Instruction* copy_of(const Instruction& ins) {
  const Instruction& i = ins.onbuild ? *ins.onbuild : ins;
  return i.kind == InstructionKind::kCopy || i.kind == InstructionKind::kAdd ? &i : nullptr;
}

std::string where_it_lands(const DockerfileContext& ctx, const Instruction& ins) {
  return ships_in_final_image(ctx.df, ins) ? "the shipped image"
                                           : "this builder stage's layer and the build cache";
}

}  // namespace

std::string credential_file_kind(std::string_view path) {
  std::string p = to_lower(path);
  std::vector<std::string> segs = split(p, '/');
  segs.erase(std::remove(segs.begin(), segs.end(), std::string()), segs.end());
  if (segs.empty()) return "";
  for (size_t i = 0; i < segs.size(); ++i) {
    for (const Named& d : kDirs)
      if (segs[i] == d.name) return std::string(d.kind);
    if (segs[i] == ".docker" && (i + 1 == segs.size() || segs[i + 1] == "config.json"))
      return "Docker registry credentials";
  }
  const std::string& base = segs.back();
  for (const Named& f : kFiles)
    if (base == f.name || (f.name == "credentials.json" && ends_with(base, "credentials.json")) ||
        (f.name == "kubeconfig" && starts_with(base, "kubeconfig")))
      return std::string(f.kind);
  for (const Named& e : kExtensions)
    if (ends_with(base, e.name)) return std::string(e.kind);
  if (std::string_view k = env_file_kind(base); !k.empty()) return std::string(k);
  return std::string(key_file_kind(base));
}

void check_credential_copy(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const auto& ins : ctx.df.instructions) {
    const Instruction* copy = copy_of(ins);
    if (!copy) continue;
    for (const Source& s : copy_sources(*copy, nullptr)) {
      std::string kind = credential_file_kind(s.value);
      if (kind.empty()) continue;
      out.report(rule, ctx.at(s.span),
                 std::string(keyword_of(copy->kind)) + " puts " + s.value + " (" + kind + ") into " +
                     where_it_lands(ctx, ins),
                 s.value, s.value);
    }
  }
}

namespace {

bool is_whole_context(std::string_view src) {
  return src == "." || src == "./" || src == "*" || src == "./*" || src == "./.";
}

std::string join_path(std::string_view dir, std::string_view rel) {
  if (!rel.empty() && rel[0] == '/') return std::string(rel);
  while (starts_with(rel, "./")) rel.remove_prefix(2);
  if (rel == "." || rel.empty()) return std::string(dir);
  return (dir == "/" ? "" : std::string(dir)) + "/" + std::string(rel);
}

std::string trimmed_dir(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

// The WORKDIR in force at `ins` (following FROM <stage> chains), "/" when none; "" when a WORKDIR
// on the way has an unknown variable.
std::string workdir_at(const Dockerfile& df, const Instruction& ins) {
  std::vector<const Stage*> chain;
  for (const Stage* s = ins.stage >= 0 ? &df.stages[ins.stage] : nullptr;
       s && chain.size() < df.stages.size(); s = s->base_stage >= 0 ? &df.stages[s->base_stage] : nullptr)
    chain.insert(chain.begin(), s);
  std::string dir = "/";
  for (const Stage* s : chain)
    for (size_t idx : s->instructions) {
      const Instruction& w = df.instructions[idx];
      if (&w == &ins) return dir;
      if (w.kind != InstructionKind::kWorkdir || w.words.empty()) continue;
      if (!w.words.front().expanded_all) return "";
      dir = trimmed_dir(join_path(dir, w.words.front().value));
    }
  return dir;
}

std::string stage_name(const Stage& s) {
  return s.name.empty() ? std::to_string(s.index) : "'" + s.name + "'";
}

void report_whole_context(const DockerfileContext& ctx, const Rule& rule, FindingSink& out,
                          const Instruction& copy, const Source& s, const std::string& how) {
  out.report(rule, ctx.at(s.span),
             std::string(keyword_of(copy.kind)) + " " + s.value + " copies the whole build context" + how +
                 " and there is no .dockerignore: .git, .env files and keys in the context go into the image",
             std::string(keyword_of(copy.kind)) + " " + s.value);
}

// A COPY --from=<stage> in the shipped image that takes `dir` (or a parent of it) out of that stage.
const Instruction* shipped_copy_of_dir(const DockerfileContext& ctx, int stage, const std::string& dir) {
  for (const auto& ins : ctx.df.instructions) {
    const Flag* from = ins.kind == InstructionKind::kCopy ? ins.flag("from") : nullptr;
    if (!from || !ships_in_final_image(ctx.df, ins)) continue;
    const Stage* src_stage = ctx.df.find_stage(from->value);
    if (!src_stage || src_stage->index != stage) continue;
    for (const Source& src : copy_sources(ins, nullptr)) {
      std::string p = trimmed_dir(join_path("/", src.value));
      if (p == dir || p == "/" || starts_with(dir, p + "/")) return &ins;
    }
  }
  return nullptr;
}

}  // namespace

// COPY . in a shipped stage, or in a builder stage whose copy of the context the shipped image
// then takes whole (COPY --from=build /app /app): both put the unfiltered context in the image.
void check_whole_context_copy(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  if (ctx.has_dockerignore) return;
  for (const auto& ins : ctx.df.instructions) {
    const Instruction* copy = copy_of(ins);
    if (!copy || copy->flag("from")) continue;
    std::string dest;
    std::vector<Source> srcs = copy_sources(*copy, &dest);
    auto whole =
        std::find_if(srcs.begin(), srcs.end(), [](const Source& s) { return is_whole_context(s.value); });
    if (whole == srcs.end()) continue;
    if (ships_in_final_image(ctx.df, ins)) {
      report_whole_context(ctx, rule, out, *copy, *whole, "");
      continue;
    }
    std::string wd = ins.stage >= 0 && copy == &ins ? workdir_at(ctx.df, ins) : "";
    if (wd.empty()) continue;
    std::string dir = trimmed_dir(join_path(wd, dest));
    if (const Instruction* taken = shipped_copy_of_dir(ctx, ins.stage, dir))
      report_whole_context(ctx, rule, out, *copy, *whole,
                           " into " + dir + " of stage " + stage_name(ctx.df.stages[ins.stage]) +
                               ", which COPY --from at line " + std::to_string(taken->span.begin.line) +
                               " takes into the final image,");
  }
}

namespace {

struct Added {
  std::string path;  // where it lands (best effort: the destination, or destination/basename)
  std::string base;  // basename of the source
  std::string kind;
  const Instruction* by;
};

std::string normalize(std::string_view p) {
  std::string s(p);
  if (starts_with(s, "~/")) s = "/root/" + s.substr(2);
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

void collect_added(const Instruction& ins, std::vector<Added>& out) {
  if (const Instruction* copy = copy_of(ins)) {
    std::string dest;
    std::vector<Source> srcs = copy_sources(*copy, &dest);
    for (const Source& s : srcs) {
      std::string kind = credential_file_kind(s.value);
      if (kind.empty()) continue;
      std::string base = last_path_component(s.value), d = normalize(dest);
      bool into_dir = ends_with(dest, "/") || srcs.size() > 1;
      out.push_back({into_dir ? d + "/" + base : d, base, kind, &ins});
    }
  }
  if (const Instruction* run = run_of(ins))
    for (const auto& cmd : run->shell.commands)
      for (const std::string& target : redirect_targets(cmd))
        if (std::string kind = credential_file_kind(target); !kind.empty())
          out.push_back({normalize(target), last_path_component(target), kind, &ins});
}

bool removes(std::string_view operand, const Added& a) {
  std::string o = normalize(operand);
  std::string base = last_path_component(o);
  if (base.find_first_of("*?[") == std::string::npos && base == a.base) return true;
  if (o.find('/') == std::string::npos) return false;  // other relative names: WORKDIR unknown
  return glob_match(o, a.path) || starts_with(a.path, o + "/") || starts_with(o, a.path + "/");
}

}  // namespace

void check_removed_credential(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    // Collecting what earlier instructions added walks them all: only for RUNs that delete.
    const auto& cmds = run.shell.commands;
    if (std::none_of(cmds.begin(), cmds.end(),
                     [](const ShellCommand& c) { return c.name() == "rm" || c.name() == "shred"; }))
      return;
    std::vector<Added> added;
    for (const Instruction* prior : instructions_before(ctx.df, outer)) collect_added(*prior, added);
    if (added.empty()) return;
    for (const auto& cmd : run.shell.commands) {
      if (cmd.name() != "rm" && cmd.name() != "shred") continue;
      for (const ShellWord* w : plain_operands(cmd)) {
        auto hit =
            std::find_if(added.begin(), added.end(), [&](const Added& a) { return removes(w->value, a); });
        if (hit == added.end()) continue;
        out.report(rule, ctx.at(w->span),
                   w->value + " (" + hit->kind + ") was added by " + keyword_of(hit->by->kind) + " at line " +
                       std::to_string(hit->by->span.begin.line) +
                       "; deleting it in a later instruction leaves it in that earlier layer",
                   command_text(cmd), w->value + "|" + hit->base);
      }
    }
  });
}

}  // namespace customs
