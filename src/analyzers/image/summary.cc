#include "analyzers/image/summary.h"

#include <map>

#include "analyzers/image/image_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

constexpr std::string_view kBaseName = "org.opencontainers.image.base.name";
constexpr std::string_view kBaseDigest = "org.opencontainers.image.base.digest";

BaseImageGuess from_map(const std::map<std::string, std::string>& m, std::string_view source) {
  auto name = m.find(std::string(kBaseName));
  auto digest = m.find(std::string(kBaseDigest));
  BaseImageGuess g;
  if (name == m.end() && digest == m.end()) return g;
  g.name = name != m.end() && !trim(name->second).empty() ? std::string(trim(name->second)) : "unknown";
  if (digest != m.end()) g.digest = std::string(trim(digest->second));
  g.source = std::string(source);
  return g;
}

// "ADD file:4b03b5f551e3fbdf47ec... in /" (legacy or BuildKit): a root file system tarball.
bool adds_rootfs(const HistoryCommand& c) {
  if (c.instruction != "ADD") return false;
  std::vector<std::string> w = split_whitespace(c.args);
  return w.size() == 3 && w[0].rfind("file:", 0) == 0 && w[1] == "in" && w[2] == "/";
}

// CMD ["bash"], CMD ["/bin/sh"] ...: the last line of a distribution base image.
bool shell_cmd(const HistoryCommand& c) {
  if (c.instruction != "CMD") return false;
  std::string a(trim(c.args));
  for (std::string_view sh : {"sh", "bash", "ash"})
    for (std::string_view dir : {"", "/bin/", "/usr/bin/"})
      if (a == "[\"" + std::string(dir) + std::string(sh) + "\"]") return true;
  return false;
}

BaseImageGuess from_history(const ImageConfig& config) {
  BaseImageGuess g;
  const auto& h = config.history;
  size_t first = 0;
  while (first < h.size() && h[first].empty_layer) ++first;
  if (first >= h.size()) return g;
  HistoryCommand add = parse_created_by(h[first].created_by);
  if (!adds_rootfs(add)) return g;
  for (size_t i = first + 1; i < h.size() && i < 10000; ++i) {
    HistoryCommand cmd = parse_created_by(h[i].created_by);
    if (!shell_cmd(cmd)) continue;
    std::string file = split_whitespace(add.args)[0];
    if (file.size() > 17) file = file.substr(0, 17);  // "file:" + 12 hex digits
    g.name = "unknown (guessed from history: ADD " + file + " in / ... CMD " + std::string(trim(cmd.args)) +
             ", a Docker Official Image base)";
    g.source = "history";
    return g;
  }
  return g;
}

}  // namespace

BaseImageGuess guess_base_image(const ImageMeta& meta) {
  for (const auto& [m, source] :
       {std::pair{&meta.manifest.annotations, "annotation"}, std::pair{&meta.index_annotations, "annotation"},
        std::pair{&meta.config.config.labels, "label"}}) {
    BaseImageGuess g = from_map(*m, source);
    if (!g.source.empty()) return g;
  }
  return from_history(meta.config);
}

}  // namespace customs
