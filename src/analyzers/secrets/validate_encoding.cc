// Validators that decode the candidate: base64 payloads (JWT headers, Docker auths, kubeconfig
// keys, OpenSSH key bodies) and GitHub's CRC32 token checksum.
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "analyzers/secrets/validators.h"
#include "core/strings.h"

namespace customs {

namespace {

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-' || c == '+') return 62;
  if (c == '_' || c == '/') return 63;
  return -1;
}

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool printable(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// The value of "alg" in a JWT header, or nothing when the header is not JWT JSON.
std::optional<std::string> jwt_alg(std::string_view token) {
  std::string_view head = token.substr(0, token.find('.'));
  if (head.size() > 1024) return std::nullopt;
  auto json = decode_base64(head);
  if (!json || json->empty() || (*json)[0] != '{') return std::nullopt;
  size_t at = json->find("\"alg\"");
  if (at == std::string::npos) return std::nullopt;
  size_t colon = json->find(':', at + 5);
  size_t open = json->find('"', colon == std::string::npos ? json->size() : colon);
  if (open == std::string::npos) return std::string();
  size_t close = json->find('"', open + 1);
  return close == std::string::npos ? std::string() : json->substr(open + 1, close - open - 1);
}

// The body of a prefixed GitHub-format token (after the first '_'), or "" when it is not 36
// base62 characters.
std::string_view github_body(std::string_view token) {
  size_t us = token.find('_');
  if (us == std::string_view::npos) return {};
  std::string_view body = token.substr(us + 1);
  if (body.size() != 36 || body.find_first_not_of(kBase62) != std::string_view::npos) return {};
  return body;
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text, size_t max_out) {
  std::string out;
  unsigned bits = 0;
  int nbits = 0;
  for (char c : text) {
    if (c == '=') break;
    int v = base64_value(c);
    if (v < 0) return std::nullopt;
    bits = ((bits << 6) | static_cast<unsigned>(v)) & 0xFFFFFFu;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      if (out.size() >= max_out) return std::nullopt;
      out.push_back(static_cast<char>((bits >> nbits) & 0xFF));
    }
  }
  return out;
}

bool jwt_header(std::string_view secret, std::string_view, std::string_view) {
  return jwt_alg(secret).has_value();
}

bool jwt_signed(std::string_view secret, std::string_view, std::string_view) {
  auto alg = jwt_alg(secret);
  return alg && !alg->empty() && !iequals(*alg, "none");
}

bool jwt_unsigned(std::string_view secret, std::string_view, std::string_view) {
  auto alg = jwt_alg(secret);
  return alg && iequals(*alg, "none");
}

std::string github_checksum_of(std::string_view body) {
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  std::string out(6, '0');
  for (size_t i = 6; i-- > 0 && crc > 0; crc /= 62) out[i] = kBase62[crc % 62];
  return out;
}

bool github_checksum(std::string_view secret, std::string_view, std::string_view) {
  std::string_view body = github_body(secret);
  return !body.empty() && github_checksum_of(body.substr(0, 30)) == body.substr(30);
}

bool github_bad_checksum(std::string_view secret, std::string_view match, std::string_view line) {
  std::string_view body = github_body(secret);
  return !body.empty() && !github_checksum(secret, match, line) && not_placeholder(body, match, line);
}

bool base64_user_password(std::string_view secret, std::string_view match, std::string_view line) {
  if (!not_example(secret, match, line)) return false;
  auto text = decode_base64(secret, 1024);
  if (!text || !printable(*text)) return false;
  size_t colon = text->find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= text->size()) return false;
  return not_placeholder(std::string_view(*text).substr(colon + 1), match, line);
}

bool base64_docker_config(std::string_view secret, std::string_view, std::string_view) {
  auto json = decode_base64(secret, size_t{64} << 10);
  return json && json->find("\"auth") != std::string::npos;
}

bool base64_pem_key(std::string_view secret, std::string_view, std::string_view) {
  auto pem = decode_base64(secret, size_t{64} << 10);
  return pem && pem->starts_with("-----BEGIN") && pem->find("PRIVATE KEY") != std::string::npos;
}

namespace {

// The cipher named in an OpenSSH key body: "openssh-key-v1\0", uint32 length, name.
std::optional<std::string> openssh_cipher(std::string_view body) {
  auto bytes = decode_base64(body.substr(0, std::min<size_t>(body.size(), 64) / 4 * 4));
  constexpr std::string_view kMagic("openssh-key-v1\0", 15);
  if (!bytes || bytes->size() < 19 || !bytes->starts_with(kMagic)) return std::nullopt;
  uint32_t n = 0;
  for (size_t i = 15; i < 19; ++i) n = (n << 8) | static_cast<unsigned char>((*bytes)[i]);
  if (n == 0 || n > 32 || bytes->size() < 19 + n) return std::nullopt;
  return bytes->substr(19, n);
}

}  // namespace

bool openssh_unencrypted(std::string_view secret, std::string_view, std::string_view) {
  auto cipher = openssh_cipher(secret);
  return cipher && *cipher == "none";
}

bool openssh_encrypted(std::string_view secret, std::string_view, std::string_view) {
  auto cipher = openssh_cipher(secret);
  return cipher && *cipher != "none";
}

}  // namespace customs
