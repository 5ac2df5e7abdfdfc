// rpm's "ndb" package database (Packages.db, lib/backend/ndb/rpmpkg.c), read from bytes. All
// integers are little-endian:
//   header (32 bytes): "RpmP", version 0, generation, slot page count, next package index.
//   slot pages: slotnpages x 4096 bytes of 16-byte slots {"Slot", pkgidx, blkoff, blkcnt}; the
//           header takes the first two slots of page 0. blkoff 0 marks a free slot.
//   blobs at blkoff x 16, blkcnt x 16 bytes long: head {"BlbS", pkgidx, timestamp, bloblen},
//           the header blob, zero padding, tail {adler32, bloblen, "BlbE"}.
// Like rpm when it reads a package, the adler32 is not verified; the head, the length and the
// tail are.
#include <string>

#include "catalog/rpm/rpmdb.h"
#include "catalog/util.h"

namespace customs {
namespace {

constexpr std::string_view kHeaderMagic = "RpmP";
constexpr std::string_view kSlotMagic = "Slot";
constexpr std::string_view kBlobHeadMagic = "BlbS";
constexpr std::string_view kBlobTailMagic = "BlbE";
constexpr size_t kHeaderSize = 32;
constexpr size_t kSlotSize = 16;
constexpr size_t kSlotPageSize = 4096;
constexpr size_t kBlockSize = 16;
constexpr size_t kBlobHeadSize = 16;
constexpr size_t kBlobTailSize = 12;

uint32_t le32(std::string_view s, size_t offset) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v |= uint32_t{static_cast<uint8_t>(s[offset + i])} << (8 * i);
  return v;
}

struct Slot {
  uint32_t pkgidx;
  uint32_t blkoff;
  uint32_t blkcnt;
};

// The blob a slot points at, or "" with `problem` set.
std::string_view slot_blob(std::string_view bytes, const Slot& slot, std::string& problem) {
  uint64_t start = uint64_t{slot.blkoff} * kBlockSize;
  uint64_t size = uint64_t{slot.blkcnt} * kBlockSize;
  if (size < kBlobHeadSize + kBlobTailSize || start + size > bytes.size()) {
    problem = "blob is past the end of the file";
    return {};
  }
  std::string_view block = bytes.substr(static_cast<size_t>(start), static_cast<size_t>(size));
  uint32_t length = le32(block, 12);
  if (block.substr(0, 4) != kBlobHeadMagic || le32(block, 4) != slot.pkgidx) {
    problem = "blob head does not match its slot";
    return {};
  }
  if ((kBlobHeadSize + uint64_t{length} + kBlobTailSize + kBlockSize - 1) / kBlockSize != slot.blkcnt) {
    problem = "blob length does not match its block count";
    return {};
  }
  std::string_view tail = block.substr(block.size() - kBlobTailSize);
  if (le32(tail, 4) != length || tail.substr(8, 4) != kBlobTailMagic) {
    problem = "blob tail is damaged";
    return {};
  }
  if (length == 0) problem = "empty blob";
  return block.substr(kBlobHeadSize, length);
}

}  // namespace

void read_rpm_ndb(const CatalogFile& file, CatalogResult& out, const RpmBlobSink& sink) {
  if (file.truncated)
    add_diag(out, file, "rpm.truncated", "the database was cut short; only its first pages were read");
  std::string_view bytes = file.content;
  if (bytes.size() < kHeaderSize || bytes.substr(0, 4) != kHeaderMagic) {
    add_diag(out, file, "rpm.bad-magic", "not an rpm ndb database (no \"RpmP\" header)");
    return;
  }
  if (uint32_t version = le32(bytes, 4); version != 0) {
    add_diag(out, file, "rpm.ndb-version", "unsupported ndb version " + std::to_string(version));
    return;
  }
  uint64_t slot_end = uint64_t{le32(bytes, 12)} * kSlotPageSize;
  if (slot_end > bytes.size()) {
    add_diag(out, file, "rpm.truncated", "the slot pages run past the end of the file");
    slot_end = bytes.size() - bytes.size() % kSlotSize;
  }
  // Blobs start after the slot pages; a slot pointing into them is corrupt.
  uint64_t first_block = slot_end / kBlockSize;
  for (size_t offset = kHeaderSize; offset + kSlotSize <= slot_end; offset += kSlotSize) {
    if (bytes.substr(offset, 4) != kSlotMagic) {
      add_diag(out, file, "rpm.ndb-slot", "bad slot magic at offset " + std::to_string(offset));
      return;
    }
    Slot slot{le32(bytes, offset + 4), le32(bytes, offset + 8), le32(bytes, offset + 12)};
    if (slot.blkoff == 0 || slot.pkgidx == 0) continue;  // free slot
    std::string problem = "blob overlaps the slot pages";
    std::string_view blob = slot.blkoff < first_block ? std::string_view() : slot_blob(bytes, slot, problem);
    if (blob.empty()) {
      add_diag(out, file, "rpm.ndb-blob", "package " + std::to_string(slot.pkgidx) + ": " + problem);
      continue;
    }
    sink(slot.pkgidx, blob);
  }
}

}  // namespace customs
