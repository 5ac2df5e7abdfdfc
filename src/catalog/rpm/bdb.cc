// Berkeley DB hash databases (rpm's "Packages" up to rpm 4.15), read from bytes. Layout (libdb's
// dbinc/db_page.h), every integer in the byte order of the machine that wrote the file:
//   page 0: hash meta page: magic 0x061561 at 12, page size at 20, encryption at 24, page type 8
//           at 25, last page number at 32.
//   hash pages (type 13, or 2 in old unsorted databases): a 26-byte header (page number at 8,
//           next page at 16, entry count at 20 as uint16, type at 25), then `entries` uint16
//           offsets of items stored from the end of the page down; items alternate key, value.
//   items:  H_KEYDATA (1): the bytes inline; H_OFFPAGE (3): {type, 3 pad, pgno, total length}
//           pointing at a chain of overflow pages (type 7) whose header's "high free offset"
//           field (22) is the number of data bytes on that page.
// Keys are uint32 header numbers; key 0 holds rpm's instance counter and is not a package.
#include <string>

#include "catalog/rpm/rpmdb.h"
#include "catalog/util.h"

namespace customs {
namespace {

constexpr uint32_t kHashMagic = 0x061561;
constexpr uint8_t kPageHashUnsorted = 2;
constexpr uint8_t kPageOverflow = 7;
constexpr uint8_t kPageHashMeta = 8;
constexpr uint8_t kPageHash = 13;
constexpr uint8_t kItemKeyData = 1;
constexpr uint8_t kItemOffPage = 3;
constexpr size_t kPageHeaderSize = 26;
constexpr size_t kOffPageItemSize = 12;

// The file with its byte order and geometry, all reads bounds-checked.
class BdbFile {
 public:
  explicit BdbFile(std::string_view bytes) : bytes_(bytes) {}

  // Reads the meta page; "" on success, else what is wrong.
  std::string open() {
    if (bytes_.size() < 512) return "shorter than a Berkeley DB meta page";
    if (read32(12, false) == kHashMagic) {
      big_endian_ = false;
    } else if (read32(12, true) == kHashMagic) {
      big_endian_ = true;
    } else {
      return "not a Berkeley DB hash database";
    }
    page_size_ = read32(20);
    if (page_size_ < 512 || page_size_ > 65536 || (page_size_ & (page_size_ - 1)) != 0) {
      return "page size " + std::to_string(page_size_) + " is not a power of two in 512..65536";
    }
    if (static_cast<uint8_t>(bytes_[24]) != 0) return "encrypted database";
    if (static_cast<uint8_t>(bytes_[25]) != kPageHashMeta) return "page 0 is not a hash meta page";
    last_page_ = read32(32);
    return {};
  }

  uint32_t page_size() const { return page_size_; }
  uint32_t last_page() const { return last_page_; }
  // Pages wholly inside the bytes.
  uint64_t pages_present() const { return bytes_.size() / page_size_; }
  bool has_page(uint32_t pgno) const { return pgno <= last_page_ && pgno < pages_present(); }
  std::string_view page(uint32_t pgno) const {
    return bytes_.substr(static_cast<size_t>(pgno) * page_size_, page_size_);
  }
  uint32_t read32(size_t offset) const { return read32(offset, big_endian_); }
  uint32_t read32(std::string_view s, size_t offset) const { return read_n(s, offset, 4, big_endian_); }
  uint16_t read16(std::string_view s, size_t offset) const {
    return static_cast<uint16_t>(read_n(s, offset, 2, big_endian_));
  }

 private:
  uint32_t read32(size_t offset, bool big) const { return read_n(bytes_, offset, 4, big); }
  static uint32_t read_n(std::string_view s, size_t offset, size_t n, bool big) {
    uint32_t v = 0;
    for (size_t i = 0; i < n; ++i) {
      uint32_t b = static_cast<uint8_t>(s[offset + (big ? i : n - 1 - i)]);
      v = (v << 8) | b;
    }
    return v;
  }

  std::string_view bytes_;
  bool big_endian_ = false;
  uint32_t page_size_ = 0;
  uint32_t last_page_ = 0;
};

// Concatenates the overflow chain starting at `pgno` into `value`; "" on success, else the problem.
// The chain is followed at most once per page of the file, so a loop ends.
std::string read_overflow(const BdbFile& db, uint32_t pgno, uint32_t total, std::string& value) {
  value.clear();
  if (total > uint64_t{db.pages_present()} * db.page_size()) return "item longer than the file";
  value.reserve(total);
  for (uint64_t steps = 0; pgno != 0; ++steps) {
    if (steps > db.last_page()) return "overflow page chain loops";
    if (!db.has_page(pgno)) return "overflow page " + std::to_string(pgno) + " is past the end of the file";
    std::string_view page = db.page(pgno);
    if (static_cast<uint8_t>(page[25]) != kPageOverflow)
      return "page " + std::to_string(pgno) + " is not an overflow page";
    size_t len = db.read16(page, 22);
    if (len > page.size() - kPageHeaderSize || value.size() + len > total) {
      return "overflow page " + std::to_string(pgno) + " holds more than the item";
    }
    value.append(page.substr(kPageHeaderSize, len));
    pgno = db.read32(page, 16);
  }
  if (value.size() != total) return "overflow chain ends early";
  return {};
}

// Item `index` of a hash page: it spans from its offset to the previous item's (or the page end).
std::string_view page_item(const BdbFile& db, std::string_view page, uint16_t entries, uint16_t index) {
  size_t table_end = kPageHeaderSize + size_t{entries} * 2;
  size_t start = db.read16(page, kPageHeaderSize + size_t{index} * 2);
  size_t end = index == 0 ? page.size() : db.read16(page, kPageHeaderSize + (size_t{index} - 1) * 2);
  if (start < table_end || start >= end || end > page.size()) return {};
  return page.substr(start, end - start);
}

struct PageWalk {
  const BdbFile& db;
  const CatalogFile& file;
  CatalogResult& out;
  const RpmBlobSink& sink;
  std::string value;  // reused buffer for overflow items
  // Overflow bytes still allowed: each overflow page belongs to one item in a sound file, so the
  // items together are no longer than the file; hostile items sharing one chain are cut off.
  uint64_t overflow_budget;
};

void read_pair(PageWalk& w, uint32_t pgno, std::string_view key, std::string_view data) {
  if (key.size() != 5 || static_cast<uint8_t>(key[0]) != kItemKeyData) return;  // not a header-number key
  uint32_t record = w.db.read32(key, 1);
  if (record == 0 || data.empty()) return;  // rpm's instance counter
  auto type = static_cast<uint8_t>(data[0]);
  if (type == kItemKeyData) {
    w.sink(record, data.substr(1));
    return;
  }
  if (type != kItemOffPage || data.size() < kOffPageItemSize) {
    add_diag(w.out, w.file, "rpm.bdb-item",
             "page " + std::to_string(pgno) + ": record " + std::to_string(record) +
                 " has an unsupported item type " + std::to_string(type));
    return;
  }
  uint32_t total = w.db.read32(data, 8);
  if (total > w.overflow_budget) {
    add_diag(w.out, w.file, "rpm.bdb-overflow",
             "record " + std::to_string(record) + ": overflow pages already read");
    return;
  }
  w.overflow_budget -= total;
  std::string problem = read_overflow(w.db, w.db.read32(data, 4), total, w.value);
  if (!problem.empty()) {
    add_diag(w.out, w.file, "rpm.bdb-overflow", "record " + std::to_string(record) + ": " + problem);
    return;
  }
  w.sink(record, w.value);
}

void read_hash_page(PageWalk& w, uint32_t pgno) {
  std::string_view page = w.db.page(pgno);
  uint16_t entries = w.db.read16(page, 20);
  if (kPageHeaderSize + size_t{entries} * 2 > page.size() || entries % 2 != 0) {
    add_diag(w.out, w.file, "rpm.bdb-page", "hash page " + std::to_string(pgno) + " has a bad entry count");
    return;
  }
  for (uint16_t i = 0; i + 1 < entries; i += 2) {
    std::string_view key = page_item(w.db, page, entries, i);
    std::string_view data = page_item(w.db, page, entries, static_cast<uint16_t>(i + 1));
    if (key.empty() || data.empty()) {
      add_diag(w.out, w.file, "rpm.bdb-page",
               "hash page " + std::to_string(pgno) + ": item offsets out of order");
      return;
    }
    read_pair(w, pgno, key, data);
  }
}

}  // namespace

void read_rpm_bdb(const CatalogFile& file, CatalogResult& out, const RpmBlobSink& sink) {
  if (file.truncated)
    add_diag(out, file, "rpm.truncated", "the database was cut short; only its first pages were read");
  BdbFile db(file.content);
  if (std::string problem = db.open(); !problem.empty()) {
    add_diag(out, file, "rpm.bad-magic", problem);
    return;
  }
  if (uint64_t{db.last_page()} >= db.pages_present()) {
    add_diag(out, file, "rpm.truncated",
             "the meta page names page " + std::to_string(db.last_page()) + " but the file holds " +
                 std::to_string(db.pages_present()) + " pages");
  }
  PageWalk walk{db, file, out, sink, {}, file.content.size()};
  for (uint32_t pgno = 1; db.has_page(pgno); ++pgno) {
    auto type = static_cast<uint8_t>(db.page(pgno)[25]);
    if (type == kPageHash || type == kPageHashUnsorted) read_hash_page(walk, pgno);
  }
}

}  // namespace customs
