#include "io/entry.h"

#include <algorithm>
#include <cstdio>

namespace customs {

namespace {

constexpr size_t kMaxShownName = 256;
constexpr size_t kContentChunk = size_t{64} << 10;

constexpr std::string_view kTypeNames[] = {
    "file",         "directory", "symlink",  "hardlink",        "char device",
    "block device", "fifo",      "whiteout", "opaque whiteout",
};
static_assert(std::size(kTypeNames) == static_cast<size_t>(EntryType::kOpaqueWhiteout) + 1);

Error bad_name(std::string_view raw, std::string_view problem) {
  return make_error(ErrorKind::kInvalidInput, "entry " + quote_entry_name(raw) + ": " + std::string(problem));
}

}  // namespace

std::string_view to_string(EntryType t) {
  auto i = static_cast<size_t>(t);
  return i < std::size(kTypeNames) ? kTypeNames[i] : "unknown";
}

std::string quote_entry_name(std::string_view raw) {
  std::string out = "'";
  for (size_t i = 0; i < raw.size() && i < kMaxShownName; ++i) {
    auto c = static_cast<unsigned char>(raw[i]);
    if (c < 0x20 || c == 0x7f) {
      char esc[5];
      std::snprintf(esc, sizeof esc, "\\x%02x", c);
      out += esc;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (raw.size() > kMaxShownName) out += "...";
  return out + "'";
}

Result<std::string> normalize_entry_path(std::string_view raw, const EntryLimits& limits,
                                         bool allow_absolute) {
  if (raw.empty()) return bad_name(raw, "empty name");
  if (raw.find('\0') != std::string_view::npos) return bad_name(raw, "name contains a NUL byte");
  if (raw.size() > limits.max_path_bytes)
    return bad_name(raw, "name is longer than " + std::to_string(limits.max_path_bytes) + " bytes");
  if (raw.front() == '/' && !allow_absolute) return bad_name(raw, "absolute name");

  std::string out;
  out.reserve(raw.size());
  size_t depth = 0;
  size_t pos = 0;
  while (pos <= raw.size()) {
    size_t end = std::min(raw.find('/', pos), raw.size());
    std::string_view part = raw.substr(pos, end - pos);
    pos = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") return bad_name(raw, "name has a '..' component");
    if (++depth > limits.max_path_depth)
      return bad_name(raw, "name is deeper than " + std::to_string(limits.max_path_depth) + " components");
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

Result<std::string> read_entry_content(EntryReader& reader, uint64_t max_bytes, bool* truncated) {
  if (truncated) *truncated = false;
  std::string out;
  while (out.size() < max_bytes) {
    size_t old = out.size();
    size_t want = static_cast<size_t>(std::min<uint64_t>(kContentChunk, max_bytes - old));
    out.resize(old + want);
    auto got = reader.read(out.data() + old, want);
    if (!got.ok()) return got.error();
    out.resize(old + *got);
    if (*got == 0) return out;
  }
  // At the bound: one more byte tells whether there was more.
  char probe;
  auto more = reader.read(&probe, 1);
  if (!more.ok()) return more.error();
  if (truncated) *truncated = *more > 0;
  return out;
}

}  // namespace customs
