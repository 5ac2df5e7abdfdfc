#include "catalog/rpm/header.h"

#include <algorithm>

#include "catalog/util.h"

namespace customs {
namespace {

// rpm's header value types.
constexpr uint32_t kTypeInt32 = 4;
constexpr uint32_t kTypeString = 6;
constexpr uint32_t kTypeStringArray = 8;
constexpr uint32_t kTypeI18nString = 9;

// rpm itself refuses headers past these (hdrchkTags / hdrchkData in lib/header.c).
constexpr uint32_t kMaxIndexEntries = 0xffff;
constexpr uint32_t kMaxDataBytes = 256u << 20;

uint32_t be32(const char* p) {
  auto b = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | uint32_t{b[3]};
}

// The NUL-terminated string at `offset` of `data`, or nullopt when it runs past the end.
std::optional<std::string_view> c_string_at(std::string_view data, size_t offset) {
  if (offset >= data.size()) return std::nullopt;
  size_t nul = data.find('\0', offset);
  if (nul == std::string_view::npos) return std::nullopt;
  return data.substr(offset, nul - offset);
}

std::string strip_leading_slashes(std::string path) {
  size_t n = path.find_first_not_of('/');
  path.erase(0, n == std::string::npos ? path.size() : n);
  return path;
}

}  // namespace

Result<RpmHeader> RpmHeader::parse(std::string_view blob) {
  if (blob.size() < 8) return make_error(ErrorKind::kInvalidInput, "header blob shorter than 8 bytes");
  uint32_t il = be32(blob.data());
  uint32_t dl = be32(blob.data() + 4);
  if (il == 0 || il > kMaxIndexEntries || dl > kMaxDataBytes) {
    return make_error(ErrorKind::kInvalidInput, "header blob with " + std::to_string(il) + " entries and " +
                                                    std::to_string(dl) + " data bytes");
  }
  uint64_t need = 8 + uint64_t{il} * 16 + dl;
  if (need > blob.size()) {
    return make_error(ErrorKind::kInvalidInput, "header blob of " + std::to_string(blob.size()) +
                                                    " bytes declares " + std::to_string(need));
  }
  RpmHeader h;
  h.data_ = blob.substr(8 + size_t{il} * 16, dl);
  h.entries_.reserve(il);
  for (uint32_t i = 0; i < il; ++i) {
    const char* e = blob.data() + 8 + size_t{i} * 16;
    h.entries_.push_back(Entry{be32(e), be32(e + 4), be32(e + 8), be32(e + 12)});
  }
  std::stable_sort(h.entries_.begin(), h.entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.tag < b.tag; });
  return h;
}

const RpmHeader::Entry* RpmHeader::find(uint32_t tag) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), tag,
                             [](const Entry& e, uint32_t t) { return e.tag < t; });
  return it != entries_.end() && it->tag == tag ? &*it : nullptr;
}

std::optional<std::string_view> RpmHeader::string(uint32_t tag) const {
  const Entry* e = find(tag);
  if (e == nullptr || e->count == 0) return std::nullopt;
  if (e->type != kTypeString && e->type != kTypeStringArray && e->type != kTypeI18nString)
    return std::nullopt;
  return c_string_at(data_, e->offset);
}

std::vector<std::string_view> RpmHeader::strings(uint32_t tag) const {
  std::vector<std::string_view> out;
  const Entry* e = find(tag);
  if (e == nullptr) return out;
  if (e->type != kTypeString && e->type != kTypeStringArray && e->type != kTypeI18nString) return out;
  uint32_t count = e->type == kTypeString ? 1 : e->count;
  // Every string takes at least one byte, so a count above the data size is a lie.
  if (count > data_.size()) return out;
  out.reserve(count);
  size_t offset = e->offset;
  for (uint32_t i = 0; i < count; ++i) {
    auto s = c_string_at(data_, offset);
    if (!s) return {};
    out.push_back(*s);
    offset += s->size() + 1;
  }
  return out;
}

std::optional<std::vector<uint32_t>> RpmHeader::int32s(uint32_t tag) const {
  const Entry* e = find(tag);
  if (e == nullptr || e->type != kTypeInt32) return std::nullopt;
  if (uint64_t{e->offset} + uint64_t{e->count} * 4 > data_.size()) return std::nullopt;
  std::vector<uint32_t> out(e->count);
  for (uint32_t i = 0; i < e->count; ++i) out[i] = be32(data_.data() + e->offset + size_t{i} * 4);
  return out;
}

std::pair<std::string, std::string> split_source_rpm(std::string_view source_rpm) {
  std::string_view s = source_rpm;
  if (ends_with(s, ".src.rpm")) {
    s.remove_suffix(8);
  } else if (ends_with(s, ".nosrc.rpm")) {
    s.remove_suffix(10);
  } else {
    return {};
  }
  size_t release_dash = s.rfind('-');
  if (release_dash == std::string_view::npos || release_dash == 0) return {};
  size_t version_dash = s.rfind('-', release_dash - 1);
  if (version_dash == std::string_view::npos || version_dash == 0) return {};
  return {std::string(s.substr(0, version_dash)), std::string(s.substr(version_dash + 1))};
}

namespace {

// Files as dirnames[dirindexes[i]] + basenames[i] (rpm >= 4.0), else OLDFILENAMES (rpm 3).
// Returns false when the three arrays disagree.
bool read_files(const RpmHeader& h, std::vector<std::string>& files) {
  std::vector<std::string_view> basenames = h.strings(kRpmTagBasenames);
  if (basenames.empty()) {
    for (std::string_view f : h.strings(kRpmTagOldFilenames))
      files.push_back(strip_leading_slashes(std::string(f)));
    return true;
  }
  std::vector<std::string_view> dirnames = h.strings(kRpmTagDirnames);
  auto indexes = h.int32s(kRpmTagDirIndexes);
  if (!indexes || indexes->size() != basenames.size()) return false;
  files.reserve(basenames.size());
  for (size_t i = 0; i < basenames.size(); ++i) {
    uint32_t dir = (*indexes)[i];
    if (dir >= dirnames.size()) {
      files.clear();
      return false;
    }
    std::string path;
    path.reserve(dirnames[dir].size() + basenames[i].size());
    path.append(dirnames[dir]).append(basenames[i]);
    files.push_back(strip_leading_slashes(std::move(path)));
  }
  return true;
}

}  // namespace

Result<std::optional<Package>> rpm_package_from_header(std::string_view blob,
                                                       std::vector<std::string>* warnings) {
  auto parsed = RpmHeader::parse(blob);
  if (!parsed) return parsed.error();
  const RpmHeader& h = *parsed;
  auto name = h.string(kRpmTagName);
  auto version = h.string(kRpmTagVersion);
  if (!name || name->empty() || !version)
    return make_error(ErrorKind::kInvalidInput, "header without NAME or VERSION");
  if (*name == "gpg-pubkey") return std::optional<Package>();

  Package p;
  p.type = PackageType::kRpm;
  p.name = std::string(*name);
  std::string version_release(*version);
  std::string_view release = h.string(kRpmTagRelease).value_or("");
  if (!release.empty()) version_release.append("-").append(release);
  // The epoch is shown only when the header has the EPOCH tag: "0:1.0-1" and "1.0-1" are the same
  // version to rpm, but vulnerability data (OVAL, OSV) writes the epoch exactly when the package
  // declares one, so the presence of the tag is kept.
  auto epoch = h.int32s(kRpmTagEpoch);
  std::string epoch_prefix = epoch && !epoch->empty() ? std::to_string((*epoch)[0]) + ":" : "";
  p.version = epoch_prefix + version_release;
  p.arch = std::string(h.string(kRpmTagArch).value_or(""));
  if (auto license = h.string(kRpmTagLicense); license && !license->empty())
    p.licenses.emplace_back(*license);
  p.supplier = std::string(h.string(kRpmTagVendor).value_or(""));
  p.homepage = std::string(h.string(kRpmTagUrl).value_or(""));

  auto [source_name, source_version] = split_source_rpm(h.string(kRpmTagSourceRpm).value_or(""));
  p.source_name = std::move(source_name);
  // The source rpm's file name has no epoch; the binary's applies to it (as in rpm's own
  // %{SOURCERPM} handling and in vulnerability feeds keyed by source package).
  if (!source_version.empty() && source_version != version_release)
    p.source_version = epoch_prefix + source_version;

  if (!read_files(h, p.files) && warnings != nullptr) {
    warnings->push_back("package " + p.name +
                        ": BASENAMES, DIRNAMES and DIRINDEXES disagree; files left out");
  }
  return std::optional<Package>(std::move(p));
}

}  // namespace customs
