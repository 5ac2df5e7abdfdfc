#include "vulndb/bundle_crypto.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <array>

#include "core/hash.h"
#include "io/fs.h"

namespace customs::bundle {

namespace {

constexpr uint64_t kMaxPemBytes = uint64_t{64} << 10;

// One row per supported key type: what it is called in a bundle and how it signs.
struct Algorithm {
  std::string_view name;
  int pkey_type;
  std::string_view group;  // EC curve (OpenSSL group name), "" for Ed25519
  const EVP_MD* (*digest)();
  size_t max_signature;  // DER ECDSA: SEQUENCE of two INTEGERs of the order's size (+1 sign byte)
};

const EVP_MD* no_digest() { return nullptr; }

constexpr std::array<Algorithm, 3> kAlgorithms{{
    {"ed25519", EVP_PKEY_ED25519, "", no_digest, 64},
    {"ecdsa-p256-sha256", EVP_PKEY_EC, "prime256v1", EVP_sha256, 72},
    {"ecdsa-p384-sha384", EVP_PKEY_EC, "secp384r1", EVP_sha384, 104},
}};

const Algorithm* find_algorithm(std::string_view name) {
  for (const Algorithm& a : kAlgorithms)
    if (a.name == name) return &a;
  return nullptr;
}

// The last OpenSSL error as text (and the queue cleared), "unknown error" when there is none.
std::string openssl_error() {
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "unknown error";
  std::array<char, 256> buf{};
  ERR_error_string_n(e, buf.data(), buf.size());
  return buf.data();
}

// The algorithm for a key, or kUsage naming what kind of key it is.
Result<const Algorithm*> algorithm_for(EVP_PKEY* pkey, const std::string& path) {
  int type = EVP_PKEY_get_base_id(pkey);
  if (type == EVP_PKEY_RSA || type == EVP_PKEY_RSA_PSS)
    return make_error(ErrorKind::kUsage, path +
                                             ": RSA keys are not supported for database bundles; "
                                             "use an Ed25519 or ECDSA P-256/P-384 key");
  std::array<char, 64> group{};
  size_t len = 0;
  if (type == EVP_PKEY_EC && EVP_PKEY_get_group_name(pkey, group.data(), group.size(), &len) != 1)
    group[0] = '\0';
  for (const Algorithm& a : kAlgorithms)
    if (a.pkey_type == type && a.group == std::string_view(group.data())) return &a;
  std::string kind = type == EVP_PKEY_EC ? std::string("ECDSA on curve ") + group.data()
                                         : std::string(OBJ_nid2sn(type) ? OBJ_nid2sn(type) : "unknown");
  return make_error(ErrorKind::kUsage, path + ": " + kind +
                                           " keys are not supported for database bundles; use an "
                                           "Ed25519 or ECDSA P-256/P-384 key");
}

std::string key_id_of(EVP_PKEY* pkey) {
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(pkey, &der);
  if (len <= 0) return "";
  std::string id = "sha256:" + sha256_hex(std::string_view(reinterpret_cast<const char*>(der), len));
  OPENSSL_free(der);
  return id;
}

// Refuses to prompt: an encrypted key fails to load instead of reading the terminal.
int no_passphrase(char*, int, int, void*) { return -1; }

using Reader = EVP_PKEY* (*)(BIO*, EVP_PKEY**, pem_password_cb*, void*);

Result<BundleKey> load_key(const std::string& path, Reader reader, const char* what) {
  auto pem = DiskFs().read_file(path, kMaxPemBytes);
  if (!pem) return pem.error();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())),
                                                &BIO_free);
  ERR_clear_error();
  BundleKey key;
  key.pkey.reset(bio ? reader(bio.get(), nullptr, no_passphrase, nullptr) : nullptr);
  if (!key.pkey) {
    std::string why = openssl_error();
    bool encrypted = pem->find("ENCRYPTED") != std::string::npos;
    return make_error(encrypted ? ErrorKind::kUsage : ErrorKind::kInvalidInput,
                      encrypted ? path +
                                      ": encrypted private keys are not supported (decrypt it with "
                                      "`openssl pkey -in KEY -out PLAIN`)"
                                : path + ": not a PEM " + what + " (" + why + ")");
  }
  auto algo = algorithm_for(key.pkey.get(), path);
  if (!algo) return algo.error();
  key.algorithm = std::string((*algo)->name);
  key.key_id = key_id_of(key.pkey.get());
  if (key.key_id.empty())
    return make_error(ErrorKind::kInvalidInput, path + ": cannot encode the public key: " + openssl_error());
  return key;
}

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

void PkeyFree::operator()(evp_pkey_st* k) const { EVP_PKEY_free(k); }

Result<BundleKey> load_private_key(const std::string& pem_path) {
  return load_key(pem_path, PEM_read_bio_PrivateKey, "private key");
}

Result<BundleKey> load_public_key(const std::string& pem_path) {
  return load_key(pem_path, PEM_read_bio_PUBKEY, "public key (\"BEGIN PUBLIC KEY\")");
}

bool known_algorithm(std::string_view name) { return find_algorithm(name) != nullptr; }

size_t max_signature_size(std::string_view algorithm) {
  const Algorithm* a = find_algorithm(algorithm);
  return a ? a->max_signature : 0;
}

Result<std::string> sign(const BundleKey& key, std::string_view message) {
  const Algorithm* a = find_algorithm(key.algorithm);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  size_t len = 0;
  if (a == nullptr || !ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, a->digest(), nullptr, key.pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, bytes_of(message), message.size()) != 1)
    return make_error(ErrorKind::kInternal, "cannot start signing: " + openssl_error());
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, bytes_of(message),
                     message.size()) != 1)
    return make_error(ErrorKind::kInternal, "cannot sign: " + openssl_error());
  sig.resize(len);
  return sig;
}

Status verify(const BundleKey& key, std::string_view message, std::string_view signature) {
  const Algorithm* a = find_algorithm(key.algorithm);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (a == nullptr || !ctx ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, a->digest(), nullptr, key.pkey.get()) != 1)
    return make_error(ErrorKind::kInternal, "cannot start verifying: " + openssl_error());
  int r =
      EVP_DigestVerify(ctx.get(), bytes_of(signature), signature.size(), bytes_of(message), message.size());
  ERR_clear_error();
  if (r != 1) return make_error(ErrorKind::kInvalidInput, "signature does not verify");
  return ok_status();
}

}  // namespace customs::bundle
