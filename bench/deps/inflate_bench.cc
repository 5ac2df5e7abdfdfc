// gzip inflate: zlib vs ISA-L igzip vs libdeflate on a real image layer (a ~90 MB gzip blob that
// holds a ~300 MB tar). Every case decodes every member (multi-member safe) and checks each
// member's CRC-32 and length; zlib and ISA-L stream through a 256 KiB output buffer as customs
// does, libdeflate has no streaming API and so decodes the whole blob into a buffer the size of
// the whole output (sized from a first pass; allocated once and reused).
// MB/s here are of OUTPUT (decompressed) bytes: bytes() returns the uncompressed size.
// Input: $INFLATE_INPUT, default $DEPS_IN/layer.tar.gz.
//   inflate_bench [--verify | --list | --one=NAME | google-benchmark flags]
// With --verify, each case also computes the CRC-32 of all its output (ISA-L's crc32, outside
// the timed runs) so the digests show that the libraries agree byte for byte.
#include <isa-l.h>
#include <libdeflate.h>
#include <zlib.h>

#include <memory>

#include "common.h"

namespace {

using deps::Result;

constexpr size_t kChunk = size_t{256} << 10;
bool g_verify = false;

const std::string& blob() {
  static const std::string s = [] {
    const char* p = std::getenv("INFLATE_INPUT");
    return deps::read_file(p ? p : deps::input_dir() + "/layer.tar.gz");
  }();
  return s;
}

// Output bytes and (with --verify) their CRC-32.
struct Sink {
  uint64_t bytes = 0;
  uint32_t crc = 0;
  void take(const uint8_t* p, size_t n) {
    bytes += n;
    if (g_verify) crc = crc32_gzip_refl(crc, p, n);
  }
  Result result(uint64_t members) const {
    Result r;
    r.digest = deps::mix(deps::mix(bytes, crc), members);
    r.detail = "out=" + std::to_string(bytes) + " members=" + std::to_string(members) +
               (g_verify ? " crc32=" + std::to_string(crc) : "");
    return r;
  }
};

[[noreturn]] void fail(const char* lib, long code) {
  std::fprintf(stderr, "%s: error %ld\n", lib, code);
  std::exit(1);
}

// ---------------------------------------------------------------- zlib (inflate, 15+16 window bits)

Result run_zlib() {
  const std::string& in = blob();
  std::vector<uint8_t> out(kChunk);
  Sink sink;
  uint64_t members = 0;
  size_t pos = 0;
  while (pos < in.size()) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) fail("zlib", -1);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + pos));
    zs.avail_in = static_cast<uInt>(std::min<size_t>(in.size() - pos, UINT32_MAX));
    int ret = Z_OK;
    while (ret != Z_STREAM_END) {
      zs.next_out = out.data();
      zs.avail_out = static_cast<uInt>(out.size());
      ret = inflate(&zs, Z_NO_FLUSH);
      if (ret != Z_OK && ret != Z_STREAM_END) fail("zlib", ret);
      sink.take(out.data(), out.size() - zs.avail_out);
    }
    pos += zs.total_in;
    inflateEnd(&zs);
    ++members;
  }
  return sink.result(members);
}

// ---------------------------------------------------------------- ISA-L (isal_inflate, ISAL_GZIP)

Sink decode_isal(uint64_t& members) {
  const std::string& in = blob();
  std::vector<uint8_t> out(kChunk);
  auto st = std::make_unique<inflate_state>();
  Sink sink;
  size_t pos = 0;
  while (pos < in.size()) {
    isal_inflate_init(st.get());
    st->crc_flag = ISAL_GZIP;
    st->next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(in.data() + pos));
    st->avail_in = static_cast<uint32_t>(std::min<size_t>(in.size() - pos, UINT32_MAX));
    while (st->block_state != ISAL_BLOCK_FINISH) {
      st->next_out = out.data();
      st->avail_out = static_cast<uint32_t>(out.size());
      int ret = isal_inflate(st.get());
      if (ret != ISAL_DECOMP_OK) fail("isa-l", ret);
      size_t n = out.size() - st->avail_out;
      if (n == 0 && st->block_state != ISAL_BLOCK_FINISH && st->avail_in == 0) fail("isa-l: truncated", 0);
      sink.take(out.data(), n);
    }
    pos = static_cast<size_t>(reinterpret_cast<const char*>(st->next_in) - in.data());
    ++members;
  }
  return sink;
}

Result run_isal() {
  uint64_t members = 0;
  Sink sink = decode_isal(members);
  return sink.result(members);
}

// ---------------------------------------------------------------- libdeflate (whole buffer)

// The uncompressed size (one untimed ISA-L pass): the MB/s basis, and libdeflate's buffer size.
size_t output_size() {
  static const size_t n = [] {
    bool verify = g_verify;
    g_verify = false;
    uint64_t members = 0;
    size_t bytes = decode_isal(members).bytes;
    g_verify = verify;
    return bytes;
  }();
  return n;
}

Result run_libdeflate() {
  const std::string& in = blob();
  // Allocated and faulted in once, outside the timed passes: this measures decoding only (a
  // real whole-buffer use would also pay for a fresh output-sized allocation every blob).
  static std::vector<uint8_t> out(output_size());
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  Sink sink;
  uint64_t members = 0;
  size_t pos = 0, written = 0;
  while (pos < in.size()) {
    size_t in_used = 0, out_used = 0;
    libdeflate_result r = libdeflate_gzip_decompress_ex(
        d, in.data() + pos, in.size() - pos, out.data() + written, out.size() - written, &in_used, &out_used);
    if (r != LIBDEFLATE_SUCCESS) fail("libdeflate", r);
    pos += in_used;
    written += out_used;
    ++members;
  }
  libdeflate_free_decompressor(d);
  sink.take(out.data(), written);
  return sink.result(members);
}

const deps::Case kCases[] = {
    {"layer/zlib", output_size, run_zlib},
    {"layer/isal", output_size, run_isal},
    {"layer/libdeflate", output_size, run_libdeflate},
};

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "--verify") g_verify = true;
  for (const deps::Case& c : kCases) deps::add(c);
  return deps::main(argc, argv);
}
