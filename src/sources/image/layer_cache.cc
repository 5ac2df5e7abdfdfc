// Layer results on disk. Encoding (little endian): "CUSTOMSL", u32 format version, the fields in
// declaration order (strings as u32 length + bytes, counts as u64), then the SHA-256 hex of all
// of the above. Decoding checks every length against the bytes left and every count against the
// smallest possible item, so no input makes it allocate more than the input could hold.
#include "sources/image/layer_cache.h"

#include <algorithm>
#include <ctime>

#include "core/hash.h"
#include "io/stream.h"

namespace customs {
namespace {

constexpr std::string_view kMagic = "CUSTOMSL";
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kHashSize = 64;
constexpr std::string_view kSuffix = ".bin";
// Smallest encodings: an entry is a path, type, size, mode, uid, gid, mtime and link target; a
// record four strings; a diagnostic level, two strings and a Location (four strings, five ints).
constexpr size_t kString = 4;
constexpr size_t kMinEntry = kString + 1 + 8 + 4 + 4 + 4 + 8 + kString;
constexpr size_t kMinRecord = 4 * kString;
constexpr size_t kInt = 4;
constexpr size_t kMinDiagnostic = 1 + 2 * kString + 4 * kString + 5 * kInt;

class Writer {
 public:
  void u8(uint8_t v) { out_ += static_cast<char>(v); }
  void u32(uint32_t v) { le(v, 4); }
  void u64(uint64_t v) { le(v, 8); }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    out_ += s;
  }
  std::string& out() { return out_; }

 private:
  void le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_ += static_cast<char>((v >> (8 * i)) & 0xff);
  }
  std::string out_;
};

// Reads fields off the front of the bytes; the first failure sticks and later reads return zeros.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  size_t left() const { return in_.size(); }
  uint8_t u8() { return static_cast<uint8_t>(le(1)); }
  uint32_t u32() { return static_cast<uint32_t>(le(4)); }
  uint64_t u64() { return le(8); }
  int32_t i32() { return static_cast<int32_t>(u32()); }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  std::string str() {
    uint32_t n = u32();
    if (!ok_ || n > in_.size()) return fail<std::string>();
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  // A count of items of at least `min_size` bytes each; fails when the rest cannot hold them.
  size_t count(size_t min_size) {
    uint64_t n = u64();
    if (!ok_ || n > in_.size() / min_size) return fail<size_t>();
    return static_cast<size_t>(n);
  }
  template <typename T>
  T fail() {
    ok_ = false;
    in_ = {};
    return T{};
  }

 private:
  uint64_t le(size_t n) {
    if (!ok_ || in_.size() < n) return fail<uint64_t>();
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t{static_cast<uint8_t>(in_[i])} << (8 * i);
    in_.remove_prefix(n);
    return v;
  }
  std::string_view in_;
  bool ok_ = true;
};

void put_location(Writer& w, const Location& l) {
  for (const std::string* s : {&l.file, &l.layer_digest, &l.layer_created_by, &l.path}) w.str(*s);
  for (int v : {l.line, l.column, l.end_line, l.end_column, l.layer_index}) w.i32(v);
}

Location get_location(Reader& r) {
  Location l;
  for (std::string* s : {&l.file, &l.layer_digest, &l.layer_created_by, &l.path}) *s = r.str();
  for (int* v : {&l.line, &l.column, &l.end_line, &l.end_column, &l.layer_index}) *v = r.i32();
  return l;
}

void put_entry(Writer& w, const FsEntry& e) {
  w.str(e.path);
  w.u8(static_cast<uint8_t>(e.type));
  w.u64(e.size);
  w.u32(e.mode);
  w.u32(e.uid);
  w.u32(e.gid);
  w.i64(e.mtime);
  w.str(e.link_target);
}

FsEntry get_entry(Reader& r) {
  FsEntry e;
  e.path = r.str();
  uint8_t type = r.u8();
  if (type > static_cast<uint8_t>(EntryType::kOpaqueWhiteout)) return r.fail<FsEntry>();
  e.type = static_cast<EntryType>(type);
  e.size = r.u64();
  e.mode = r.u32();
  e.uid = r.u32();
  e.gid = r.u32();
  e.mtime = r.i64();
  e.link_target = r.str();
  return e;
}

Diagnostic get_diagnostic(Reader& r) {
  Diagnostic d;
  uint8_t level = r.u8();
  if (level > static_cast<uint8_t>(DiagLevel::kError)) return r.fail<Diagnostic>();
  d.level = static_cast<DiagLevel>(level);
  d.code = r.str();
  d.message = r.str();
  d.where = get_location(r);
  return d;
}

Error damaged(const std::string& why) {
  return make_error(ErrorKind::kInvalidInput, "layer cache entry: " + why);
}

}  // namespace

std::string encode_layer_result(const LayerResult& result) {
  Writer w;
  w.out() += kMagic;
  w.u32(kFormatVersion);
  w.u64(result.index);
  w.str(result.blob_digest);
  w.str(result.diff_id);
  w.u64(result.blob_size);
  w.u64(result.uncompressed_size);
  w.u64(result.entries.size());
  for (const auto& e : result.entries) put_entry(w, e);
  w.u64(result.records.size());
  for (const auto& rec : result.records)
    for (const std::string* s : {&rec.analyzer, &rec.path, &rec.kind, &rec.data}) w.str(*s);
  w.u64(result.diagnostics.size());
  for (const auto& d : result.diagnostics) {
    w.u8(static_cast<uint8_t>(d.level));
    w.str(d.code);
    w.str(d.message);
    put_location(w, d.where);
  }
  std::string hash = sha256_hex(w.out());
  return std::move(w.out()) + hash;
}

Result<LayerResult> decode_layer_result(std::string_view bytes) {
  if (bytes.size() < kMagic.size() + 4 + kHashSize || !bytes.starts_with(kMagic))
    return damaged("not a cache entry");
  std::string_view body = bytes.substr(0, bytes.size() - kHashSize);
  if (sha256_hex(body) != bytes.substr(body.size())) return damaged("checksum mismatch");
  Reader r(body.substr(kMagic.size()));
  if (uint32_t version = r.u32(); version != kFormatVersion)
    return damaged("format version " + std::to_string(version) + ", expected " +
                   std::to_string(kFormatVersion));
  LayerResult out;
  out.index = r.u64();
  out.blob_digest = r.str();
  out.diff_id = r.str();
  out.blob_size = r.u64();
  out.uncompressed_size = r.u64();
  out.entries.resize(r.count(kMinEntry));
  for (auto& e : out.entries) e = get_entry(r);
  out.records.resize(r.count(kMinRecord));
  for (auto& rec : out.records)
    for (std::string* s : {&rec.analyzer, &rec.path, &rec.kind, &rec.data}) *s = r.str();
  out.diagnostics.resize(r.count(kMinDiagnostic));
  for (auto& d : out.diagnostics) d = get_diagnostic(r);
  if (!r.ok()) return damaged("truncated or malformed");
  if (r.left() != 0) return damaged(std::to_string(r.left()) + " bytes after the end");
  return out;
}

LayerCache::LayerCache(FsView& fs, std::string dir, uint64_t max_bytes)
    : fs_(fs), dir_(std::move(dir)), max_bytes_(max_bytes) {}

// "" when the diffID is not a well-formed digest: it comes from the image and must not steer
// the file name.
std::string LayerCache::entry_path(const std::string& diff_id, const std::string& analyzers_key) const {
  if (!is_valid_digest(diff_id)) return {};
  std::string hex = diff_id.substr(diff_id.find(':') + 1);
  return path_join(dir_, hex + "-" + sha256_hex(analyzers_key).substr(0, 16) + std::string(kSuffix));
}

std::optional<LayerResult> LayerCache::get(const std::string& diff_id,
                                           const std::string& analyzers_key) const {
  std::string path = entry_path(diff_id, analyzers_key);
  if (path.empty()) return std::nullopt;
  auto bytes = fs_.read_file(path, max_bytes_);
  if (!bytes.ok()) return std::nullopt;
  auto result = decode_layer_result(*bytes);
  if (!result.ok() || result->diff_id != diff_id) {
    (void)fs_.remove_file(path);
    return std::nullopt;
  }
  (void)fs_.set_mtime(path, static_cast<int64_t>(std::time(nullptr)));
  result->from_cache = true;
  return std::move(*result);
}

namespace {

struct CachedFile {
  std::string path;
  uint64_t size = 0;
  int64_t mtime = 0;
};

// Removes the least recently used entries (oldest mtime first, then by name) until the total
// fits. Other files in the folder (a writer's temporary files) are left alone.
Status evict(FsView& fs, const std::string& dir, uint64_t max_bytes) {
  auto names = fs.list_dir(dir);
  if (!names.ok()) return names.error();
  std::vector<CachedFile> files;
  uint64_t total = 0;
  for (const auto& n : *names) {
    if (n.type != FileType::kRegular || !std::string_view(n.name).ends_with(kSuffix)) continue;
    std::string path = path_join(dir, n.name);
    auto info = fs.stat(path);
    if (!info.ok() || info->type != FileType::kRegular) continue;
    files.push_back(CachedFile{path, info->size, info->mtime});
    total += info->size;
  }
  std::sort(files.begin(), files.end(), [](const CachedFile& a, const CachedFile& b) {
    return a.mtime != b.mtime ? a.mtime < b.mtime : a.path < b.path;
  });
  for (size_t i = 0; i < files.size() && total > max_bytes; ++i) {
    // Another scan may have removed it already; either way it no longer counts.
    (void)fs.remove_file(files[i].path);
    total -= files[i].size;
  }
  return ok_status();
}

}  // namespace

Status LayerCache::put(const LayerResult& result, const std::string& analyzers_key) {
  std::string path = entry_path(result.diff_id, analyzers_key);
  if (path.empty())
    return make_error(ErrorKind::kInvalidInput,
                      "layer cache: cannot store a layer without a valid diffID ('" + result.diff_id + "')");
  std::string bytes = encode_layer_result(result);
  if (bytes.size() > max_bytes_)
    return make_error(ErrorKind::kLimit, "layer cache: the result of layer " + result.diff_id + " is " +
                                             std::to_string(bytes.size()) +
                                             " bytes, over the cache bound of " + std::to_string(max_bytes_));
  if (Status s = fs_.make_dirs(dir_); !s.ok()) return s;
  if (Status s = fs_.write_file(path, bytes); !s.ok()) return s;
  (void)fs_.set_mtime(path, static_cast<int64_t>(std::time(nullptr)));
  return evict(fs_, dir_, max_bytes_);
}

}  // namespace customs
