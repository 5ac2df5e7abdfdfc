#pragma once
// The signing half of database bundles (private to vulndb/bundle*.cc): keys read from PEM, the
// algorithm each key type signs with, and EVP_DigestSign / EVP_DigestVerify over one buffer.
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

struct evp_pkey_st;

namespace customs::bundle {

struct PkeyFree {
  void operator()(evp_pkey_st* k) const;
};

struct BundleKey {
  std::unique_ptr<evp_pkey_st, PkeyFree> pkey;
  std::string algorithm;  // bundle.h's names: "ed25519", "ecdsa-p256-sha256", "ecdsa-p384-sha384"
  std::string key_id;     // "sha256:<hex>" of the DER SubjectPublicKeyInfo
};

// An unencrypted private key (PKCS#8 or traditional PEM). kUsage for RSA, another curve or an
// encrypted key; kInvalidInput for a file that holds no private key.
Result<BundleKey> load_private_key(const std::string& pem_path);
// A public key (PEM SubjectPublicKeyInfo). The same refusals as load_private_key.
Result<BundleKey> load_public_key(const std::string& pem_path);

// True when `name` is one of the algorithms above.
bool known_algorithm(std::string_view name);
// The largest signature `algorithm` makes (64 for Ed25519, DER ECDSA bound otherwise).
size_t max_signature_size(std::string_view algorithm);

Result<std::string> sign(const BundleKey& key, std::string_view message);
// kInvalidInput "signature does not verify" when it does not.
Status verify(const BundleKey& key, std::string_view message, std::string_view signature);

}  // namespace customs::bundle
