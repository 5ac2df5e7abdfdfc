// Signed database bundles: round trips with Ed25519 and ECDSA keys made here, and every way a
// bundle is refused, with the database it would have replaced left as it was.
#include "vulndb/bundle.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/hash.h"
#include "core/strings.h"
#include "io/fs.h"
#include "scratch_dir.h"
#include "vulndb/store.h"

namespace customs {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& p) {
  auto bytes = DiskFs().read_file(p.string(), uint64_t{1} << 30);
  return bytes.ok() ? *bytes : "(unreadable: " + bytes.error().to_string() + ")";
}

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// A fresh key pair written as <name>.key (PKCS#8) and <name>.pub (SubjectPublicKeyInfo);
// returns the key id a bundle should carry.
std::string make_key(const fs::path& dir, const std::string& name, const char* type, const char* param) {
  EVP_PKEY* k = param == nullptr             ? EVP_PKEY_Q_keygen(nullptr, nullptr, type)
                : std::string(type) == "RSA" ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, size_t{2048})
                                             : EVP_PKEY_Q_keygen(nullptr, nullptr, type, param);
  EXPECT_NE(k, nullptr);
  BIO* priv = BIO_new_file((dir / (name + ".key")).c_str(), "w");
  BIO* pub = BIO_new_file((dir / (name + ".pub")).c_str(), "w");
  EXPECT_EQ(PEM_write_bio_PrivateKey(priv, k, nullptr, nullptr, 0, nullptr, nullptr), 1);
  EXPECT_EQ(PEM_write_bio_PUBKEY(pub, k), 1);
  BIO_free(priv);
  BIO_free(pub);
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(k, &der);
  std::string id = "sha256:" + sha256_hex(std::string_view(reinterpret_cast<char*>(der), len));
  OPENSSL_free(der);
  EVP_PKEY_free(k);
  return id;
}

// A customs database holding one Go advisory called `id`.
void make_db(const fs::path& path, const std::string& id) {
  auto store = VulnStore::open(path.string(), VulnStore::Mode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.error().to_string();
  Advisory a;
  a.id = id;
  a.source = "osv";
  a.modified = "2024-01-01T00:00:00Z";
  Affected x;
  x.ecosystem = "Go";
  x.package = "golang.org/x/net";
  x.ranges.push_back(
      {"SEMVER", "", {{RangeEvent::Kind::kIntroduced, "0"}, {RangeEvent::Kind::kFixed, "0.17.0"}}});
  a.affected.push_back(x);
  ASSERT_TRUE((*store)->begin_import().ok());
  ASSERT_TRUE((*store)->add(FeedBatch{{a}, {}, {}, {}}).ok());
  ASSERT_TRUE((*store)->commit_import("2026-01-01T00:00:00Z", "test").ok());
}

std::vector<std::string> advisory_ids(const fs::path& db) {
  auto store = VulnStore::open(db.string(), VulnStore::Mode::kReadOnly);
  EXPECT_TRUE(store.ok()) << store.error().to_string();
  std::vector<std::string> ids;
  if (!store.ok()) return ids;
  auto found = (*store)->advisories_for({"Go"}, "golang.org/x/net");
  EXPECT_TRUE(found.ok());
  if (found.ok())
    for (const Advisory& a : *found) ids.push_back(a.id);
  return ids;
}

class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    ed_id_ = make_key(dir_.path(), "ed", "ED25519", nullptr);
    make_db(dir_ / "source.db", "GO-2024-0001");
    make_db(dir_ / "target.db", "GO-2023-9999");  // the working database a bundle would replace
    target_before_ = read_bytes(dir_ / "target.db");
    BundleMeta meta;
    meta.created = "2026-02-03T04:05:06Z";
    meta.comment = "weekly";
    Status s = write_bundle((dir_ / "source.db").string(), (dir_ / "ed.key").string(), bundle(), meta);
    ASSERT_TRUE(s.ok()) << s.error().to_string();
    bytes_ = read_bytes(bundle());
  }
  std::string bundle() const { return (dir_ / "db.bundle").string(); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // verify_bundle of `bytes` into target.db, which must fail and leave target.db as it was.
  Error refused(const std::string& bytes, const std::string& pub = "ed.pub") {
    write_bytes(dir_ / "bad.bundle", bytes);
    auto r = verify_bundle(path("bad.bundle"), path(pub), path("target.db"));
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(read_bytes(dir_ / "target.db"), target_before_);
    for (const auto& e : fs::directory_iterator(dir_.path()))  // no temporary file left behind
      EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
    return r.ok() ? Error{} : r.error();
  }

  testing::ScratchDir dir_;
  std::string ed_id_;
  std::string target_before_;
  std::string bytes_;
};

TEST_F(BundleTest, RoundTripsAnEd25519SignedDatabase) {
  auto r = verify_bundle(bundle(), path("ed.pub"), path("target.db"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->header.algorithm, "ed25519");
  EXPECT_EQ(r->header.key_id, ed_id_);
  EXPECT_EQ(r->header.created, "2026-02-03T04:05:06Z");
  EXPECT_EQ(r->header.comment, "weekly");
  EXPECT_EQ(r->header.schema_version, VulnStore::kSchemaVersion);
  EXPECT_EQ(r->header.compression, "zstd");
  EXPECT_EQ(r->database_path, path("target.db"));
  EXPECT_EQ(r->database_bytes, fs::file_size(dir_ / "target.db"));
  EXPECT_EQ(r->header.database_size, r->database_bytes);
  EXPECT_EQ(bytes_.size(), r->header.header_size + r->header.payload_size + 64);  // Ed25519: 64 bytes
  EXPECT_EQ(advisory_ids(dir_ / "target.db"), std::vector<std::string>{"GO-2024-0001"});
  EXPECT_EQ(fs::status(dir_ / "target.db").permissions() & fs::perms::others_read, fs::perms::others_read);
}

TEST_F(BundleTest, RoundTripsEcdsaP256AndP384SignedDatabases) {
  const std::pair<const char*, const char*> curves[] = {{"P-256", "ecdsa-p256-sha256"},
                                                        {"P-384", "ecdsa-p384-sha384"}};
  for (const auto& [curve, algorithm] : curves) {
    std::string id = make_key(dir_.path(), curve, "EC", curve);
    BundleMeta meta{"2026-03-04T05:06:07Z", "", 3};
    Status s = write_bundle(path("source.db"), path(std::string(curve) + ".key"), path("ec.bundle"), meta);
    ASSERT_TRUE(s.ok()) << s.error().to_string();
    auto r = verify_bundle(path("ec.bundle"), path(std::string(curve) + ".pub"), path("fresh.db"));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->header.algorithm, algorithm);
    EXPECT_EQ(r->header.key_id, id);
    EXPECT_EQ(r->header.created, "2026-03-04T05:06:07Z");
    EXPECT_EQ(advisory_ids(dir_ / "fresh.db"), std::vector<std::string>{"GO-2024-0001"});
    fs::remove(dir_ / "fresh.db");
  }
}

TEST_F(BundleTest, VerifiesWithoutExtractingWhenNoTargetIsGiven) {
  auto r = verify_bundle(bundle(), path("ed.pub"), "");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->database_path, "");
  EXPECT_EQ(r->database_bytes, 0u);
  EXPECT_EQ(read_bytes(dir_ / "target.db"), target_before_);
}

TEST_F(BundleTest, RefusesATamperedPayloadByte) {
  auto h = parse_bundle_header(bytes_);
  ASSERT_TRUE(h.ok());
  std::string bad = bytes_;
  bad[h->header_size + h->payload_size / 2] ^= 0x01;
  Error e = refused(bad);
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(e.message,
            path("bad.bundle") +
                ": signature does not verify: the bundle was changed after it was signed, or is damaged");
}

TEST_F(BundleTest, RefusesATamperedHeader) {
  std::string bad = bytes_;
  size_t at = bad.find("\"weekly\"");
  ASSERT_NE(at, std::string::npos);
  bad[at + 1] = 'W';
  Error e = refused(bad);
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  EXPECT_NE(e.message.find("signature does not verify"), std::string::npos) << e.message;
}

TEST_F(BundleTest, RefusesABundleSignedByAnotherKey) {
  std::string other = make_key(dir_.path(), "other", "ED25519", nullptr);
  Error e = refused(bytes_, "other.pub");
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(e.message, path("bad.bundle") + ": signed by the ed25519 key " + ed_id_ + ", but " +
                           path("other.pub") + " is the ed25519 key " + other);
}

TEST_F(BundleTest, RefusesAKeyOfAnotherAlgorithm) {
  std::string p256 = make_key(dir_.path(), "p256", "EC", "P-256");
  Error e = refused(bytes_, "p256.pub");
  EXPECT_EQ(e.message, path("bad.bundle") + ": signed by the ed25519 key " + ed_id_ + ", but " +
                           path("p256.pub") + " is the ecdsa-p256-sha256 key " + p256);
}

TEST_F(BundleTest, RefusesTruncatedFiles) {
  auto h = parse_bundle_header(bytes_);
  ASSERT_TRUE(h.ok());
  Error in_payload = refused(bytes_.substr(0, h->header_size + 10));
  EXPECT_EQ(in_payload.message, path("bad.bundle") + ": truncated: the header announces a payload of " +
                                    std::to_string(h->payload_size) + " bytes and a signature, but only 10 " +
                                    "bytes follow it");
  Error no_signature = refused(bytes_.substr(0, h->header_size + h->payload_size));
  EXPECT_NE(no_signature.message.find("truncated"), std::string::npos) << no_signature.message;
  Error in_signature = refused(bytes_.substr(0, bytes_.size() - 1));
  EXPECT_NE(in_signature.message.find("signature does not verify"), std::string::npos);
  Error in_header = refused(bytes_.substr(0, 40));
  EXPECT_EQ(in_header.message, path("bad.bundle") + ": truncated: the file ends inside the bundle header");
  Error empty = refused("");
  EXPECT_EQ(empty.message, path("bad.bundle") + ": truncated: the file ends inside the bundle magic");
  for (const Error& e : {in_payload, no_signature, in_signature, in_header, empty})
    EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
}

TEST_F(BundleTest, RefusesAWrongMagic) {
  std::string bad = bytes_;
  bad[8] = '2';  // CUSTOMSDB2
  Error e = refused(bad);
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(e.message,
            path("bad.bundle") + ": not a customs database bundle (wrong magic; expected \"CUSTOMSDB1\")");
  EXPECT_EQ(refused("SQLite format 3").message, e.message);
}

TEST_F(BundleTest, RefusesTrailingBytesAfterTheSignature) {
  Error e = refused(bytes_ + std::string(1000, 'x'));
  EXPECT_EQ(e.message, path("bad.bundle") +
                           ": 1064 bytes follow the payload, but an ed25519 signature is at most 64 bytes");
}

TEST_F(BundleTest, RefusesRsaKeysForSigningAndVerifying) {
  make_key(dir_.path(), "rsa", "RSA", "");
  Status s = write_bundle(path("source.db"), path("rsa.key"), path("rsa.bundle"), {"2026-01-01T00:00:00Z"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kUsage);
  EXPECT_EQ(s.error().message, path("rsa.key") +
                                   ": RSA keys are not supported for database bundles; use an "
                                   "Ed25519 or ECDSA P-256/P-384 key");
  EXPECT_FALSE(fs::exists(dir_ / "rsa.bundle"));
  Error e = refused(bytes_, "rsa.pub");
  EXPECT_EQ(e.kind, ErrorKind::kUsage);
  EXPECT_NE(e.message.find("RSA keys are not supported"), std::string::npos);
}

TEST_F(BundleTest, RefusesAPublicKeyFileThatHoldsNoPublicKey) {
  Error e = refused(bytes_, "ed.key");  // the private key file
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  EXPECT_TRUE(e.message.starts_with(path("ed.key") + ": not a PEM public key (\"BEGIN PUBLIC KEY\")"))
      << e.message;
}

TEST_F(BundleTest, RefusesADatabaseOverTheSizeLimit) {
  auto r = verify_bundle(bundle(), path("ed.pub"), path("target.db"), BundleLimits{1000});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
  EXPECT_TRUE(r.error().message.ends_with("bytes, over the limit of 1000")) << r.error().message;
  EXPECT_EQ(read_bytes(dir_ / "target.db"), target_before_);
}

TEST_F(BundleTest, RefusesToReplaceADatabaseWithAHotJournal) {
  write_bytes(dir_ / "target.db-journal", "x");
  auto r = verify_bundle(bundle(), path("ed.pub"), path("target.db"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kIo);
  EXPECT_TRUE(r.error().message.starts_with(path("target.db-journal") + " exists")) << r.error().message;
  EXPECT_EQ(read_bytes(dir_ / "target.db"), target_before_);
}

TEST_F(BundleTest, NeedsACreationTime) {
  Status s = write_bundle(path("source.db"), path("ed.key"), path("x.bundle"), {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kUsage);
  EXPECT_EQ(s.error().message, "a bundle needs its creation time");
}

TEST_F(BundleTest, RefusesToExportAFileThatIsNotACustomsDatabase) {
  write_bytes(dir_ / "junk.db", "not sqlite at all, just text that is long enough to look like a file");
  Status s = write_bundle(path("junk.db"), path("ed.key"), path("junk.bundle"), {"2026-01-01T00:00:00Z"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
  EXPECT_FALSE(fs::exists(dir_ / "junk.bundle"));
}

TEST(BundleHeader, RoundTripsThroughItsSerialisedForm) {
  BundleHeader h;
  h.created = "2026-01-01T00:00:00Z";
  h.schema_version = 2;
  h.algorithm = "ecdsa-p384-sha384";
  h.key_id = "sha256:" + std::string(64, 'a');
  h.compression = "zstd";
  h.payload_size = 12345;
  h.payload_sha256 = "sha256:" + std::string(64, 'b');
  h.database_size = 99999;
  h.comment = "line one\nline two";
  std::string bytes = serialize_bundle_header(h);
  EXPECT_EQ(std::count(bytes.begin(), bytes.end(), '\n'), 2);  // the magic's and the header's
  auto back = parse_bundle_header(bytes + "payload");
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(back->header_size, bytes.size());
  EXPECT_EQ(back->comment, h.comment);
  EXPECT_EQ(back->payload_size, 12345u);
  EXPECT_EQ(back->database_size, 99999u);
  EXPECT_EQ(back->algorithm, h.algorithm);
}

TEST(BundleHeader, NamesWhatIsWrongWithAHeader) {
  const std::string magic(kBundleMagic);
  const std::string good = R"("created":"x","schema_version":2,"algorithm":"ed25519","key_id":"sha256:)" +
                           std::string(64, 'a') +
                           R"(","compression":"zstd","payload_size":1,"payload_sha256":"sha256:)" +
                           std::string(64, 'b') + R"(","database_size":1)";
  const std::pair<std::string, std::string> cases[] = {
      {"{" + good + "}", "bundle header: \"format\" is missing"},
      {R"({"format":2,)" + good + "}", "bundle header: format 2 is not supported (this customs reads 1)"},
      {R"({"format":"1",)" + good + "}", "bundle header: \"format\" has the wrong type (string)"},
      {R"({"format":-1,)" + good + "}", "bundle header: \"format\" has the wrong type (number)"},
      {"[1]", "bundle header: not a JSON object"},
      {"{", "bundle header: not valid JSON"},
      {std::string(20, '[') + std::string(20, ']'), "bundle header: nested too deeply"},
      {R"({"format":1,)" + replace_all(good, "ed25519", "rsa") + "}",
       "bundle header: algorithm \"rsa\" is not supported"},
      {R"({"format":1,)" + replace_all(good, "zstd", "xz") + "}",
       "bundle header: compression \"xz\" is not supported"},
      {R"({"format":1,)" + replace_all(good, "\"payload_size\":1", "\"payload_size\":0") + "}",
       "bundle header: payload_size is 0"},
  };
  for (const auto& [json, message] : cases) {
    auto h = parse_bundle_header(magic + json + "\n");
    ASSERT_FALSE(h.ok()) << json;
    EXPECT_EQ(h.error().kind, ErrorKind::kInvalidInput);
    EXPECT_EQ(h.error().message, message) << json;
  }
  auto ok = parse_bundle_header(magic + R"({"format":1,"future":[1],)" + good + "}\n");
  EXPECT_TRUE(ok.ok()) << ok.error().to_string();
  auto big = parse_bundle_header(magic + std::string(kMaxBundleHeader, ' '));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().message, "bundle header: longer than 65536 bytes");
}

}  // namespace
}  // namespace customs
