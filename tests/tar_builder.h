#pragma once
// Test fixtures written by the tests themselves: tar archives (ustar, with pax records for long
// names and big values), gzip and zstd compression, and sha256 digests. Header-only; links zlib
// and zstd through customs_io.
#include <openssl/sha.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

namespace customs::testing {

// "sha256:<hex>" of bytes.
inline std::string sha256_digest(std::string_view bytes) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), md);
  std::string out = "sha256:";
  char hex[3];
  for (unsigned char c : md) {
    std::snprintf(hex, sizeof hex, "%02x", c);
    out += hex;
  }
  return out;
}

inline std::string gzip_bytes(std::string_view in, int level = 6) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&zs, in.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline std::string zstd_bytes(std::string_view in, int level = 3) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), level);
  if (ZSTD_isError(n)) throw std::runtime_error("zstd");
  out.resize(n);
  return out;
}

// Builds a tar archive entry by entry. Names are written exactly as given (so tests can write
// hostile ones: "../x", "/etc/x"); names over 100 bytes get a pax "path" record.
// At namespace scope: g++ 12 rejects a nested struct with default member initializers as a
// default argument inside its enclosing class.
struct TarMeta {
  uint32_t mode = 0644;
  uint32_t uid = 0;
  uint32_t gid = 0;
  int64_t mtime = 1700000000;
};

class TarBuilder {
 public:
  using Meta = TarMeta;

  TarBuilder& file(std::string_view name, std::string_view content, Meta m = {}) {
    return entry(name, '0', content, "", m, content.size());
  }
  TarBuilder& dir(std::string_view name, Meta m = {0755}) { return entry(name, '5', "", "", m, 0); }
  TarBuilder& symlink(std::string_view name, std::string_view target, Meta m = {0777}) {
    return entry(name, '2', "", target, m, 0);
  }
  TarBuilder& hardlink(std::string_view name, std::string_view target, Meta m = {}) {
    return entry(name, '1', "", target, m, 0);
  }
  TarBuilder& chardev(std::string_view name, Meta m = {0600}) { return entry(name, '3', "", "", m, 0); }
  TarBuilder& fifo(std::string_view name, Meta m = {0600}) { return entry(name, '6', "", "", m, 0); }
  // An overlay whiteout for `dir/name`: an empty file "dir/.wh.name".
  TarBuilder& whiteout(std::string_view dir, std::string_view name) {
    std::string p = dir.empty() ? ".wh." + std::string(name) : std::string(dir) + "/.wh." + std::string(name);
    return file(p, "");
  }
  TarBuilder& opaque(std::string_view dir) { return file(std::string(dir) + "/.wh..wh..opq", ""); }
  // Any entry; `declared_size` may lie about the content (for corrupt-archive tests).
  TarBuilder& entry(std::string_view name, char type, std::string_view content, std::string_view link, Meta m,
                    uint64_t declared_size) {
    if (name.size() > 100 || link.size() > 100) {
      std::string records;
      if (name.size() > 100) records += pax_record("path", name);
      if (link.size() > 100) records += pax_record("linkpath", link);
      header("././@PaxHeader", 'x', records.size(), "", {0644});
      pad_append(records);
    }
    header(name.substr(0, 100), type, declared_size, link.substr(0, 100), m);
    pad_append(content);
    return *this;
  }
  // The archive with its two zero end blocks.
  std::string finish() const { return out_ + std::string(1024, '\0'); }
  // The archive as written so far, without end blocks (a truncated archive).
  const std::string& unfinished() const { return out_; }

 private:
  static std::string pax_record(std::string_view key, std::string_view value) {
    std::string body = " " + std::string(key) + "=" + std::string(value) + "\n";
    size_t len = body.size() + 1;
    while (std::to_string(len).size() + body.size() != len) ++len;
    return std::to_string(len) + body;
  }
  static void octal(char* field, size_t width, uint64_t value) {
    std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1),
                  static_cast<unsigned long long>(value));
  }
  void header(std::string_view name, char type, uint64_t size, std::string_view link, Meta m) {
    char h[512];
    std::memset(h, 0, sizeof h);
    std::memcpy(h, name.data(), std::min<size_t>(name.size(), 100));
    octal(h + 100, 8, m.mode);
    octal(h + 108, 8, m.uid);
    octal(h + 116, 8, m.gid);
    octal(h + 124, 12, size);
    octal(h + 136, 12, static_cast<uint64_t>(m.mtime));
    std::memset(h + 148, ' ', 8);
    h[156] = type;
    std::memcpy(h + 157, link.data(), std::min<size_t>(link.size(), 100));
    std::memcpy(h + 257, "ustar", 6);
    std::memcpy(h + 263, "00", 2);
    unsigned sum = 0;
    for (unsigned char c : h) sum += c;
    std::snprintf(h + 148, 8, "%06o", sum);
    h[155] = ' ';
    out_.append(h, sizeof h);
  }
  void pad_append(std::string_view content) {
    out_.append(content);
    out_.append((512 - content.size() % 512) % 512, '\0');
  }
  std::string out_;
};

}  // namespace customs::testing
