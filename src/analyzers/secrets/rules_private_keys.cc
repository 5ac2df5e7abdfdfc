// Secret rules SE001-SE019: private keys (PEM, OpenSSH, PGP, PuTTY, age, WireGuard, kubeconfig).
// The secret is the first line of the key body: enough to name the key, never printed.
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;
constexpr std::string_view kSource = "NIST SP 800-190 4.1.4";
constexpr uint32_t kKeyFlags = kSecretMultiline;

constexpr std::string_view kRebuild =
    "Rebuild the image without the key (deleting it in a later layer leaves it in the earlier one), "
    "revoke or replace the key, and mount it at run time as an orchestrator secret "
    "(Kubernetes Secret volume, docker secret) or use a build secret (RUN --mount=type=secret).";

// One shape each for the two OpenSSH and the two PuTTY rules; their validators tell the encrypted
// keys from the others.
constexpr std::string_view kOpenSsh =
    R"(-----BEGIN OPENSSH PRIVATE KEY-----\s*(b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/]{20,}))";
constexpr std::string_view kPutty =
    R"(PuTTY-User-Key-File-[23]: [^\r\n]*\r?\nEncryption: [^\r\n]*(?:\r?\n[^\r\n]*){1,30}\r?\nPrivate-Lines: [0-9]+\r?\n([A-Za-z0-9+/]{16,}))";

const SecretRule kRules[] = {
    {Rule{"SE001", Severity::kCritical, kS, "Private key (PEM)",
          "An unencrypted RSA, EC, DSA or PKCS#8 private key: anyone who pulls the image can impersonate "
          "the server or user it belongs to, sign as them and decrypt what was sent to them.",
          kRebuild, kSource},
     "private-key",
     "private key",
     R"(-----BEGIN (?:RSA |EC |DSA |ED25519 |X25519 )?PRIVATE KEY-----\s*([A-Za-z0-9+/]{32,}))",
     nullptr,
     0,
     {},
     kKeyFlags},
    {Rule{"SE002", Severity::kHigh, kS, "Encrypted private key (PEM)",
          "A passphrase-protected private key: the passphrase is often in the same image, a script or a "
          "weak word list, and the key can be attacked offline forever once copied.",
          kRebuild, kSource},
     "private-key",
     "encrypted private key,proc-type: 4,encrypted",
     R"(-----BEGIN (?:ENCRYPTED PRIVATE KEY-----|(?:RSA |EC |DSA )PRIVATE KEY-----\s*Proc-Type: 4,ENCRYPTED\s*DEK-Info: [^\r\n]*)\s*([A-Za-z0-9+/]{32,}))",
     nullptr,
     0,
     {},
     kKeyFlags},
    {Rule{"SE003", Severity::kCritical, kS, "OpenSSH private key",
          "An OpenSSH private key without a passphrase logs in to every host and Git server that trusts its "
          "public key.",
          "Remove the public key from authorized_keys and deploy-key settings, generate a new pair, and "
          "give the container the key at run time (SSH agent forwarding, RUN --mount=type=ssh, a secret "
          "volume); rebuild so no layer holds the old one.",
          kSource},
     "private-key",
     "openssh private key",
     kOpenSsh,
     openssh_unencrypted,
     0,
     {},
     kKeyFlags},
    {Rule{"SE004", Severity::kHigh, kS, "OpenSSH private key (passphrase-protected)",
          "A passphrase-protected OpenSSH key can be brute-forced offline once copied out of the image; "
          "weak passphrases fall quickly.",
          "Replace the key pair and remove the old public key where it is trusted; use RUN "
          "--mount=type=ssh or a run-time secret instead of copying keys into the image.",
          kSource},
     "private-key",
     "openssh private key",
     kOpenSsh,
     openssh_encrypted,
     0,
     {},
     kKeyFlags},
    {Rule{"SE005", Severity::kCritical, kS, "PGP private key block",
          "A PGP secret key signs packages, commits and releases as its owner and decrypts mail and files "
          "encrypted to them.",
          "Revoke the key (publish the revocation certificate), create a new one, and keep signing keys "
          "outside images: sign in CI with a key from the CI secret store or a KMS.",
          kSource},
     "private-key",
     "pgp private key block",
     R"(-----BEGIN PGP PRIVATE KEY BLOCK-----\s*(?:[A-Za-z][A-Za-z-]*: [^\r\n]*\s*){0,5}([A-Za-z0-9+/]{32,}))",
     nullptr,
     0,
     {},
     kKeyFlags},
    {Rule{"SE006", Severity::kCritical, kS, "PuTTY private key",
          "An unencrypted PuTTY (.ppk) key logs in to every SSH server that trusts its public key.",
          "Remove its public key from authorized_keys, generate a new pair with a passphrase, and keep "
          "it out of the image (run-time secret or agent).",
          kSource},
     "private-key",
     "putty-user-key-file-",
     kPutty,
     putty_unencrypted,
     0,
     {},
     kKeyFlags},
    {Rule{"SE007", Severity::kHigh, kS, "PuTTY private key (passphrase-protected)",
          "A passphrase-protected PuTTY key can be attacked offline once copied out of the image.",
          "Replace the key pair, remove the old public key where it is trusted, and keep keys out of "
          "images.",
          kSource},
     "private-key",
     "putty-user-key-file-",
     kPutty,
     putty_encrypted,
     0,
     {},
     kKeyFlags},
    {Rule{"SE008", Severity::kCritical, kS, "age secret key",
          "An age identity decrypts every file and secret (SOPS files, backups) encrypted to its "
          "recipient.",
          "Generate a new identity, re-encrypt the data to the new recipient, and mount the identity at "
          "run time (SOPS_AGE_KEY_FILE pointing at a secret volume).",
          kSource},
     "private-key",
     "age-secret-key-1",
     R"(\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b)",
     nullptr,
     0,
     {},
     0},
    {Rule{"SE009", Severity::kCritical, kS, "WireGuard private key",
          "A WireGuard private key lets anyone join the VPN as this peer and read the traffic sent to it.",
          "Generate a new key pair (wg genkey), replace the peer's public key on the other side, and "
          "mount the configuration at run time as a secret.",
          kSource},
     "private-key", "privatekey,private_key",
     R"(\b(?:PrivateKey|privatekey|private_key)\s*=\s*([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=))", not_example,
     3.5},
    {Rule{"SE010", Severity::kHigh, kS, "SSH2 encrypted private key",
          "An SSH.com / Tectia private key: copied out of the image it can be attacked offline and then "
          "logs in wherever its public key is trusted.",
          "Replace the key pair, remove the old public key where it is trusted, and keep keys out of "
          "images.",
          kSource},
     "private-key",
     "ssh2 encrypted private key",
     R"(---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\s*(?:[A-Za-z][A-Za-z-]*: [^\r\n]*\s*){0,5}([A-Za-z0-9+/]{32,}))",
     nullptr,
     0,
     {},
     kKeyFlags},
    {Rule{"SE011", Severity::kCritical, kS, "Kubernetes client key in a kubeconfig",
          "client-key-data is the base64 private key of a kubeconfig user: with the matching certificate "
          "it authenticates to the cluster API as that user, often cluster-admin.",
          "Revoke the certificate (rotate the cluster CA or remove the user's RBAC bindings), and give "
          "workloads a service account token instead of a kubeconfig baked into the image.",
          kSource},
     "private-key", "client-key-data", R"(client-key-data:\s*["']?(LS0tLS1CRUdJTi[A-Za-z0-9+/]{20,}={0,2}))",
     base64_pem_key},
};

}  // namespace

std::span<const SecretRule> private_key_secret_rules() { return kRules; }

}  // namespace customs
