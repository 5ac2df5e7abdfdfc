#pragma once
// Signed database bundles: how an air-gapped site carries a vulnerability database in
// (`customs db export` / `customs db import BUNDLE`).
//
// File format, version 1 (all of it read and written by this module only):
//
//   "CUSTOMSDB1\n"                     magic, 11 bytes
//   <metadata JSON>"\n"                one line of compact JSON (no raw newline inside), see
//                                      BundleHeader; magic + JSON + "\n" at most 64 KiB
//   <payload>                          the SQLite database file, one or more zstd frames;
//                                      exactly header.payload_size bytes
//   <signature>                        the rest of the file (at most 1 KiB)
//
// The signature covers the header bytes (magic, JSON and its newline) followed by the payload
// bytes, made with OpenSSL EVP_DigestSign. The algorithm follows from the signing key:
//   "ed25519"            Ed25519 (pure, RFC 8032), 64 bytes
//   "ecdsa-p256-sha256"  ECDSA on P-256 with SHA-256, DER (X9.62) signature
//   "ecdsa-p384-sha384"  ECDSA on P-384 with SHA-384, DER (X9.62) signature
// RSA and other curves are refused. The key id is "sha256:" + hex SHA-256 of the DER
// SubjectPublicKeyInfo of the public key, so that a verifier can say which key made a bundle.
//
// Verification reads the public key, checks the key id, then the signature (before anything
// is decompressed), then decompresses into a temporary file next to the target while hashing
// the payload bytes against payload_sha256 (so bytes changed on disk after the signature check
// are caught too), checks the result is a customs database, and only then renames it into place:
// a refused bundle never replaces a working database.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace customs {

inline constexpr std::string_view kBundleMagic = "CUSTOMSDB1\n";
inline constexpr size_t kMaxBundleHeader = size_t{64} << 10;
inline constexpr size_t kMaxBundleSignature = 1024;

// The metadata line. Unknown JSON members are ignored (later versions may add some).
struct BundleHeader {
  int format = 1;
  std::string created;         // RFC 3339 UTC, when the bundle was made
  int schema_version = 0;      // the database's schema (VulnStore::kSchemaVersion when made)
  std::string algorithm;       // "ed25519", "ecdsa-p256-sha256" or "ecdsa-p384-sha384"
  std::string key_id;          // "sha256:<64 hex>" of the DER public key
  std::string compression;     // "zstd"
  uint64_t payload_size = 0;   // bytes of the compressed payload
  std::string payload_sha256;  // "sha256:<64 hex>" of the compressed payload
  uint64_t database_size = 0;  // bytes of the database once decompressed
  std::string comment;         // free text from the exporter, may be ""
  size_t header_size = 0;      // bytes of magic + JSON + newline (not serialised)
};

// Parses the header at the start of `bytes` (the first bytes of a bundle file; more may follow).
// kInvalidInput for a wrong magic, a missing or malformed line, a header over 64 KiB or
// missing/invalid members, naming what was wrong.
Result<BundleHeader> parse_bundle_header(std::string_view bytes);
// The header bytes for `h` (magic, JSON, newline); header_size is ignored.
std::string serialize_bundle_header(const BundleHeader& h);

struct BundleMeta {
  std::string created;        // RFC 3339 UTC, the caller's clock (the time of export); required
  std::string comment;        // stored in the header as is
  int compression_level = 9;  // zstd level 1..19
};

// Writes a bundle of the database at `db_path` signed with the private key in `key_pem_path`
// (PEM, PKCS#8 or traditional, not encrypted) to `out_path` (written to a temporary file and
// renamed when complete). The database is copied consistently first (VACUUM INTO), so a live
// database can be exported. kUsage for an RSA or otherwise unsupported key, kInvalidInput for a
// file that is not a customs database, kIo for file errors.
Status write_bundle(const std::string& db_path, const std::string& key_pem_path, const std::string& out_path,
                    const BundleMeta& meta);

struct BundleLimits {
  uint64_t max_database = uint64_t{4} << 30;  // bytes once decompressed
};

struct BundleInfo {
  BundleHeader header;
  std::string database_path;    // where it was written, "" when only verified
  uint64_t database_bytes = 0;  // bytes written
};

// Verifies `bundle_path` against the public key in `public_key_pem_path` (PEM
// SubjectPublicKeyInfo, "BEGIN PUBLIC KEY") and, when `extract_db_to` is not empty, installs the
// database there (see the top of this file). kInvalidInput for a bad signature, a truncated file,
// a wrong magic, a key mismatch, a payload that does not match its hash or does not decompress;
// kLimit for a database over limits.max_database; kIo for file errors.
Result<BundleInfo> verify_bundle(const std::string& bundle_path, const std::string& public_key_pem_path,
                                 const std::string& extract_db_to, const BundleLimits& limits = {});

}  // namespace customs
