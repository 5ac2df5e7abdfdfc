// The outer-archive index. libarchive streams entries but does not say where an entry's data
// starts in the archive, and the index exists for exactly that (reading blobs in place, in
// parallel), so this is a hand-written header walker: ustar headers with verified checksums,
// octal and base-256 numbers, pax 'x' records (path, linkpath, size; 'g' global records are
// ignored) and GNU 'L'/'K' long names. It reads headers only: one 512-byte read per member.
#include "io/tar_index.h"

#include <deque>
#include <optional>
#include <vector>

namespace customs {

namespace {

constexpr uint64_t kBlock = 512;
constexpr uint64_t kMaxSpecialBody = uint64_t{1} << 20;  // pax and GNU long-name bodies
constexpr int kMaxLinkHops = 16;

// ustar header fields: offset and width.
struct Field {
  size_t at;
  size_t width;
};
constexpr Field kName{0, 100}, kMode{100, 8}, kUid{108, 8}, kGid{116, 8}, kSize{124, 12}, kMtime{136, 12},
    kChecksum{148, 8}, kTypeflag{156, 1}, kLinkname{157, 100}, kMagic{257, 6}, kPrefix{345, 155};

struct TypeMapping {
  char flag;
  EntryType type;
};
// Other typeflags (GNU sparse 'S', volume labels, dump directories ...) are stepped over, not indexed.
constexpr TypeMapping kTypes[] = {
    {'0', EntryType::kFile},        {'\0', EntryType::kFile},     {'7', EntryType::kFile},
    {'1', EntryType::kHardlink},    {'2', EntryType::kSymlink},   {'3', EntryType::kCharDevice},
    {'4', EntryType::kBlockDevice}, {'5', EntryType::kDirectory}, {'6', EntryType::kFifo},
};

std::string_view field(const char* h, Field f) { return std::string_view(h + f.at, f.width); }

// A NUL-terminated field (or the whole field when it has no NUL).
std::string c_string(std::string_view s) { return std::string(s.substr(0, s.find('\0'))); }

bool all_zero(const char* p, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (p[i] != 0) return false;
  return true;
}

// An octal field (leading spaces, ended by space or NUL; empty is 0) or a base-256 one (high bit
// of the first byte set). Negative and overflowing values are nullopt.
std::optional<uint64_t> parse_number(std::string_view f) {
  uint64_t v = 0;
  if (!f.empty() && (static_cast<unsigned char>(f[0]) & 0x80)) {
    if (static_cast<unsigned char>(f[0]) & 0x40) return std::nullopt;  // negative
    for (size_t i = 0; i < f.size(); ++i) {
      auto c = static_cast<unsigned char>(f[i]);
      if (i == 0) c &= 0x7f;
      if (v > (UINT64_MAX >> 8)) return std::nullopt;
      v = (v << 8) | c;
    }
    return v;
  }
  size_t i = 0;
  while (i < f.size() && f[i] == ' ') ++i;
  for (; i < f.size() && f[i] != '\0' && f[i] != ' '; ++i) {
    if (f[i] < '0' || f[i] > '7') return std::nullopt;
    v = v * 8 + static_cast<uint64_t>(f[i] - '0');  // 12 octal digits cannot overflow
  }
  return v;
}

// The stored checksum matches the header's byte sum taken as unsigned or (old writers) signed bytes.
bool checksum_ok(const char* h) {
  auto stored = parse_number(field(h, kChecksum));
  if (!stored) return false;
  int64_t unsigned_sum = 0, signed_sum = 0;
  for (size_t i = 0; i < kBlock; ++i) {
    bool in_field = i >= kChecksum.at && i < kChecksum.at + kChecksum.width;
    unsigned_sum += in_field ? ' ' : static_cast<unsigned char>(h[i]);
    signed_sum += in_field ? ' ' : static_cast<signed char>(h[i]);
  }
  return static_cast<int64_t>(*stored) == unsigned_sum || static_cast<int64_t>(*stored) == signed_sum;
}

std::optional<uint64_t> parse_decimal(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

// Values from pax 'x' and GNU 'L'/'K' headers for the next member.
struct Pending {
  std::optional<std::string> path, linkpath, gnu_name, gnu_link;
  std::optional<uint64_t> size;
};

class Indexer {
 public:
  Indexer(std::shared_ptr<const RandomAccessFile> file, std::string what, EntryLimits limits)
      : file_(std::move(file)), size_(file_->size()), what_(std::move(what)), limits_(limits) {}

  Result<TarIndex> run() {
    TarIndex index;
    if (size_ == 0) return invalid("not a tar archive: empty");
    uint64_t off = 0;
    // An archive that ends on a block boundary without end blocks is accepted (like libarchive).
    while (off < size_) {
      char h[kBlock];
      Status s = read_exact(off, h, kBlock, "header");
      if (!s.ok()) return s.error();
      if (all_zero(h, kBlock)) break;  // end of archive (the second zero block is not required)
      auto next = step(h, off, index);
      if (!next.ok()) return next.error();
      off = *next;
    }
    index.file = file_;
    index.what = what_;
    return index;
  }

 private:
  // Handles the header at `off`; returns the offset of the next header.
  Result<uint64_t> step(const char* h, uint64_t off, TarIndex& index) {
    if (!checksum_ok(h)) return invalid("bad header checksum at offset " + std::to_string(off));
    char flag = h[kTypeflag.at];
    bool special = flag == 'x' || flag == 'g' || flag == 'L' || flag == 'K';
    auto header_size = parse_number(field(h, kSize));
    if (!header_size) return invalid("bad size field in the header at offset " + std::to_string(off));
    uint64_t size = !special && pending_.size ? *pending_.size : *header_size;
    uint64_t data = off + kBlock;
    std::string label = special
                            ? std::string("'") + flag + "' header at offset " + std::to_string(off)
                            : "entry " + quote_entry_name(raw_name(h)) + " at offset " + std::to_string(off);
    if (size > size_ - data)
      return invalid(label + ": content of " + std::to_string(size) +
                     " bytes runs past the end of the archive (" + std::to_string(size_) + " bytes)");
    uint64_t padded = size + (kBlock - size % kBlock) % kBlock;
    if (padded > size_ - data)
      return invalid(label + ": truncated in the padding (the archive ends at " + std::to_string(size_) +
                     ")");
    Status s = special ? read_special(flag, data, size, label) : add_member(h, off, data, size, index);
    if (!s.ok()) return s.error();
    return data + padded;
  }

  Status read_special(char flag, uint64_t data, uint64_t size, const std::string& label) {
    if (flag == 'g') return ok_status();
    if (size > kMaxSpecialBody)
      return invalid(label + ": " + std::to_string(size) + " bytes, over the limit of " +
                     std::to_string(kMaxSpecialBody));
    std::string body(size, '\0');
    Status s = read_exact(data, body.data(), size, label);
    if (!s.ok()) return s;
    if (flag == 'x') return parse_pax(body, label);
    (flag == 'L' ? pending_.gnu_name : pending_.gnu_link) = c_string(body);
    return ok_status();
  }

  // Records "<len> <key>=<value>\n"; trailing NUL padding is tolerated.
  Status parse_pax(std::string_view body, const std::string& label) {
    size_t pos = 0;
    while (pos < body.size() && body[pos] != '\0') {
      size_t space = body.find(' ', pos);
      auto len =
          space == std::string_view::npos ? std::nullopt : parse_decimal(body.substr(pos, space - pos));
      if (!len || *len <= space - pos + 1 || *len > body.size() - pos || body[pos + *len - 1] != '\n')
        return invalid(label + ": malformed pax record at byte " + std::to_string(pos));
      std::string_view kv = body.substr(space + 1, pos + *len - 1 - (space + 1));
      pos += *len;
      size_t eq = kv.find('=');
      if (eq == std::string_view::npos) return invalid(label + ": pax record without '='");
      std::string_view key = kv.substr(0, eq), value = kv.substr(eq + 1);
      if (key == "path") pending_.path = std::string(value);
      if (key == "linkpath") pending_.linkpath = std::string(value);
      if (key == "size") {
        pending_.size = parse_decimal(value);
        if (!pending_.size) return invalid(label + ": bad pax size '" + std::string(value) + "'");
      }
    }
    return ok_status();
  }

  // The member's name before normalisation: pax path, GNU long name, or prefix + name (POSIX ustar).
  std::string raw_name(const char* h) const {
    if (pending_.path) return *pending_.path;
    if (pending_.gnu_name) return *pending_.gnu_name;
    std::string name = c_string(field(h, kName));
    std::string prefix = c_string(field(h, kPrefix));
    if (field(h, kMagic) == std::string_view("ustar\0", 6) && !prefix.empty()) return prefix + "/" + name;
    return name;
  }

  Status add_member(const char* h, uint64_t off, uint64_t data, uint64_t size, TarIndex& index) {
    std::string raw = raw_name(h);
    std::string raw_link = pending_.linkpath   ? *pending_.linkpath
                           : pending_.gnu_link ? *pending_.gnu_link
                                               : c_string(field(h, kLinkname));
    pending_ = Pending{};
    const TypeMapping* type = nullptr;
    for (const auto& t : kTypes)
      if (t.flag == h[kTypeflag.at]) type = &t;
    if (type == nullptr) return ok_status();
    if (++entries_ > limits_.max_entries)
      return make_error(ErrorKind::kLimit,
                        what_ + ": more than " + std::to_string(limits_.max_entries) + " entries");
    std::string where = " (header at offset " + std::to_string(off) + ")";
    auto path = normalize_entry_path(raw, limits_, true);
    if (!path.ok()) return invalid(path.error().message + where);
    TarMember m;
    m.entry.path = *path;
    m.entry.type = type->type;
    m.entry.size = type->type == EntryType::kFile ? size : 0;
    m.entry.mode = static_cast<uint32_t>(parse_number(field(h, kMode)).value_or(0) & 07777);
    m.entry.uid = static_cast<uint32_t>(parse_number(field(h, kUid)).value_or(0));
    m.entry.gid = static_cast<uint32_t>(parse_number(field(h, kGid)).value_or(0));
    m.entry.mtime = static_cast<int64_t>(parse_number(field(h, kMtime)).value_or(0));
    m.data_offset = data;
    if (type->type == EntryType::kSymlink) m.entry.link_target = raw_link;
    if (type->type == EntryType::kHardlink) {
      auto target = normalize_entry_path(raw_link, limits_, true);
      if (!target.ok())
        return invalid("entry " + quote_entry_name(raw) + ": hard link to " + target.error().message + where);
      m.entry.link_target = std::move(*target);
    }
    index.members[*path] = std::move(m);
    return ok_status();
  }

  Status read_exact(uint64_t off, char* buf, uint64_t n, const std::string& label) {
    if (n > size_ - off)
      return invalid("truncated " + label + " at offset " + std::to_string(off) + " (the archive ends at " +
                     std::to_string(size_) + ")");
    for (uint64_t done = 0; done < n;) {
      auto got = file_->read_at(off + done, buf + done, static_cast<size_t>(n - done));
      if (!got.ok()) return got.error();
      if (*got == 0) return invalid("unexpected end of file at offset " + std::to_string(off + done));
      done += *got;
    }
    return ok_status();
  }

  Error invalid(const std::string& message) const {
    return make_error(ErrorKind::kInvalidInput, what_ + ": " + message);
  }

  std::shared_ptr<const RandomAccessFile> file_;
  uint64_t size_;
  std::string what_;
  EntryLimits limits_;
  Pending pending_;
  uint64_t entries_ = 0;
};

std::string join_path(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

void push_front_components(std::deque<std::string>& todo, std::string_view path) {
  std::vector<std::string> parts;
  for (size_t pos = 0; pos <= path.size();) {
    size_t end = std::min(path.find('/', pos), path.size());
    parts.emplace_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  todo.insert(todo.begin(), parts.begin(), parts.end());
}

// Resolves `path` component by component, following symlinks (relative to their directory, ".."
// stopping at the archive root) and hard links, at most kMaxLinkHops times.
Result<const TarMember*> resolve(const TarIndex& index, const std::string& path) {
  std::vector<std::string> done;
  std::deque<std::string> todo;
  push_front_components(todo, path);
  int hops = 0;
  while (!todo.empty()) {
    std::string part = std::move(todo.front());
    todo.pop_front();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!done.empty()) done.pop_back();
      continue;
    }
    done.push_back(std::move(part));
    auto it = index.members.find(join_path(done));
    if (it == index.members.end()) continue;
    const FsEntry& e = it->second.entry;
    if (e.type != EntryType::kSymlink && e.type != EntryType::kHardlink) continue;
    if (++hops > kMaxLinkHops)
      return make_error(ErrorKind::kInvalidInput, index.what + ": member " + quote_entry_name(path) +
                                                      ": more than " + std::to_string(kMaxLinkHops) +
                                                      " links");
    done.pop_back();
    if (e.type == EntryType::kHardlink || (!e.link_target.empty() && e.link_target[0] == '/')) done.clear();
    push_front_components(todo, e.link_target);
  }
  auto it = index.members.find(join_path(done));
  if (it == index.members.end())
    return make_error(ErrorKind::kNotFound, index.what + ": no member " + quote_entry_name(path));
  return &it->second;
}

}  // namespace

const TarMember* TarIndex::find(const std::string& path) const {
  auto m = resolve(*this, path);
  return m.ok() ? *m : nullptr;
}

Result<std::unique_ptr<InputStream>> TarIndex::open(const std::string& path) const {
  auto m = resolve(*this, path);
  if (!m.ok()) return m.error();
  const FsEntry& e = (*m)->entry;
  if (e.type != EntryType::kFile)
    return make_error(ErrorKind::kInvalidInput, what + ": member " + quote_entry_name(path) + " is a " +
                                                    std::string(to_string(e.type)) + ", not a regular file");
  return make_range_stream(file, (*m)->data_offset, e.size, what + ": " + e.path);
}

Result<std::string> TarIndex::read(const std::string& path, uint64_t max_bytes) const {
  auto m = resolve(*this, path);
  if (!m.ok()) return m.error();
  if ((*m)->entry.size > max_bytes)
    return make_error(ErrorKind::kLimit, what + ": member " + quote_entry_name(path) + " is " +
                                             std::to_string((*m)->entry.size) + " bytes, over the limit of " +
                                             std::to_string(max_bytes));
  auto in = open(path);
  if (!in.ok()) return in.error();
  return read_all(**in, max_bytes);
}

Result<TarIndex> index_tar(std::shared_ptr<const RandomAccessFile> file, std::string what,
                           EntryLimits limits) {
  return Indexer(std::move(file), std::move(what), limits).run();
}

}  // namespace customs
