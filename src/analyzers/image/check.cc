// The image check registry: the three group tables in one stable order, and the runner.
//
// Our ids against the IM table of the peer study (shared/reference/checks.md, section 1b):
//   IM001 root user .................. IM001     IM011 sudo in history ........... IM003
//   IM002 no HEALTHCHECK ............. IM002     IM012 full upgrade in history ... IM003
//   IM003 secret-like ENV ............ IM004     IM013 download piped to shell ... IM003 (DF007)
//   IM004 sensitive VOLUME ........... IM009     IM014 credential files .......... IM005
//   IM005 port 22 exposed ............ IM009     IM015-IM017 setuid/setgid ....... IM006
//   IM006 image too old .............. IM010     IM018 empty password ............ IM007
//   IM007 build time unknown ......... IM010     IM019/IM020 duplicate UID/GID ... IM007
//   IM008 secrets in history ......... IM004     IM021 leftover files ............ IM008
//   IM009 ADD from a URL ............. IM003
//   IM010 index update alone ......... IM003
// Not here: signatures (study IM011) and build tools (IM012) need other stages.
#include <algorithm>
#include <tuple>

#include "analyzers/image/image_rules.h"

namespace customs {

const std::vector<const ImageCheck*>& image_checks() {
  static const std::vector<const ImageCheck*> all = [] {
    std::vector<const ImageCheck*> v;
    for (auto group : {image_config_checks(), image_history_checks(), image_file_checks()})
      for (const auto& c : group) v.push_back(&c);
    return v;
  }();
  return all;
}

const Rule* find_image_rule(std::string_view id) {
  for (const auto* c : image_checks())
    if (c->rule.id == id) return &c->rule;
  return nullptr;
}

// Config and history checks need a config; a root file system has none, so only the file checks
// run on one.
void run_image_checks(const ImageContext& ctx, FindingSink& out) {
  std::span<const ImageCheck> files = image_file_checks();
  for (const auto* c : image_checks()) {
    bool file_check = c >= files.data() && c < files.data() + files.size();
    if ((ctx.rootfs && !file_check) || !ctx.policy.is_enabled(c->rule)) continue;
    size_t first = out.findings().size();
    c->run(ctx, c->rule, out);
    auto& fs = out.findings();
    std::stable_sort(fs.begin() + static_cast<long>(first), fs.end(), [](const Finding& a, const Finding& b) {
      const Location& x = a.location;
      const Location& y = b.location;
      return std::tie(x.layer_index, x.path, x.line) < std::tie(y.layer_index, y.path, y.line);
    });
  }
}

}  // namespace customs
