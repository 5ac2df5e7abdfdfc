// The image summary of table, JSON and SARIF reports: what the image is, before what is wrong.
#include <cinttypes>
#include <cstdio>

#include "core/strings.h"
#include "report/reporters.h"
#include "report/terminal.h"

namespace customs {
namespace {

constexpr size_t kCommandBytes = 72;  // of a layer's history command in the table

std::string list_text(const std::vector<std::string>& words) {
  if (words.empty()) return "-";
  std::string out = "[";
  for (size_t i = 0; i < words.size(); ++i) out += (i ? ", \"" : "\"") + words[i] + "\"";
  return out + "]";
}

void row(std::string& out, std::string_view label, std::string_view value, bool color) {
  if (value.empty()) return;
  std::string l(label);
  l.resize(12, ' ');
  out += "  " + styled(l, Style::kDim, color) + printable(value) + "\n";
}

std::string short_digest(std::string_view digest) {
  size_t colon = digest.find(':');
  std::string_view hex = colon == std::string_view::npos ? digest : digest.substr(colon + 1);
  return std::string(hex.substr(0, 12));
}

}  // namespace

std::string human_size(uint64_t bytes) {
  static const char* kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  size_t u = 0;
  while (v >= 1000 && u + 1 < std::size(kUnits)) {
    v /= 1000;
    ++u;
  }
  char buf[32];
  if (u == 0)
    std::snprintf(buf, sizeof buf, "%" PRIu64 " B", bytes);
  else
    std::snprintf(buf, sizeof buf, "%.1f %s", v, kUnits[u]);
  return buf;
}

std::string image_summary_table(const ImageSummary& s, bool color) {
  std::string out = styled("Image " + printable(s.reference), Style::kBold, color) + "\n";
  if (s.name != s.reference) row(out, "name", s.name, color);
  row(out, "source", s.source_kind, color);
  row(out, "digest", s.manifest_digest, color);
  row(out, "config", s.config_digest, color);
  row(out, "os", s.os + (s.architecture.empty() ? "" : "  " + s.architecture), color);
  row(out, "created", s.created.empty() ? "unknown" : s.created, color);
  std::string size = human_size(s.size);
  if (s.uncompressed_size != s.size) size += " (" + human_size(s.uncompressed_size) + " uncompressed)";
  size += ", " + std::to_string(s.layers.size()) + (s.layers.size() == 1 ? " layer, " : " layers, ") +
          std::to_string(s.files) + " files";
  row(out, "size", size, color);
  if (s.source_kind != "rootfs") row(out, "user", s.user.empty() ? "root (no User set)" : s.user, color);
  if (!s.entrypoint.empty()) row(out, "entrypoint", list_text(s.entrypoint), color);
  if (!s.cmd.empty()) row(out, "cmd", list_text(s.cmd), color);
  if (!s.exposed_ports.empty()) row(out, "ports", join(s.exposed_ports, " "), color);
  if (!s.package_counts.empty()) {
    std::string line;
    size_t total = 0;
    for (const auto& [type, count] : s.package_counts) {
      line += (line.empty() ? "" : ", ") + type + " " + std::to_string(count);
      total += count;
    }
    row(out, "packages", std::to_string(total) + " (" + line + ")", color);
  }
  if (!s.base_image.empty())
    row(out, "base image", s.base_image + " (from " + s.base_image_source + ")", color);
  for (const auto& l : s.layers) {
    std::string line = std::to_string(l.index) + "  " +
                       short_digest(l.digest.empty() ? l.diff_id : l.digest) + "  " + human_size(l.size);
    line.resize(std::max<size_t>(line.size(), 30), ' ');
    line += truncate_utf8(l.created_by.empty() ? "-" : l.created_by, kCommandBytes);
    if (l.from_cache) line += "  (cached)";
    row(out, l.index == 0 ? "layers" : "", line, color);
  }
  return out + "\n";
}

}  // namespace customs
