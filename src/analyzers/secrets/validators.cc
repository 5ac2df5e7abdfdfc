// Validators shared by the secret rule groups: placeholders, documented example keys, and what
// a generic password=/secret: value must look like.
#include "analyzers/secrets/validators.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>

#include "core/strings.h"

namespace customs {

namespace {

bool one_repeated_char(std::string_view s) {
  return !s.empty() && s.find_first_not_of(s[0]) == std::string_view::npos;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return s.starts_with(p); });
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view p) { return s.ends_with(p); });
}

// Whole values (lower case) that documentation and templates use instead of a secret.
constexpr std::array<std::string_view, 29> kPlaceholderWords = {
    "changeme", "change_me", "change-me",   "password", "passwd",  "secret", "example",
    "redacted", "removed",   "placeholder", "null",     "none",    "nil",    "true",
    "false",    "undefined", "dummy",       "sample",   "hidden",  "masked", "notset",
    "unset",    "empty",     "todo",        "tbd",      "required"};

// Keys published in vendor documentation: whoever has them gets nothing.
constexpr std::array<std::string_view, 5> kDocumentedKeys = {
    // Azurite / Azure Storage Emulator development account key.
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    // Stripe API reference test keys.
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
    "sk_test_26PHem9AhJZvU623DfE1x4sd",
    // RFC 6749's example client credentials (s6BhdRkqt3:gX1fBat3bV), as an HTTP Basic value.
    "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
};

bool is_reference(std::string_view s) {
  return s.find("${") != std::string_view::npos || s.find("{{") != std::string_view::npos ||
         s.find("#{") != std::string_view::npos || s.find("<%") != std::string_view::npos ||
         s.find("%(") != std::string_view::npos || s.find("****") != std::string_view::npos ||
         s.find("....") != std::string_view::npos;
}

bool is_filler(std::string_view lower) {
  if (lower.find_first_not_of("*.x-_0 ") == std::string_view::npos) return true;
  if (lower.find("xxxx") != std::string_view::npos) return true;
  if (std::find(kPlaceholderWords.begin(), kPlaceholderWords.end(), lower) != kPlaceholderWords.end())
    return true;
  return starts_with_any(lower, {"your", "replace", "insert", "enter_", "enter-", "put_", "my_"}) ||
         ends_with_any(lower, {"_here", "-here", "here>"});
}

// "settings.db_password", "process.env.TOKEN", "DB_PASSWORD": names, not values.
bool is_identifier_path(std::string_view s) {
  if (!s.empty() && (s[0] == '@' || s[0] == '$' || s[0] == '&'))
    s.remove_prefix(s[0] == '@' && s.size() > 1 && s[1] == '@' ? 2 : 1);  // @ivar, $var, &ref
  bool upper_snake = s.find('_') != std::string_view::npos &&
                     s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string_view::npos;
  if (upper_snake) return true;
  if (s.find('.') == std::string_view::npos) return false;
  for (const std::string& part : split(s, '.')) {
    if (part.empty() || !(std::isalpha(static_cast<unsigned char>(part[0])) || part[0] == '_')) return false;
    if (part.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
        std::string::npos)
      return false;
  }
  return true;
}

// Letters (and underscores) only, or a lower-case snake_case name: an identifier or prose, not a
// secret.
bool is_words(std::string_view s) {
  if (s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string_view::npos)
    return true;
  if (s.find('-') != std::string_view::npos &&  // kebab-case words: "elevated-privileges"
      s.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string_view::npos)
    return true;
  return s.find('_') != std::string_view::npos &&
         s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
}

bool is_documentation_host(std::string_view host) {
  std::string h = to_lower(host.substr(0, host.find_first_of(":/?#")));
  return h == "example.com" || h == "example.net" || h == "example.org" ||
         ends_with_any(h, {".example.com", ".example.net", ".example.org", ".example", ".invalid"});
}

bool is_path_or_url(std::string_view s) {
  if (starts_with_any(s, {"/", "./", "../", "~/", "file:"})) return true;
  if (s.size() > 2 && s[1] == ':' && (s[2] == '\\' || s[2] == '/')) return true;
  if (s.find("://") != std::string_view::npos) return true;
  std::string lower = to_lower(s);
  return ends_with_any(lower, {".txt", ".json", ".yaml", ".yml", ".pem", ".key", ".conf", ".properties",
                               ".env", ".crt", ".cfg", ".ini", ".xml"});
}

}  // namespace

bool not_placeholder(std::string_view s, std::string_view, std::string_view) {
  if (s.empty() || s[0] == '<' || s[0] == '{' || s[0] == '%' || s[0] == '$') return false;
  if (is_reference(s) || one_repeated_char(s)) return false;
  return !is_filler(to_lower(s));
}

bool not_example(std::string_view s, std::string_view, std::string_view) {
  if (s.find("EXAMPLE") != std::string_view::npos || one_repeated_char(s)) return false;
  return std::find(kDocumentedKeys.begin(), kDocumentedKeys.end(), s) == kDocumentedKeys.end();
}

bool generic_value(std::string_view s, std::string_view match, std::string_view line) {
  if (s.size() < 8 || !not_placeholder(s, match, line) || !not_example(s, match, line)) return false;
  for (std::string_view code : {"(", ")", "::", "->"})
    if (s.find(code) != std::string_view::npos) return false;
  return !is_path_or_url(s) && !is_identifier_path(s) && !is_words(s);
}

bool url_password(std::string_view s, std::string_view match, std::string_view line) {
  if (!not_placeholder(s, match, line)) return false;
  size_t at = line.find(match);
  size_t host = at == std::string_view::npos ? std::string_view::npos : line.find('@', at + match.size() - 2);
  if (host == std::string_view::npos) return true;
  std::string_view rest = line.substr(host + 1);
  return !is_documentation_host(rest.substr(0, rest.find_first_of(" \t\"'<>")));
}

bool putty_unencrypted(std::string_view, std::string_view match, std::string_view) {
  return match.find("Encryption: none") != std::string_view::npos;
}

bool putty_encrypted(std::string_view secret, std::string_view match, std::string_view line) {
  return match.find("Encryption: ") != std::string_view::npos && !putty_unencrypted(secret, match, line);
}

}  // namespace customs
