// Validators shared by the secret rule groups.
#include "analyzers/secrets/validators.h"

#include <algorithm>
#include <string>

namespace customs {

namespace {

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-' || c == '+') return 62;
  if (c == '_' || c == '/') return 63;
  return -1;
}

bool one_repeated_char(std::string_view s) {
  return !s.empty() && s.find_first_not_of(s[0]) == std::string_view::npos;
}

}  // namespace

bool not_placeholder(std::string_view s, std::string_view, std::string_view) {
  if (s.empty() || s[0] == '<' || s[0] == '{' || s[0] == '%' || s[0] == '$') return false;
  if (s.find_first_not_of("*.xX") == std::string_view::npos) return false;
  return !one_repeated_char(s);
}

bool not_example(std::string_view s, std::string_view, std::string_view) {
  return s.find("EXAMPLE") == std::string_view::npos && !one_repeated_char(s);
}

bool jwt_header(std::string_view secret, std::string_view, std::string_view) {
  std::string_view head = secret.substr(0, std::min(secret.find('.'), size_t{512}));
  std::string json;
  unsigned bits = 0;
  int nbits = 0;
  for (char c : head) {
    int v = base64url_value(c);
    if (v < 0) return false;
    bits = (bits << 6) | static_cast<unsigned>(v);
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      json.push_back(static_cast<char>((bits >> nbits) & 0xFF));
    }
  }
  return !json.empty() && json[0] == '{' && json.find("\"alg\"") != std::string::npos;
}

}  // namespace customs
