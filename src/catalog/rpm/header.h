#pragma once
// RPM header blobs as an rpm database stores them (no lead, no signature, no 8-byte magic):
//   il (uint32 BE)  number of index entries
//   dl (uint32 BE)  size of the data store
//   il x 16 bytes   entries {tag, type, offset, count}, each uint32 BE
//   dl bytes        data store; entry offsets are relative to its start
// Region tags (61-63) may head the index; they are ignored. The bytes may be hostile: every
// offset and count is checked against the data store before anything is read.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/package.h"

namespace customs {

// The tags customs reads (rpm's lib/rpmtag.h numbers).
enum RpmTag : uint32_t {
  kRpmTagName = 1000,
  kRpmTagVersion = 1001,
  kRpmTagRelease = 1002,
  kRpmTagEpoch = 1003,
  kRpmTagSize = 1009,
  kRpmTagVendor = 1011,
  kRpmTagLicense = 1014,
  kRpmTagUrl = 1020,
  kRpmTagArch = 1022,
  kRpmTagOldFilenames = 1027,
  kRpmTagSourceRpm = 1044,
  kRpmTagDirIndexes = 1116,
  kRpmTagBasenames = 1117,
  kRpmTagDirnames = 1118,
};

// The index of one header blob over the caller's bytes (which must outlive it).
class RpmHeader {
 public:
  // Checks il/dl against the blob size and against sane limits; entries whose offset lies
  // outside the data store are kept but read as absent.
  static Result<RpmHeader> parse(std::string_view blob);

  // A STRING, or the first of a STRING_ARRAY / I18NSTRING; nullopt when absent, of another
  // type, or not NUL-terminated inside the data store.
  std::optional<std::string_view> string(uint32_t tag) const;
  // A STRING_ARRAY (or a STRING as one element); empty when absent or malformed.
  std::vector<std::string_view> strings(uint32_t tag) const;
  // An INT32 array; nullopt when absent, of another type or running past the data store.
  std::optional<std::vector<uint32_t>> int32s(uint32_t tag) const;
  bool has(uint32_t tag) const { return find(tag) != nullptr; }

 private:
  struct Entry {
    uint32_t tag;
    uint32_t type;
    uint32_t offset;
    uint32_t count;
  };
  const Entry* find(uint32_t tag) const;

  std::string_view data_;       // the data store
  std::vector<Entry> entries_;  // sorted by tag
};

// The package a header describes: type kRpm, name, "[epoch:]version-release", arch, licences,
// supplier, homepage, source rpm, files. nullopt for rpm's "gpg-pubkey" pseudo packages (imported
// signing keys). kInvalidInput when the blob is malformed or has no NAME/VERSION. Problems that
// still leave a package (an inconsistent file list) are appended to `warnings` when given.
Result<std::optional<Package>> rpm_package_from_header(std::string_view blob,
                                                       std::vector<std::string>* warnings = nullptr);

// "openssl-3.0.7-16.el9_2.src.rpm" -> {"openssl", "3.0.7-16.el9_2"}; {"", ""} when it is not
// name-version-release.{src,nosrc}.rpm.
std::pair<std::string, std::string> split_source_rpm(std::string_view source_rpm);

}  // namespace customs
