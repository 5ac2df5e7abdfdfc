// Platform choice in multi-platform indexes, with the normalisations containerd applies:
// architecture aliases (x86_64 -> amd64, aarch64 -> arm64) and default variants (arm64 -> v8,
// arm -> v7), so "linux/arm64" matches an entry "linux/arm64/v8".
#include <algorithm>

#include "core/strings.h"
#include "sources/image/parse.h"

namespace customs {

namespace {

constexpr std::string_view kDefaultPlatform = "linux/amd64";

struct Alias {
  std::string_view from, to;
};
constexpr Alias kArchAliases[] = {
    {"x86_64", "amd64"}, {"x86-64", "amd64"}, {"aarch64", "arm64"}, {"armhf", "arm"}};
constexpr Alias kDefaultVariants[] = {{"arm64", "v8"}, {"arm", "v7"}};

Platform normalized(const Platform& p) {
  Platform n = p;
  n.os = to_lower(p.os);
  n.architecture = to_lower(p.architecture);
  n.variant = to_lower(p.variant);
  for (const Alias& a : kArchAliases)
    if (n.architecture == a.from) n.architecture = a.to;
  for (const Alias& d : kDefaultVariants)
    if (n.architecture == d.from && n.variant.empty()) n.variant = d.to;
  return n;
}

bool is_attestation(const Descriptor& d) {
  auto type = d.annotations.find("vnd.docker.reference.type");
  if (type != d.annotations.end() && type->second == "attestation-manifest") return true;
  return d.platform && d.platform->os == "unknown" && d.platform->architecture == "unknown";
}

// 2 = exact (after normalising), 1 = same os/arch where no variant was asked for, 0 = no match.
int match_rank(const Platform& wanted, const Platform& have) {
  Platform w = normalized(wanted), h = normalized(have);
  if (w.os != h.os || w.architecture != h.architecture) return 0;
  if (w.variant == h.variant) return 2;
  return w.variant.empty() ? 1 : 0;
}

std::string available(const std::vector<const Descriptor*>& entries) {
  std::vector<std::string> names;
  for (const Descriptor* d : entries) {
    std::string name = d->platform ? d->platform->to_string() : "(no platform)";
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names.empty() ? "none" : join(names, ", ");
}

}  // namespace

Result<Platform> parse_platform(std::string_view text) {
  std::vector<std::string> parts = split(text, '/');
  bool empty_part = std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); });
  if (parts.size() < 2 || parts.size() > 3 || empty_part)
    return make_error(ErrorKind::kUsage,
                      "invalid platform '" + std::string(text) + "': expected os/arch[/variant]");
  Platform p;
  p.os = to_lower(parts[0]);
  p.architecture = to_lower(parts[1]);
  if (parts.size() == 3) p.variant = to_lower(parts[2]);
  return p;
}

Result<Descriptor> select_platform(const ImageIndex& index, std::string_view wanted,
                                   const std::string& what) {
  auto want = parse_platform(wanted.empty() ? kDefaultPlatform : wanted);
  if (!want.ok()) return want.error();
  std::vector<const Descriptor*> images;
  for (const Descriptor& d : index.manifests)
    if (!is_attestation(d)) images.push_back(&d);
  if (images.empty()) return make_error(ErrorKind::kInvalidInput, what + ": the index lists no images");
  if (images.size() == 1 && !images[0]->platform) return *images[0];
  const Descriptor* best = nullptr;
  int best_rank = 0;
  for (const Descriptor* d : images) {
    int rank = d->platform ? match_rank(*want, *d->platform) : 0;
    if (rank > best_rank) best = d, best_rank = rank;
  }
  if (best == nullptr)
    return make_error(ErrorKind::kNotFound, what + ": no image for platform " + want->to_string() +
                                                "; available: " + available(images));
  return *best;
}

}  // namespace customs
