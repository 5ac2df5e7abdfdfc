#include "analyzers/secrets/image_secrets.h"

#include <map>

#include "core/strings.h"

namespace customs {

namespace {

// One secret at one place, before it becomes a finding.
struct Place {
  const SecretRule* rule = nullptr;
  Location where;
  std::string what;   // "/app/.env, line 2" or "the environment variable X (config.Env[1])"
  std::string state;  // "" or "; removed in layer 3, still retrievable from layer 1"
  std::string masked;
  std::string hash;
};

// A text of the image config that is scanned, and how a finding names it.
struct ConfigText {
  std::string place;  // Location::path: "config.Env[1]", "config.Labels.k", "history[6]"
  std::string what;
  std::string text;
};

std::vector<ConfigText> config_texts(const ImageMeta& meta) {
  std::vector<ConfigText> out;
  const ContainerConfig& c = meta.config.config;
  for (size_t i = 0; i < c.env.size(); ++i) {
    std::string place = "config.Env[" + std::to_string(i) + "]";
    std::string name = c.env[i].substr(0, c.env[i].find('='));
    out.push_back({place, "the environment variable " + name + " (" + place + ")", c.env[i]});
  }
  for (const auto& [key, value] : c.labels)
    out.push_back({"config.Labels." + key, "the label " + key, key + "=" + value});
  for (size_t i = 0; i < meta.config.history.size(); ++i) {
    std::string place = "history[" + std::to_string(i) + "]";
    out.push_back({place, "the build command " + place, meta.config.history[i].created_by});
  }
  return out;
}

// What became of the file after `layer` wrote it (archive members: of the archive).
std::string later_state(const ImageContext& ctx, size_t layer, const std::string& path) {
  if (ctx.rootfs) return {};
  std::string file = path.substr(0, path.find("!/"));
  const ViewNode* node = ctx.fs.find(file);
  if (node != nullptr && node->entry != nullptr && node->layer == layer) return {};
  std::string kept = ", still retrievable from layer " + std::to_string(layer);
  for (const PathEvent& e : ctx.fs.history(file)) {
    if (e.layer <= layer) continue;
    std::string verb = e.action == PathAction::kDeleted ? "removed" : "overwritten";
    return "; " + verb + " in layer " + std::to_string(e.layer) + kept;
  }
  return "; not in the final file system" + kept;
}

std::string line_part(int line) { return line > 0 ? ", line " + std::to_string(line) : ""; }

void note_record(const ImageContext& ctx, size_t layer, const AnalyzerRecord& r, Diagnostics& diags) {
  Location where = ctx.at(layer, r.path);
  if (r.kind == "skipped")
    diags.add(DiagLevel::kNote, "secrets.skipped", "/" + r.path + " was not scanned for secrets: " + r.data,
              where);
  else if (r.kind == "note")
    diags.warning("secrets.archive", r.data, where);
}

void layer_places(const ImageContext& ctx, const SecretFileAnalyzer& analyzer, std::vector<Place>& out,
                  Diagnostics& diags) {
  for (size_t li = 0; li < ctx.layers.size(); ++li) {
    for (const AnalyzerRecord& r : ctx.layers[li].records) {
      if (r.analyzer != analyzer.name()) continue;
      if (r.kind != "secret") {
        note_record(ctx, li, r, diags);
        continue;
      }
      auto rec = decode_secret_record(r.data);
      const SecretRule* rule = rec ? analyzer.find_rule(rec->rule_id) : nullptr;
      if (rule == nullptr) {
        diags.warning("secrets.bad-record", "/" + r.path + ": an unreadable secret record was ignored",
                      ctx.at(li, r.path));
        continue;
      }
      Location where = ctx.at(li, r.path);
      where.line = rec->line;
      where.column = rec->column;
      where.end_line = rec->end_line;
      where.end_column = rec->end_column;
      out.push_back({rule, where, "/" + r.path + line_part(rec->line), later_state(ctx, li, r.path),
                     rec->masked, rec->hash});
    }
  }
}

void config_places(const ImageContext& ctx, const SecretScanner& scanner, std::vector<Place>& out) {
  if (ctx.rootfs) return;
  for (const ConfigText& t : config_texts(ctx.meta)) {
    for (const SecretHit& h : scanner.scan("", t.text)) {
      Location where = ctx.at_config(t.place);
      where.line = h.line;
      where.column = h.column;
      where.end_line = h.end_line;
      where.end_column = h.end_column;
      out.push_back({h.rule, where, t.what, "", h.masked, h.hash});
    }
  }
}

std::string elsewhere(size_t copies) {
  if (copies <= 1) return {};
  size_t others = copies - 1;
  return "; the same value is in " + std::to_string(others) +
         (others == 1 ? " other place" : " other places");
}

}  // namespace

void report_image_secrets(const ImageContext& ctx, const SecretFileAnalyzer& analyzer, FindingSink& out,
                          Diagnostics& diags) {
  std::vector<Place> places;
  layer_places(ctx, analyzer, places, diags);
  config_places(ctx, analyzer.scanner(), places);
  std::map<std::string, size_t> copies;
  for (const Place& p : places) ++copies[std::string(p.rule->rule.id) + "|" + p.hash];
  for (Place& p : places) {
    std::string key = std::string(p.rule->rule.id) + ":" + p.hash;
    std::string msg = std::string(p.rule->rule.title) + " in " + p.what + p.state +
                      elsewhere(copies[std::string(p.rule->rule.id) + "|" + p.hash]);
    std::string file = p.where.file;
    Finding* f = out.report(p.rule->rule, std::move(p.where), msg, p.masked, key);
    if (f != nullptr) f->fingerprint = make_fingerprint(p.rule->rule.id, file, key, 0);
  }
}

void mask_config_secrets(const SecretScanner& scanner, ImageMeta& meta, std::vector<Finding>& findings) {
  std::vector<std::pair<std::string, std::string>> values;  // raw -> masked, in memory only
  for (const ConfigText& t : config_texts(meta))
    for (const SecretHit& h : scanner.scan("", t.text))
      if (h.end <= t.text.size() && h.end > h.begin)
        values.emplace_back(t.text.substr(h.begin, h.end - h.begin), h.masked);
  if (values.empty()) return;
  auto mask = [&](std::string& s) {
    for (const auto& [raw, masked] : values) s = replace_all(std::move(s), raw, masked);
  };
  for (std::string& e : meta.config.config.env) mask(e);
  for (auto& [key, value] : meta.config.config.labels) mask(value);
  for (HistoryEntry& h : meta.config.history) mask(h.created_by);
  for (LayerRef& l : meta.layers) mask(l.created_by);
  for (Finding& f : findings) {
    mask(f.message);
    mask(f.evidence);
    mask(f.location.layer_created_by);
  }
}

std::vector<const Rule*> secret_rule_list() {
  std::vector<const Rule*> rules;
  for (const SecretRule& r : secret_rules()) rules.push_back(&r.rule);
  return rules;
}

}  // namespace customs
