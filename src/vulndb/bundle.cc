#include "vulndb/bundle.h"

#include <sys/stat.h>

#include "core/hash.h"
#include "io/decompress.h"
#include "io/fs.h"
#include "vulndb/bundle_crypto.h"
#include "vulndb/bundle_file.h"
#include "vulndb/store.h"

namespace customs {

namespace {

using bundle::MappedFile;
using bundle::TempFile;

Error invalid(const std::string& path, const std::string& why) {
  return make_error(ErrorKind::kInvalidInput, path + ": " + why);
}

// Copies and compresses the database into `payload`; fills the header's database fields.
Status make_payload(const std::string& db_path, const std::string& out_path, int level, TempFile& payload,
                    BundleHeader& h) {
  auto copy = TempFile::create(out_path, "db");
  if (!copy) return copy.error();
  auto schema = bundle::snapshot_database(db_path, copy->path());
  if (!schema) return schema.error();
  auto size = bundle::compress_file(copy->path(), payload.fd(), payload.path(), level);
  if (!size) return size.error();
  h.schema_version = *schema;
  h.database_size = *size;
  h.compression = "zstd";
  return ok_status();
}

// Header and payload into `part`, then the signature over both.
Status assemble(const bundle::BundleKey& key, BundleHeader& h, const std::string& payload_path,
                TempFile& part) {
  auto payload = MappedFile::open(payload_path);
  if (!payload) return payload.error();
  h.payload_size = payload->view().size();
  h.payload_sha256 = "sha256:" + sha256_hex(payload->view());
  std::string header = serialize_bundle_header(h);
  if (header.size() > kMaxBundleHeader)
    return make_error(ErrorKind::kUsage, "bundle header would be over " + std::to_string(kMaxBundleHeader) +
                                             " bytes: shorten the comment");
  if (Status s = bundle::write_all(part.fd(), header, part.path()); !s) return s;
  if (Status s = bundle::write_all(part.fd(), payload->view(), part.path()); !s) return s;
  auto signed_part = MappedFile::open(part.path());
  if (!signed_part) return signed_part.error();
  auto sig = bundle::sign(key, signed_part->view());
  if (!sig) return sig.error();
  return bundle::write_all(part.fd(), *sig, part.path());
}

}  // namespace

Status write_bundle(const std::string& db_path, const std::string& key_pem_path, const std::string& out_path,
                    const BundleMeta& meta) {
  auto key = bundle::load_private_key(key_pem_path);
  if (!key) return key.error();
  if (meta.created.empty()) return make_error(ErrorKind::kUsage, "a bundle needs its creation time");
  if (meta.compression_level < 1 || meta.compression_level > 19)
    return make_error(ErrorKind::kUsage, "zstd compression level must be 1 to 19");
  if (auto store = VulnStore::open(db_path, VulnStore::Mode::kReadOnly); !store) return store.error();
  BundleHeader h;
  h.created = meta.created;
  h.comment = meta.comment;
  h.algorithm = key->algorithm;
  h.key_id = key->key_id;
  auto payload = TempFile::create(out_path, "zst");
  if (!payload) return payload.error();
  if (Status s = make_payload(db_path, out_path, meta.compression_level, *payload, h); !s) return s;
  auto part = TempFile::create(out_path, "part");
  if (!part) return part.error();
  if (Status s = assemble(*key, h, payload->path(), *part); !s) return s;
  ::fchmod(part->fd(), 0644);
  return part->keep_as(out_path);
}

namespace {

// The signed part of the bundle in `file` and its signature, checked against `key_path`.
Result<BundleHeader> check_signature(const std::string& path, std::string_view file,
                                     const std::string& key_path) {
  auto h = parse_bundle_header(file);
  if (!h) return invalid(path, h.error().message);
  uint64_t after_header = file.size() - h->header_size;
  if (h->payload_size >= after_header)
    return invalid(path, "truncated: the header announces a payload of " + std::to_string(h->payload_size) +
                             " bytes and a signature, but only " + std::to_string(after_header) +
                             " bytes follow it");
  std::string_view message = file.substr(0, h->header_size + h->payload_size);
  std::string_view signature = file.substr(message.size());
  if (signature.size() > bundle::max_signature_size(h->algorithm))
    return invalid(path, std::to_string(signature.size()) + " bytes follow the payload, but an " +
                             h->algorithm + " signature is at most " +
                             std::to_string(bundle::max_signature_size(h->algorithm)) + " bytes");
  auto key = bundle::load_public_key(key_path);
  if (!key) return key.error();
  if (key->algorithm != h->algorithm || key->key_id != h->key_id)
    return invalid(path, "signed by the " + h->algorithm + " key " + h->key_id + ", but " + key_path +
                             " is the " + key->algorithm + " key " + key->key_id);
  if (Status s = bundle::verify(*key, message, signature); !s)
    return invalid(path,
                   "signature does not verify: the bundle was changed after it was signed, or is damaged");
  return h;
}

// SQLite would roll a hot journal of the old database into the new file: refuse instead.
Status check_no_journal(const std::string& db) {
  struct stat st {};
  for (const char* suffix : {"-journal", "-wal"}) {
    if (::stat((db + suffix).c_str(), &st) == 0)
      return make_error(ErrorKind::kIo, db + suffix +
                                            " exists (the database is in use or an import was "
                                            "interrupted): open it once with customs db info, "
                                            "or remove it, then retry");
  }
  return ok_status();
}

// Decompresses the payload into a temporary file next to `target`, hashing the bytes as they are
// read, checks the result is a database customs can open, and renames it onto `target`.
Result<uint64_t> install(const std::string& path, const BundleHeader& h, const std::string& target,
                         const BundleLimits& limits) {
  if (h.schema_version > VulnStore::kSchemaVersion)
    return invalid(path, "the database has schema " + std::to_string(h.schema_version) +
                             ", newer than this customs knows (" + std::to_string(VulnStore::kSchemaVersion) +
                             "): upgrade customs");
  if (h.database_size > limits.max_database)
    return make_error(ErrorKind::kLimit, path + ": the database is " + std::to_string(h.database_size) +
                                             " bytes, over the limit of " +
                                             std::to_string(limits.max_database));
  if (Status s = check_no_journal(target); !s) return s.error();
  auto file = DiskFs().open(path);
  if (!file) return file.error();
  std::string what = path + " payload";
  auto hashed = make_verifying_stream(make_range_stream(*file, h.header_size, h.payload_size, what),
                                      h.payload_sha256, static_cast<int64_t>(h.payload_size), what);
  auto db = make_decompressing_stream(std::move(hashed), Compression::kZstd, what,
                                      DecompressLimits{limits.max_database, 0, 0});
  auto tmp = TempFile::create(target, "tmp");
  if (!tmp) return tmp.error();
  auto written = bundle::copy_stream(*db, tmp->fd(), tmp->path());
  if (!written) return written.error();
  if (*written != h.database_size)
    return invalid(path, "the database is " + std::to_string(*written) + " bytes, the header says " +
                             std::to_string(h.database_size));
  // Read-write: an older schema is upgraded here, before the database is put in place.
  if (auto store = VulnStore::open(tmp->path(), VulnStore::Mode::kReadWrite); !store)
    return invalid(path, "the payload is not a usable database: " + store.error().message);
  ::fchmod(tmp->fd(), 0644);
  if (Status s = tmp->keep_as(target); !s) return s.error();
  return *written;
}

}  // namespace

Result<BundleInfo> verify_bundle(const std::string& bundle_path, const std::string& public_key_pem_path,
                                 const std::string& extract_db_to, const BundleLimits& limits) {
  auto map = MappedFile::open(bundle_path);
  if (!map) return map.error();
  auto h = check_signature(bundle_path, map->view(), public_key_pem_path);
  if (!h) return h.error();
  BundleInfo info;
  info.header = *h;
  std::string_view payload = map->view().substr(h->header_size, h->payload_size);
  if ("sha256:" + sha256_hex(payload) != h->payload_sha256)
    return invalid(bundle_path, "the payload does not match its sha256 in the header");
  if (extract_db_to.empty()) return info;
  auto written = install(bundle_path, *h, extract_db_to, limits);
  if (!written) return written.error();
  info.database_path = extract_db_to;
  info.database_bytes = *written;
  return info;
}

}  // namespace customs
