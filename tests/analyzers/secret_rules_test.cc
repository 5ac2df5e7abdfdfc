// The built-in secret rules: every rule has a text it must find (with the exact secret) and a
// near miss it must not, through RE2 directly and through the SecretScanner; every regex compiles
// under RE2 and Hyperscan; the table's metadata is complete. Fake secrets are made at run time
// from a seeded generator, so no credential-looking value sits in this file.
#include <gtest/gtest.h>
#include <hs/hs.h>
#include <re2/re2.h>

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "analyzers/secrets/scanner.h"
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"
#include "core/mask.h"
#include "core/strings.h"

namespace customs {
namespace {

constexpr std::string_view kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kHex = "0123456789abcdef";
constexpr std::string_view kUpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr std::string_view kLowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kBech32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

// n characters of `alphabet`, the same for the same seed (a 64-bit LCG).
std::string fake(size_t n, std::string_view alphabet, uint64_t seed) {
  std::string out;
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (size_t i = 0; i < n; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    out.push_back(alphabet[(x >> 33) % alphabet.size()]);
  }
  return out;
}

std::string base64(std::string_view bytes, bool url = false) {
  std::string_view table = url ? kUrlSafe : kBase64;
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out.push_back(table[(v >> k) & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    if (rest == 2) v |= uint8_t(bytes[i + 1]) << 8;
    for (size_t k = 0; k <= rest; ++k) out.push_back(table[(v >> (18 - 6 * k)) & 63]);
    if (!url) out.append(3 - rest, '=');
  }
  return out;
}

std::string uuid(uint64_t seed) {
  return fake(8, kHex, seed) + "-" + fake(4, kHex, seed + 1) + "-" + fake(4, kHex, seed + 2) + "-" +
         fake(4, kHex, seed + 3) + "-" + fake(12, kHex, seed + 4);
}

// A GitHub-format token: prefix, 30 random base62 characters and their CRC32 checksum.
std::string github_format(std::string_view prefix, uint64_t seed, bool good_checksum = true) {
  std::string body = fake(30, kAlnum, seed);
  std::string sum = github_checksum_of(body);
  if (!good_checksum) sum[5] = sum[5] == 'A' ? 'B' : 'A';
  return std::string(prefix) + body + sum;
}

std::string pem_lines(std::string_view begin, std::string_view first, uint64_t seed) {
  return std::string(begin) + "\n" + std::string(first) + "\n" + fake(64, kBase64, seed) +
         "\n-----END-----\n";
}

// An OpenSSH key body whose cipher is `cipher`, base64 in 70-character lines.
std::string openssh_key(std::string_view cipher, uint64_t seed) {
  std::string bytes("openssh-key-v1\0", 15);
  bytes += std::string("\0\0\0", 3) + char(cipher.size()) + std::string(cipher);
  bytes += std::string("\0\0\0\x04", 4) + "none" + fake(60, kAlnum, seed);
  std::string b64 = base64(bytes);
  return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + b64.substr(0, 70) + "\n" + b64.substr(70) +
         "\n-----END OPENSSH PRIVATE KEY-----\n";
}

std::string first_line_after_header(const std::string& key) {
  size_t nl = key.find('\n');
  return key.substr(nl + 1, key.find('\n', nl + 1) - nl - 1);
}

std::string putty_key(std::string_view encryption, const std::string& private_line) {
  return "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: " + std::string(encryption) +
         "\nComment: deploy\nPublic-Lines: 2\n" + fake(64, kBase64, 70) + "\n" + fake(40, kBase64, 71) +
         "\nPrivate-Lines: 1\n" + private_line + "\nPrivate-MAC: " + fake(40, kHex, 72) + "\n";
}

std::string jwt(std::string_view header_json, std::string_view signature) {
  return base64(header_json, true) + "." +
         base64(R"({"sub":"1234567890","name":"svc","iat":1516239022})", true) + "." + std::string(signature);
}

struct Positive {
  std::string rule;
  std::string text;
  std::string secret;  // exactly what the rule must capture
  std::string path = "app/config";
};

struct NearMiss {
  std::string rule;
  std::string text;
  std::string why;
  std::string path = "app/config";
};

std::vector<Positive> private_key_positives() {
  std::string rsa = pem_lines("-----BEGIN RSA PRIVATE KEY-----", fake(64, kBase64, 1), 2);
  std::string enc = pem_lines("-----BEGIN ENCRYPTED PRIVATE KEY-----", fake(64, kBase64, 3), 4);
  std::string proc = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC," +
                     fake(32, kHex, 5) + "\n\n" + fake(64, kBase64, 6) + "\n-----END RSA PRIVATE KEY-----\n";
  std::string ssh_plain = openssh_key("none", 7), ssh_enc = openssh_key("aes256-ctr", 8);
  std::string pgp = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF" +
                    fake(58, kBase64, 9) + "\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----\n";
  std::string ppk_line = fake(64, kBase64, 10);
  std::string wg = fake(42, kBase64, 11) + "A=";
  std::string ssh2 = "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: \"rsa-key\"\n" +
                     fake(64, kBase64, 12) + "\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\n";
  std::string kube_key = base64(pem_lines("-----BEGIN RSA PRIVATE KEY-----", fake(64, kBase64, 13), 14));
  std::string age = "AGE-SECRET-KEY-1" + fake(58, kBech32, 15);
  return {
      {"SE001", "# deploy key\n" + rsa, fake(64, kBase64, 1)},
      {"SE001", "-----BEGIN PRIVATE KEY-----\n" + fake(64, kBase64, 16) + "\n", fake(64, kBase64, 16)},
      {"SE002", enc, fake(64, kBase64, 3)},
      {"SE002", proc, fake(64, kBase64, 6)},
      {"SE003", ssh_plain, first_line_after_header(ssh_plain), "root/.ssh/id_ed25519"},
      {"SE004", ssh_enc, first_line_after_header(ssh_enc), "root/.ssh/id_ed25519"},
      {"SE005", pgp, "lQOYBF" + fake(58, kBase64, 9)},
      {"SE006", putty_key("none", ppk_line), ppk_line, "home/u/key.ppk"},
      {"SE007", putty_key("aes256-cbc", ppk_line), ppk_line, "home/u/key.ppk"},
      {"SE008", "# created: 2024-01-01\n" + age + "\n", age},
      {"SE009", "[Interface]\nAddress = 10.0.0.2/32\nPrivateKey = " + wg + "\n", wg,
       "etc/wireguard/wg0.conf"},
      {"SE010", ssh2, fake(64, kBase64, 12)},
      {"SE011", "kind: Config\nusers:\n- name: admin\n  user:\n    client-key-data: " + kube_key + "\n",
       kube_key, "root/.kube/config"},
  };
}

std::vector<NearMiss> private_key_near_misses() {
  std::string cert = base64(pem_lines("-----BEGIN CERTIFICATE-----", fake(64, kBase64, 20), 21));
  std::string ppk_line = fake(64, kBase64, 22);
  return {
      {"SE001", "-----BEGIN PUBLIC KEY-----\n" + fake(64, kBase64, 23) + "\n", "a public key"},
      {"SE001", "-----BEGIN RSA PRIVATE KEY-----\n<your key here>\n", "a placeholder body"},
      {"SE002", "-----BEGIN CERTIFICATE-----\n" + fake(64, kBase64, 24) + "\n", "a certificate"},
      {"SE003", openssh_key("aes256-ctr", 25), "an encrypted OpenSSH key is SE004"},
      {"SE004", openssh_key("none", 26), "an unencrypted OpenSSH key is SE003"},
      {"SE005", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBF" + fake(58, kBase64, 27) + "\n",
       "a public key"},
      {"SE006", putty_key("aes256-cbc", ppk_line), "encrypted PuTTY key is SE007"},
      {"SE007", putty_key("none", ppk_line), "unencrypted PuTTY key is SE006"},
      {"SE008", "AGE-SECRET-KEY-1" + fake(57, kBech32, 28) + "\n", "57 characters, one short"},
      {"SE009", "[Peer]\nPublicKey = " + fake(42, kBase64, 29) + "A=\n", "a public key"},
      {"SE009", "PrivateKey = " + fake(42, kBase64, 30) + "B=\n", "last character outside a 32-byte key"},
      {"SE010", "---- BEGIN SSH2 PUBLIC KEY ----\n" + fake(64, kBase64, 31) + "\n", "a public key"},
      {"SE011", "kind: Config\n    client-key-data: " + cert + "\n", "base64 of a certificate"},
  };
}

std::vector<Positive> cloud_positives() {
  std::string akia = "AKIA" + fake(16, kUpperAlnum, 40);
  std::string aws_secret = fake(40, kBase64, 41);
  std::string session = "IQoJb3JpZ2luX2Vj" + fake(200, kBase64, 42);
  std::string gcp_body = fake(64, kBase64, 43);
  std::string gcp = R"({"type": "service_account", "project_id": "p", "private_key_id": ")" +
                    fake(40, kHex, 44) + R"(", "private_key": "-----BEGIN PRIVATE KEY-----\n)" + gcp_body +
                    R"(\n-----END PRIVATE KEY-----\n", "client_email": "ci@p.iam.gserviceaccount.com"})";
  std::string aiza = "AIza" + fake(35, kUrlSafe, 45), gocspx = "GOCSPX-" + fake(28, kUrlSafe, 46);
  std::string ya29 = "ya29." + fake(60, kUrlSafe, 47);
  std::string account_key = fake(86, kBase64, 48) + "==", sb_key = fake(43, kBase64, 49) + "=";
  std::string sig = fake(43, kBase64, 50) + "%3D";
  std::string aad = fake(3, kAlnum, 51) + "8Q~" + fake(34, kAlnum, 52);
  std::string ltai = "LTAI" + fake(20, kAlnum, 53), dop = "dop_v1_" + fake(64, kHex, 54);
  std::string heroku = uuid(55), hrku = "HRKU-AA" + fake(58, kUrlSafe, 56), ibm = fake(44, kUrlSafe, 57);
  std::string cf = fake(40, kUrlSafe, 58), fly = "fo1_" + fake(43, kUrlSafe, 59);
  std::string vercel = fake(24, kAlnum, 60), netlify = "nfp_" + fake(36, kAlnum, 61);
  return {
      {"SE020", "aws_access_key_id = " + akia + "\n", akia},
      {"SE021", "aws_secret_access_key = " + aws_secret + "\n", aws_secret},
      {"SE021", "aws configure set aws_secret_access_key " + aws_secret + "\n", aws_secret},
      {"SE021", R"({"AccessKeyId": "x", "SecretAccessKey": ")" + aws_secret + "\"}", aws_secret},
      {"SE022", "aws_session_token=" + session + "\n", session},
      {"SE023", gcp, gcp_body, "app/sa.json"},
      {"SE024", "GOOGLE_API_KEY=" + aiza + "\n", aiza},
      {"SE025", "client_secret: " + gocspx + "\n", gocspx},
      {"SE026", "Authorization: " + ya29 + "\n", ya29},
      {"SE027",
       "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + account_key +
           ";EndpointSuffix=core.windows.net",
       account_key},
      {"SE028",
       "Endpoint=sb://ns.servicebus.windows.net/"
       ";SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" +
           sb_key,
       sb_key},
      {"SE029",
       "https://acct.blob.core.windows.net/c/"
       "b.txt?sv=2021-06-08&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&spr=https&sig=" +
           sig + "\n",
       sig},
      {"SE030", "AZURE_CLIENT_SECRET=" + aad + "\n", aad},
      {"SE031", "ALIBABA_CLOUD_ACCESS_KEY_ID=" + ltai + "\n", ltai},
      {"SE032", "DIGITALOCEAN_TOKEN=" + dop + "\n", dop},
      {"SE033", "HEROKU_API_KEY=\"" + heroku + "\"\n", heroku},
      {"SE034", "api_key = \"" + hrku + "\"\n", hrku},
      {"SE035", "IBM_CLOUD_API_KEY=" + ibm + "\n", ibm},
      {"SE036", "CLOUDFLARE_API_TOKEN=" + cf + "\n", cf},
      {"SE037", "FLY_API_TOKEN=" + fly + "\n", fly},
      {"SE038", "VERCEL_TOKEN=" + vercel + "\n", vercel},
      {"SE039", "NETLIFY_AUTH_TOKEN=" + netlify + "\n", netlify},
  };
}

std::vector<NearMiss> cloud_near_misses() {
  std::string azurite =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  std::string gcp_user = R"({"type": "authorized_user", "private_key": "-----BEGIN PRIVATE KEY-----\n)" +
                         fake(64, kBase64, 80) + R"(\n"})";
  return {
      {"SE020", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", "AWS's documented example key"},
      {"SE020", "id = AKIA" + fake(15, kUpperAlnum, 81) + "\n", "15 characters after AKIA"},
      {"SE021", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", "documented example"},
      {"SE021", "aws_secret_access_key = " + fake(39, kBase64, 82) + "\n", "39 characters"},
      {"SE022", "aws_session_token=" + fake(50, kBase64, 83) + "\n", "too short for a session token"},
      {"SE023", gcp_user, "not a service account file"},
      {"SE024", "key=AIza" + fake(30, kUrlSafe, 84) + "\n", "30 characters after AIza"},
      {"SE025", "client_secret: GOCSPX-" + std::string(28, 'x') + "\n", "filler"},
      {"SE026", "token: ya29." + fake(10, kUrlSafe, 85) + "\n", "too short"},
      {"SE027", "UseDevelopmentStorage=true;AccountKey=" + azurite, "the public Azurite key"},
      {"SE028", "SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>", "a placeholder"},
      {"SE029", "https://example.com/?sig=" + fake(43, kBase64, 86), "a sig= without a SAS version"},
      {"SE030", "client_secret=bP88Q~" + std::string(34, 'x') + "\n", "filler"},
      {"SE031", "LTAI" + fake(8, kAlnum, 87) + "\n", "too short"},
      {"SE032", "dop_v1_" + fake(63, kHex, 88) + "\n", "63 hex digits"},
      {"SE033", "request_id = \"" + uuid(89) + "\"\n", "a UUID without Heroku context"},
      {"SE034", "HRKU-AB" + fake(58, kUrlSafe, 90) + "\n", "wrong prefix"},
      {"SE035", "IBM_CLOUD_API_KEY=${IBM_KEY}\n", "a variable reference"},
      {"SE036", "CLOUDFLARE_API_TOKEN=" + fake(39, kUrlSafe, 91) + "\n", "39 characters"},
      {"SE037", "FLY_API_TOKEN=fo1_" + std::string(43, 'x') + "\n", "filler"},
      {"SE038", "VERCEL_TOKEN=REPLACEWITHYOURTOKEN1234\n", "a placeholder"},
      {"SE039", "NETLIFY_SITE_ID=" + uuid(92) + "\n", "a site id, not a token"},
  };
}

std::vector<Positive> code_host_positives() {
  std::string ghp = github_format("ghp_", 100), ghs = github_format("ghs_", 101);
  std::string bad = github_format("ghp_", 102, false);
  std::string pat = "github_pat_" + fake(22, kAlnum, 103) + "_" + fake(59, kAlnum, 104);
  std::string gh_secret = fake(40, kHex, 105), glpat = "glpat-" + fake(20, kUrlSafe, 106);
  std::string glpat_routable = "glpat-" + fake(40, kUrlSafe, 107) + "." + fake(9, kLowerAlnum, 108);
  std::string gldt = "gldt-" + fake(20, kAlnum, 109), runner = "GR1348941" + fake(20, kAlnum, 110);
  std::string glrt = "glrt-" + fake(20, kAlnum, 111), glptt = "glptt-" + fake(40, kHex, 112);
  std::string atbb = "ATBB" + fake(32, kAlnum, 113), atatt = "ATATT3" + fake(186, kUrlSafe, 114);
  return {
      {"SE040", "GITHUB_TOKEN=" + ghp + "\n", ghp},
      {"SE040", "token: " + ghs + "\n", ghs},
      {"SE041", "GH_TOKEN=" + pat + "\n", pat},
      {"SE042", "GITHUB_TOKEN=" + bad + "\n", bad},
      {"SE043", "GITHUB_CLIENT_SECRET=" + gh_secret + "\n", gh_secret},
      {"SE044", "private-token: " + glpat + "\n", glpat},
      {"SE044", "GITLAB_TOKEN=" + glpat_routable + "\n", glpat_routable},
      {"SE045", "username: gitlab+deploy\npassword: " + gldt + "\n", gldt},
      {"SE046", "--registration-token " + runner + "\n", runner},
      {"SE046", "token = \"" + glrt + "\"\n", glrt},
      {"SE047", "curl -F token=" + glptt + " https://gitlab.example.com\n", glptt},
      {"SE048", "BITBUCKET_APP_PASSWORD=" + atbb + "\n", atbb},
      {"SE049", "JIRA_API_TOKEN=" + atatt + "\n", atatt},
  };
}

std::vector<NearMiss> code_host_near_misses() {
  return {
      {"SE040", "GITHUB_TOKEN=" + github_format("ghp_", 120, false) + "\n", "bad checksum"},
      {"SE040", "GITHUB_TOKEN=ghp_" + fake(35, kAlnum, 121) + "\n", "35 characters"},
      {"SE041", "github_pat_" + fake(22, kAlnum, 122) + "_" + fake(58, kAlnum, 123) + "\n", "58 characters"},
      {"SE042", "GITHUB_TOKEN=" + github_format("ghp_", 124) + "\n", "a valid checksum is SE040"},
      {"SE042", "GITHUB_TOKEN=ghp_" + std::string(36, 'x') + "\n", "filler"},
      {"SE043", "GITHUB_SHA=" + fake(40, kHex, 125) + "\n", "a commit id, not a secret"},
      {"SE044", "glpat-xxxxxxxxxxxxxxxxxxxx\n", "filler"},
      {"SE045", "gldt-" + fake(19, kAlnum, 126) + "\n", "19 characters"},
      {"SE046", "GR1348941XXXXXXXXXXXXXXXXXXXX\n", "filler"},
      {"SE047", "glptt-" + fake(39, kHex, 127) + "\n", "39 hex digits"},
      {"SE048", "BITBUCKET_USERNAME=" + fake(24, kAlnum, 128) + "\n", "a user name"},
      {"SE049", "ATATT3" + fake(100, kUrlSafe, 129) + "\n", "too short"},
  };
}

std::vector<Positive> registry_positives() {
  std::string npm = github_format("npm_", 140), auth_token = fake(40, kAlnum, 141);
  std::string auth = base64("ci:" + fake(16, kAlnum, 142));
  std::string pypi = "pypi-AgEIcHlwaS5vcmc" + fake(70, kUrlSafe, 143);
  std::string gem = "rubygems_" + fake(48, kHex, 144), nuget = "oy2" + fake(43, kLowerAlnum, 145);
  std::string docker_auth = base64("builder:" + fake(20, kAlnum, 146));
  std::string pull = base64(R"({"auths":{"r.example.com":{"auth":")" + docker_auth + "\"}}}");
  std::string dckr = "dckr_pat_" + fake(27, kUrlSafe, 147), akcp = "AKCp" + fake(69, kAlnum, 148);
  return {
      {"SE050", "NPM_TOKEN=" + npm + "\n", npm},
      {"SE051", "//registry.npmjs.org/:_authToken=" + auth_token + "\n", auth_token, "root/.npmrc"},
      {"SE052", "//npm.example.com/:_auth=" + auth + "\n", auth, "root/.npmrc"},
      {"SE053", "password = " + pypi + "\n", pypi, "root/.pypirc"},
      {"SE054", ":rubygems_api_key: " + gem + "\n", gem},
      {"SE055", "nuget push -k " + nuget + "\n", nuget},
      {"SE056", R"({"auths": {"registry.example.com": {"auth": ")" + docker_auth + "\"}}}", docker_auth,
       "root/.docker/config.json"},
      {"SE057", "data:\n  .dockerconfigjson: " + pull + "\n", pull},
      {"SE058", "DOCKERHUB_TOKEN=" + dckr + "\n", dckr},
      {"SE059", "ARTIFACTORY_API_KEY=" + akcp + "\n", akcp},
  };
}

std::vector<NearMiss> registry_near_misses() {
  return {
      {"SE050", "NPM_TOKEN=" + github_format("npm_", 150, false) + "\n", "bad checksum"},
      {"SE051", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", "a variable reference"},
      {"SE052", "//npm.example.com/:_auth=${NPM_AUTH}\n", "a variable reference"},
      {"SE053", "pypi-AgEIcHlwaS5vcmc" + fake(20, kUrlSafe, 151) + "\n", "too short"},
      {"SE054", "rubygems_" + fake(47, kHex, 152) + "\n", "47 hex digits"},
      {"SE055", "oy2" + fake(42, kLowerAlnum, 153) + "\n", "42 characters"},
      {"SE056", R"({"auths": {"r": {"auth": ")" + base64("justauser") + "\"}}}",
       "no colon in the decoded value"},
      {"SE056", R"({"auths": {"r": {"auth": ")" + base64("user:password") + "\"}}}",
       "a placeholder password"},
      {"SE057", ".dockerconfigjson: " + base64(R"({"foo":"barbazquxquuxcorgegrault"})") + "\n", "no auths"},
      {"SE058", "dckr_pat_" + fake(20, kUrlSafe, 154) + "\n", "too short"},
      {"SE059", "AKCp" + fake(60, kAlnum, 155) + "\n", "too short"},
  };
}

std::vector<Positive> saas_positives() {
  std::string slack =
      "xoxb-" + fake(10, kDigits, 160) + "-" + fake(13, kDigits, 161) + "-" + fake(24, kAlnum, 162);
  std::string hook =
      "T" + fake(8, kUpperAlnum, 163) + "/B" + fake(8, kUpperAlnum, 164) + "/" + fake(24, kAlnum, 165);
  std::string discord =
      "M" + fake(23, kAlnum, 166) + "." + fake(6, kUrlSafe, 167) + "." + fake(27, kUrlSafe, 168);
  std::string discord_hook = fake(18, kDigits, 169) + "/" + fake(68, kUrlSafe, 170);
  std::string telegram = fake(10, kDigits, 171) + ":AA" + fake(33, kUrlSafe, 172);
  std::string live = std::string("sk_") + "live_" + fake(24, kAlnum, 173);
  std::string test = std::string("sk_") + "test_" + fake(24, kAlnum, 174);
  std::string square = "sq0atp-" + fake(22, kUrlSafe, 175);
  std::string braintree = "access_token$production$" + fake(16, kLowerAlnum, 176) + "$" + fake(32, kHex, 177);
  std::string twilio = "SK" + fake(32, kHex, 178);
  std::string sendgrid = "SG." + fake(22, kAlnum, 179) + "." + fake(43, kAlnum, 180);
  std::string mailgun = "key-" + fake(32, kHex, 181), mailchimp = fake(32, kHex, 182) + "-us14";
  std::string shopify = "shpat_" + fake(32, kHex, 183), dropbox = "sl." + fake(140, kUrlSafe, 184);
  std::string asana = "1/" + fake(16, kDigits, 185) + ":" + fake(32, kHex, 186);
  std::string linear = "lin_api_" + fake(40, kAlnum, 187),
              notion = "ntn_" + fake(11, kDigits, 188) + fake(35, kAlnum, 189);
  std::string openai = "sk-proj-" + fake(60, kUrlSafe, 190) + "T3BlbkFJ" + fake(40, kUrlSafe, 191);
  std::string openai_legacy = "sk-" + fake(20, kAlnum, 192) + "T3BlbkFJ" + fake(20, kAlnum, 193);
  std::string anthropic = "sk-ant-api03-" + fake(93, kUrlSafe, 194) + "AA";
  std::string hf = "hf_" + fake(34, kAlnum, 195), dapi = "dapi" + fake(32, kHex, 196);
  std::string doppler = "dp.pt." + fake(43, kAlnum, 197), vault = "hvs." + fake(100, kUrlSafe, 198);
  std::string tfc = fake(14, kAlnum, 199) + ".atlasv1." + fake(65, kUrlSafe, 200);
  std::string pulumi = "pul-" + fake(40, kHex, 201), newrelic = "NRAK-" + fake(27, kUpperAlnum, 202);
  std::string sentry = "sntrys_eyJ" + fake(80, kAlnum, 203) + "_" + fake(43, kAlnum, 204);
  std::string grafana = "glsa_" + fake(32, kAlnum, 205) + "_" + fake(8, kHex, 206);
  std::string pscale = "pscale_tkn_" + fake(43, kUrlSafe, 207);
  return {
      {"SE060", "SLACK_BOT_TOKEN=" + slack + "\n", slack},
      {"SE061", "url: https://hooks.slack.com/services/" + hook + "\n", hook},
      {"SE062", "DISCORD_TOKEN=" + discord + "\n", discord},
      {"SE063", "https://discord.com/api/webhooks/" + discord_hook + "\n", discord_hook},
      {"SE064", "TELEGRAM_BOT_TOKEN=" + telegram + "\n", telegram},
      {"SE065", "STRIPE_SECRET_KEY=" + live + "\n", live},
      {"SE066", "STRIPE_SECRET_KEY=" + test + "\n", test},
      {"SE067", "SQUARE_ACCESS_TOKEN=" + square + "\n", square},
      {"SE068", "BRAINTREE_TOKEN=" + braintree + "\n", braintree},
      {"SE069", "TWILIO_API_KEY=" + twilio + "\n", twilio},
      {"SE070", "SENDGRID_API_KEY=" + sendgrid + "\n", sendgrid},
      {"SE071", "MAILGUN_API_KEY=" + mailgun + "\n", mailgun},
      {"SE072", "MAILCHIMP_KEY=" + mailchimp + "\n", mailchimp},
      {"SE073", "SHOPIFY_TOKEN=" + shopify + "\n", shopify},
      {"SE074", "DROPBOX_TOKEN=" + dropbox + "\n", dropbox},
      {"SE075", "ASANA_TOKEN=" + asana + "\n", asana},
      {"SE076", "LINEAR_API_KEY=" + linear + "\n", linear},
      {"SE077", "NOTION_TOKEN=" + notion + "\n", notion},
      {"SE078", "OPENAI_API_KEY=" + openai + "\n", openai},
      {"SE078", "openai.api_key = '" + openai_legacy + "'\n", openai_legacy},
      {"SE079", "ANTHROPIC_API_KEY=" + anthropic + "\n", anthropic},
      {"SE080", "HF_TOKEN=" + hf + "\n", hf},
      {"SE081", "DATABRICKS_TOKEN=" + dapi + "\n", dapi},
      {"SE082", "DOPPLER_TOKEN=" + doppler + "\n", doppler},
      {"SE083", "VAULT_TOKEN=" + vault + "\n", vault},
      {"SE084", "token = \"" + tfc + "\"\n", tfc},
      {"SE085", "PULUMI_ACCESS_TOKEN=" + pulumi + "\n", pulumi},
      {"SE086", "NEW_RELIC_API_KEY=" + newrelic + "\n", newrelic},
      {"SE087", "SENTRY_AUTH_TOKEN=" + sentry + "\n", sentry},
      {"SE088", "GRAFANA_TOKEN=" + grafana + "\n", grafana},
      {"SE089", "PLANETSCALE_SERVICE_TOKEN=" + pscale + "\n", pscale},
  };
}

std::vector<NearMiss> saas_near_misses() {
  return {
      {"SE060", "xoxb-123\n", "too short"},
      {"SE061", "https://hooks.slack.com/services/T000/B000/XXXX\n", "a truncated documentation URL"},
      {"SE062",
       "TOKEN=M" + fake(23, kAlnum, 220) + "." + fake(6, kUrlSafe, 221) + "." + fake(27, kUrlSafe, 222) +
           "\n",
       "no Discord context"},
      {"SE063", "https://discord.com/api/webhooks/123/abc\n", "a truncated URL"},
      {"SE064", fake(10, kDigits, 223) + ":AB" + fake(33, kUrlSafe, 224) + "\n", "not a bot token shape"},
      {"SE065", std::string("sk_") + "live_" + fake(10, kAlnum, 225) + "\n", "too short"},
      {"SE066", "STRIPE_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc\n", "Stripe's documented test key"},
      {"SE067", "sq0atp-" + fake(10, kUrlSafe, 226) + "\n", "too short"},
      {"SE068", "access_token$sandbox$" + fake(16, kLowerAlnum, 227) + "$" + fake(32, kHex, 228) + "\n",
       "sandbox"},
      {"SE069", "ID=SK" + fake(32, kHex, 229) + "\n", "no Twilio context"},
      {"SE070", "SG." + fake(22, kAlnum, 230) + "." + fake(20, kAlnum, 231) + "\n", "second part too short"},
      {"SE071", "key-" + fake(31, kHex, 232) + "\n", "31 hex digits"},
      {"SE072", fake(32, kHex, 233) + "-eu1\n", "not a Mailchimp data centre"},
      {"SE073", "shpat_" + fake(32, "ghijklmnop", 234) + "\n", "not hex"},
      {"SE074", "sl." + fake(50, kUrlSafe, 235) + "\n", "too short"},
      {"SE075", "id=1/" + fake(16, kDigits, 236) + ":" + fake(32, kHex, 237) + "\n", "no Asana context"},
      {"SE076", "lin_api_" + fake(39, kAlnum, 238) + "\n", "39 characters"},
      {"SE077", "secret_" + fake(20, kAlnum, 239) + "\n", "too short"},
      {"SE078", "sk-proj-" + fake(20, kUrlSafe, 240) + "\n", "too short"},
      {"SE079", "sk-ant-api03-" + fake(93, kUrlSafe, 241) + "BB\n", "wrong suffix"},
      {"SE080", "from huggingface_hub import hf_hub_download\n", "an identifier"},
      {"SE081", "dapi" + fake(31, kHex, 242) + "z\n", "not hex"},
      {"SE082", "dp.pt." + fake(20, kAlnum, 243) + "\n", "too short"},
      {"SE083", "hvs." + fake(50, kUrlSafe, 244) + "\n", "too short"},
      {"SE084", fake(14, kAlnum, 245) + ".atlasv1." + fake(10, kUrlSafe, 246) + "\n", "too short"},
      {"SE085", "pul-" + fake(39, kHex, 247) + "\n", "39 hex digits"},
      {"SE086", "NRAK-" + fake(27, "abcdefghij", 248) + "\n", "lower case"},
      {"SE087", "SENTRY_AUTH_TOKEN=sntrys_your-auth-token\n", "a placeholder"},
      {"SE088", "glsa_" + std::string(32, 'X') + "_AAAAAAAA\n", "filler"},
      {"SE089", "pscale_tkn_" + fake(10, kUrlSafe, 249) + "\n", "too short"},
  };
}

std::vector<Positive> generic_positives() {
  std::string git_token = fake(40, kAlnum, 260), netrc_pw = fake(16, kAlnum, 261),
              pg_pw = fake(16, kAlnum, 262);
  std::string apr1 = "$apr1$" + fake(8, kAlnum, 263) + "$" + fake(22, kAlnum, 264);
  std::string bcrypt = "$2y$10$" + fake(53, kAlnum, 265);
  std::string url_pw = fake(16, kAlnum, 266), kube_token = fake(40, kAlnum, 267);
  std::string escaped = fake(64, kBase64, 268);
  std::string signed_jwt = jwt(R"({"alg":"HS256","typ":"JWT"})", fake(43, kUrlSafe, 269));
  std::string none_jwt = jwt(R"({"alg":"none","typ":"JWT"})", "");
  std::string basic = base64("alice:" + fake(16, kAlnum, 270));
  std::string dd = fake(32, kHex, 271), okta = "00" + fake(40, kUrlSafe, 272);
  std::string fb = "EAA" + fake(100, kAlnum, 273), twitch = fake(30, kLowerAlnum, 274), postmark = uuid(275);
  std::string bearer = fake(40, kAlnum, 276), password = fake(16, kAlnum, 277),
              api_key = fake(32, kAlnum, 278);
  return {
      {"SE090", "https://alice:" + git_token + "@github.com\n", git_token, "root/.git-credentials"},
      {"SE091", "machine api.example.com\n  login alice\n  password " + netrc_pw + "\n", netrc_pw,
       "root/.netrc"},
      {"SE091", "machine h login a password " + netrc_pw + "\n", netrc_pw, "Users/a/_netrc"},
      {"SE092", "db.example.com:5432:app:alice:" + pg_pw + "\n", pg_pw, "root/.pgpass"},
      {"SE093", "alice:" + apr1 + "\n", apr1, "etc/nginx/.htpasswd"},
      {"SE093", "bob:" + bcrypt + "\n", bcrypt, "etc/apache2/htpasswd"},
      {"SE094", "DATABASE_URL=postgres://app:" + url_pw + "@db.internal.corp:5432/app\n", url_pw},
      {"SE095", "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: " + kube_token + "\n",
       kube_token, "root/.kube/config"},
      {"SE096", R"({"key": "-----BEGIN PRIVATE KEY-----\n)" + escaped + R"(\n-----END PRIVATE KEY-----\n"})",
       escaped},
      {"SE097", "Authorization: " + signed_jwt + "\n", signed_jwt},
      {"SE098", "token=" + none_jwt + "\n", none_jwt},
      {"SE099", "Authorization: Basic " + basic + "\n", basic},
      {"SE100", "DD_API_KEY=" + dd + "\n", dd},
      {"SE101", "OKTA_API_TOKEN=" + okta + "\n", okta},
      {"SE102", "FACEBOOK_ACCESS_TOKEN=" + fb + "\n", fb},
      {"SE103", "TWITCH_CLIENT_SECRET=" + twitch + "\n", twitch},
      {"SE104", "POSTMARK_SERVER_TOKEN=" + postmark + "\n", postmark},
      {"SE105", "curl -H 'Authorization: Bearer " + bearer + "' https://api.example.com\n", bearer},
      {"SE106", "DB_PASSWORD=" + password + "\n", password},
      {"SE106", "  password: \"" + password + "\"\n", password},
      {"SE107", "API_KEY=" + api_key + "\n", api_key},
      {"SE107", "client_secret: '" + api_key + "'\n", api_key},
  };
}

std::vector<NearMiss> generic_near_misses() {
  std::string token = fake(40, kAlnum, 290);
  return {
      {"SE090", "https://alice:" + token + "@github.com\n", "not a .git-credentials file", "app/notes.txt"},
      {"SE091", "machine h login a password " + fake(16, kAlnum, 291) + "\n", "not a .netrc file",
       "app/notes"},
      {"SE092", "localhost:5432:*:postgres:*\n", "a wildcard, not a password", "root/.pgpass"},
      {"SE093", "alice:plaintext\n", "not a hash", "etc/nginx/.htpasswd"},
      {"SE094", "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app\n", "a variable reference"},
      {"SE094", "postgres://user:<password>@localhost/db\n", "a placeholder"},
      {"SE094", "amqp://guest:***@rabbit/\n", "masked"},
      {"SE094", "http://user:" + fake(12, kAlnum, 296) + "@proxy.example.com/\n", "a documentation host"},
      {"SE095", "users:\n- name: ci\n  user:\n    token: " + token + "\n",
       "not a kubeconfig (no kind: Config)"},
      {"SE096", R"({"key": "-----BEGIN PUBLIC KEY-----\n)" + fake(64, kBase64, 292) + R"(\n"})",
       "a public key"},
      {"SE097", "t=" + jwt(R"({"typ":"JWT"})", fake(43, kUrlSafe, 293)) + "\n", "no alg in the header"},
      {"SE097", "t=" + jwt(R"({"alg":"none"})", "") + "\n", "alg none is SE098"},
      {"SE098", "t=" + jwt(R"({"alg":"RS256"})", fake(43, kUrlSafe, 294)) + "\n", "a signed token is SE097"},
      {"SE099", "Authorization: Basic " + base64("alice") + "\n", "no colon"},
      {"SE099", "Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW\n", "RFC 6749's example credentials"},
      {"SE100", "DD_SITE=datadoghq.com\n", "not a key"},
      {"SE101", "OKTA_ORG_URL=https://example.okta.com\n", "a URL"},
      {"SE102", "FACEBOOK_APP_ID=1234567890\n", "an app id"},
      {"SE103", "TWITCH_CLIENT_SECRET=" + fake(20, kLowerAlnum, 295) + "\n", "too short"},
      {"SE104", "POSTMARK_SERVER_TOKEN=00000000-0000-0000-0000-000000000000\n", "low entropy"},
      {"SE105", "Authorization: Bearer $TOKEN\n", "a variable reference"},
      {"SE106", "DB_PASSWORD=changeme\n", "a placeholder"},
      {"SE106", "password: ${DB_PASSWORD}\n", "a variable reference"},
      {"SE106", "password = /run/secrets/db_password\n", "a file path"},
      {"SE106", "password: true\n", "a boolean"},
      {"SE106", "password=%(db_password)s\n", "a format reference"},
      {"SE106", "password = os.environ[\"DB_PASSWORD\"]\n", "code"},
      {"SE106", "PASSWORD=aaaaaaaaaaaa\n", "one repeated character"},
      {"SE106", ":param key_password:\n    Optional password if the key is encrypted.\n",
       "prose on the next line"},
      {"SE106", "self.key_password = key_password\n", "a variable name"},
      {"SE106", "my $pwd = CPAN::anycwd();\n", "a Perl call"},
      {"SE106", "        password = @userdb.get_passwd(@realm, auth_req['username'], @reload_db)\n",
       "a Ruby call"},
      {"SE106", "    #   uri.password = \"V3ry_S3nsit1ve\"\n", "a documentation comment"},
      {"SE106", "passwd: elevated-privileges 4755 root/root [usr/bin/chfn]\n", "kebab-case words (lintian)"},
      {"SE094", "uri = \"druby://#{s.addr[3]}:#{@config[:tcp_port]}\"\n", "Ruby interpolation"},
      {"SE107", "API_KEY=your_api_key_here\n", "a placeholder"},
      {"SE107", "token: {{ .Values.token }}\n", "a template reference"},
      {"SE107", "secret: abc\n", "too short"},
      {"SE107", "def sign(private_key: \"_EllipticCurvePrivateKey\", data)\n", "a type name"},
      {"SE107", "API_KEY=abcabcabcabcabcabcab\n", "low entropy"},
  };
}

std::vector<Positive> all_positives() {
  std::vector<Positive> out;
  for (auto group : {private_key_positives(), cloud_positives(), code_host_positives(), registry_positives(),
                     saas_positives(), generic_positives()})
    out.insert(out.end(), group.begin(), group.end());
  return out;
}

std::vector<NearMiss> all_near_misses() {
  std::vector<NearMiss> out;
  for (auto group : {private_key_near_misses(), cloud_near_misses(), code_host_near_misses(),
                     registry_near_misses(), saas_near_misses(), generic_near_misses()})
    out.insert(out.end(), group.begin(), group.end());
  return out;
}

RE2::Options rule_re2_options(const SecretRule& r) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive((r.flags & kSecretCaseless) == 0);
  o.set_dot_nl((r.flags & kSecretMultiline) != 0);
  return o;
}

bool has_keyword(const SecretRule& r, std::string_view text) {
  std::string lowered = to_lower(text);
  for (const std::string& k : split(r.keywords, ','))
    if (lowered.find(k) != std::string::npos) return true;
  return false;
}

const SecretScanner& scanner() {
  static std::unique_ptr<SecretScanner> s = [] {
    auto made = SecretScanner::create(SecretScanOptions{});
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
    return made.ok() ? std::move(*made) : nullptr;
  }();
  return *s;
}

// The secrets the scanner reports for `rule` in `text`.
std::vector<std::string> scanner_secrets(std::string_view rule, const std::string& path,
                                         const std::string& text) {
  std::vector<std::string> out;
  for (const SecretHit& h : scanner().scan(path, text))
    if (h.rule->rule.id == rule) out.push_back(text.substr(h.begin, h.end - h.begin));
  return out;
}

TEST(SecretRuleTable, AtLeastEightyRulesWithUniqueIdsAndFullText) {
  auto rules = secret_rules();
  EXPECT_GE(rules.size(), 80u);
  std::set<std::string_view> ids;
  for (const SecretRule& r : rules) {
    EXPECT_TRUE(ids.insert(r.rule.id).second) << "duplicate id " << r.rule.id;
    EXPECT_EQ(r.rule.practice, Practice::kSecrets) << r.rule.id;
    EXPECT_FALSE(r.rule.title.empty()) << r.rule.id;
    EXPECT_FALSE(r.rule.why.empty()) << r.rule.id;
    EXPECT_FALSE(r.rule.fix.empty()) << r.rule.id;
    EXPECT_FALSE(r.rule.source.empty()) << r.rule.id;
    EXPECT_FALSE(r.category.empty()) << r.rule.id;
    EXPECT_FALSE(r.keywords.empty()) << r.rule.id;
    EXPECT_EQ(to_lower(r.keywords), std::string(r.keywords)) << r.rule.id << ": keywords must be lower case";
    EXPECT_EQ(find_secret_rule(r.rule.id), &r);
  }
}

TEST(SecretRuleTable, IdsFallInTheirGroupsBlock) {
  auto in_block = [](std::span<const SecretRule> group, int from, int to) {
    for (const SecretRule& r : group) {
      int n = std::stoi(std::string(r.rule.id.substr(2)));
      EXPECT_TRUE(r.rule.id.starts_with("SE") && n >= from && n <= to) << r.rule.id;
    }
  };
  in_block(private_key_secret_rules(), 1, 19);
  in_block(cloud_secret_rules(), 20, 39);
  in_block(code_host_secret_rules(), 40, 49);
  in_block(registry_secret_rules(), 50, 59);
  in_block(saas_secret_rules(), 60, 89);
  in_block(generic_secret_rules(), 90, 119);
}

TEST(SecretRuleTable, SeveritiesFollowWhatTheCredentialGives) {
  EXPECT_EQ(find_secret_rule("SE001")->rule.severity, Severity::kCritical);  // private key
  EXPECT_EQ(find_secret_rule("SE002")->rule.severity, Severity::kHigh);      // encrypted: lower, still found
  EXPECT_EQ(find_secret_rule("SE020")->rule.severity, Severity::kCritical);  // AWS key
  EXPECT_EQ(find_secret_rule("SE065")->rule.severity, Severity::kCritical);  // Stripe live
  EXPECT_EQ(find_secret_rule("SE066")->rule.severity, Severity::kLow);       // Stripe test mode
  EXPECT_EQ(find_secret_rule("SE098")->rule.severity, Severity::kLow);       // alg none JWT
  EXPECT_EQ(find_secret_rule("SE106")->rule.severity, Severity::kMedium);    // generic context
}

TEST(SecretRuleRegexes, EveryRegexCompilesUnderRe2WithOneSecretGroup) {
  for (const SecretRule& r : secret_rules()) {
    RE2 re(re2::StringPiece(r.regex.data(), r.regex.size()), rule_re2_options(r));
    EXPECT_TRUE(re.ok()) << r.rule.id << ": " << re.error();
    EXPECT_GE(re.NumberOfCapturingGroups(), 1) << r.rule.id << " has no secret group";
    EXPECT_TRUE(re.NamedCapturingGroups().empty()) << r.rule.id << " uses a named group";
  }
}

TEST(SecretRuleRegexes, EveryRegexCompilesUnderHyperscan) {
  for (const SecretRule& r : secret_rules()) {
    unsigned flags = 0;
    if (r.flags & kSecretCaseless) flags |= HS_FLAG_CASELESS;
    if (r.flags & kSecretMultiline) flags |= HS_FLAG_DOTALL;
    std::string pattern(r.regex);
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    hs_error_t rc = hs_compile(pattern.c_str(), flags, HS_MODE_BLOCK, nullptr, &db, &err);
    EXPECT_EQ(rc, HS_SUCCESS) << r.rule.id << ": " << (err && err->message ? err->message : "");
    if (err) hs_free_compile_error(err);
    if (db) hs_free_database(db);
  }
}

TEST(SecretRuleCases, EveryRuleHasAPositiveAndANearMiss) {
  std::set<std::string> positive, near;
  for (const Positive& p : all_positives()) positive.insert(p.rule);
  for (const NearMiss& n : all_near_misses()) near.insert(n.rule);
  for (const SecretRule& r : secret_rules()) {
    EXPECT_TRUE(positive.count(std::string(r.rule.id))) << r.rule.id << " has no positive case";
    EXPECT_TRUE(near.count(std::string(r.rule.id))) << r.rule.id << " has no near miss";
  }
  for (const std::string& id : positive) EXPECT_NE(find_secret_rule(id), nullptr) << id;
}

// The rule's own regex, entropy floor, validator, keywords and glob accept the positive and
// capture exactly its secret, whatever other rules do.
TEST(SecretRuleCases, EachRuleCapturesItsSecret) {
  for (const Positive& p : all_positives()) {
    const SecretRule* r = find_secret_rule(p.rule);
    ASSERT_NE(r, nullptr) << p.rule;
    RE2 re(re2::StringPiece(r->regex.data(), r->regex.size()), rule_re2_options(*r));
    re2::StringPiece m[2];
    ASSERT_TRUE(re.Match(p.text, 0, p.text.size(), RE2::UNANCHORED, m, 2)) << p.rule << " misses: " << p.text;
    std::string secret(m[1].data(), m[1].size());
    EXPECT_EQ(secret, p.secret) << p.rule;
    EXPECT_GE(shannon_entropy(secret), r->min_entropy) << p.rule;
    std::string line(m[0].data(), m[0].size());
    if (r->validate) {
      EXPECT_TRUE(r->validate(secret, line, line)) << p.rule << " validator refuses " << secret;
    }
    EXPECT_TRUE(has_keyword(*r, p.text)) << p.rule << ": no keyword of '" << r->keywords << "' in the text";
    std::string base = p.path.substr(p.path.rfind('/') + 1);
    EXPECT_TRUE(r->file_glob.empty() || glob_match(r->file_glob, to_lower(base))) << p.rule << " glob";
  }
}

TEST(SecretRuleCases, ScannerReportsEachPositiveUnderItsRuleMasked) {
  for (const Positive& p : all_positives()) {
    std::vector<SecretHit> hits = scanner().scan(p.path, p.text);
    const SecretHit* found = nullptr;
    for (const SecretHit& h : hits)
      if (h.rule->rule.id == p.rule) found = &h;
    ASSERT_NE(found, nullptr) << p.rule << " not reported for: " << p.text;
    EXPECT_EQ(p.text.substr(found->begin, found->end - found->begin), p.secret) << p.rule;
    EXPECT_EQ(found->masked, mask_secret(p.secret)) << p.rule;
    EXPECT_EQ(found->snippet.find(p.secret), std::string::npos) << p.rule << " snippet shows the secret";
  }
}

TEST(SecretRuleCases, ScannerFindsPositivesWithTheRe2SetBackendToo) {
  SecretScanOptions options;
  options.backend = SecretBackend::kRe2Set;
  auto re2_scanner = SecretScanner::create(options);
  ASSERT_TRUE(re2_scanner.ok());
  for (const Positive& p : all_positives()) {
    bool found = false;
    for (const SecretHit& h : (*re2_scanner)->scan(p.path, p.text)) found |= h.rule->rule.id == p.rule;
    EXPECT_TRUE(found) << p.rule << " not reported by RE2::Set for: " << p.text;
  }
}

TEST(SecretRuleCases, NearMissesAreNotReportedByTheirRule) {
  for (const NearMiss& n : all_near_misses())
    EXPECT_TRUE(scanner_secrets(n.rule, n.path, n.text).empty())
        << n.rule << " fired on " << n.why << ": " << n.text;
}

TEST(SecretValidators, GitHubChecksumMatchesTheReferenceCrc32) {
  // Computed with Python: zlib.crc32(body) in base62 (0-9A-Za-z), zero padded to 6.
  EXPECT_EQ(github_checksum_of("abcdefghijklmnopqrstuvwxyz0123"), "2LolCm");
  EXPECT_EQ(github_checksum_of("000000000000000000000000000000"), "2C8GjS");
  EXPECT_EQ(github_checksum_of("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"), "3EAd4B");
  EXPECT_TRUE(github_checksum("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", "", ""));
  EXPECT_FALSE(github_checksum("ghp_abcdefghijklmnopqrstuvwxyz01232LolCn", "", ""));
  EXPECT_FALSE(github_checksum("ghp_abcdefghijklmnopqrstuvwxyz01232Lol", "", ""));
}

TEST(SecretValidators, ExampleKeysAreRejectedForTheAwsRules) {
  EXPECT_FALSE(find_secret_rule("SE020")->validate("AKIAIOSFODNN7EXAMPLE", "", ""));
  EXPECT_FALSE(find_secret_rule("SE021")->validate("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "", ""));
  EXPECT_TRUE(find_secret_rule("SE020")->validate("AKIA" + fake(16, kUpperAlnum, 300), "", ""));
}

TEST(SecretValidators, PlaceholdersAndReferencesAreNotValues) {
  for (std::string_view v : {"<password>", "${PASS}", "$PASS", "%(pw)s", "{{ pw }}", "***", "xxxxxxxx",
                             "changeme", "your_token_here", "null", "true", "........"})
    EXPECT_FALSE(not_placeholder(v, "", "")) << v;
  EXPECT_TRUE(not_placeholder(fake(16, kAlnum, 301), "", ""));
  for (std::string_view v : {"/run/secrets/db", "./secret.txt", "settings.DB_PASSWORD", "DB_PASSWORD",
                             "short", "get_password()", "https://vault/x"})
    EXPECT_FALSE(generic_value(v, "", "")) << v;
  EXPECT_TRUE(generic_value(fake(16, kAlnum, 302), "", ""));
}

TEST(SecretValidators, Base64DecodingIsBoundedAndStrict) {
  EXPECT_EQ(decode_base64("dXNlcjpwYXNz"), "user:pass");
  EXPECT_EQ(decode_base64("dXNlcjpwYXNzMQ=="), "user:pass1");
  EXPECT_FALSE(decode_base64("dXNl cjpw").has_value());
  EXPECT_FALSE(decode_base64(std::string(100, 'A'), 10).has_value());
  EXPECT_TRUE(base64_user_password(base64("u:" + fake(12, kAlnum, 303)), "", ""));
  EXPECT_FALSE(base64_user_password(base64(":nouser"), "", ""));
  EXPECT_FALSE(base64_user_password(base64("user:"), "", ""));
}

TEST(SecretValidators, JwtAlgorithmDecidesSignedOrNot) {
  std::string hs = jwt(R"({"alg":"HS256"})", "sig"), none = jwt(R"({"alg" : "None"})", "");
  EXPECT_TRUE(jwt_signed(hs, "", ""));
  EXPECT_FALSE(jwt_unsigned(hs, "", ""));
  EXPECT_TRUE(jwt_unsigned(none, "", ""));
  EXPECT_FALSE(jwt_signed(none, "", ""));
  EXPECT_FALSE(jwt_header(jwt(R"({"typ":"JWT"})", "s"), "", ""));
  EXPECT_FALSE(jwt_header("eyJ!!!.x.y", "", ""));
}

}  // namespace
}  // namespace customs
