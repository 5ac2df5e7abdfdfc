// SPDX licence expressions (SPDX 2.3 annex D): a recursive-descent check that also rewrites the
// expression in canonical form. Operators are accepted in upper or lower case and written in
// upper case; licence ids match case-insensitively; exceptions after WITH are not checked against
// a list (the CycloneDX list has none), only their syntax.
#include "report/license_expression.h"

#include <cctype>
#include <optional>
#include <vector>

#include "core/strings.h"
#include "report/spdx_license_ids.h"

namespace customs {
namespace {

constexpr int kMaxDepth = 32;

bool is_idstring(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (std::isalnum(c) == 0 && c != '.' && c != '-') return false;
  return true;
}

// A user-defined reference: "LicenseRef-x" or "DocumentRef-y:LicenseRef-x".
bool is_license_ref(std::string_view s) {
  if (s.substr(0, 12) == "DocumentRef-") {
    size_t colon = s.find(':');
    if (colon == std::string_view::npos || !is_idstring(s.substr(12, colon - 12))) return false;
    s = s.substr(colon + 1);
  }
  return s.substr(0, 11) == "LicenseRef-" && is_idstring(s.substr(11));
}

std::optional<std::string> canonical_simple(std::string_view s) {
  if (is_license_ref(s)) return std::string(s);
  if (auto id = canonical_spdx_license_id(s)) return std::string(*id);
  if (s.size() > 1 && s.back() == '+')
    if (auto id = canonical_spdx_license_id(s.substr(0, s.size() - 1))) return std::string(*id) + "+";
  return std::nullopt;
}

std::vector<std::string_view> tokenize(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (c == '(' || c == ')') {
      out.push_back(s.substr(i++, 1));
    } else {
      size_t start = i;
      while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '(' &&
             s[i] != ')')
        ++i;
      out.push_back(s.substr(start, i - start));
    }
  }
  return out;
}

class ExpressionParser {
 public:
  explicit ExpressionParser(std::vector<std::string_view> tokens) : tokens_(std::move(tokens)) {}

  // The canonical expression, or nullopt when the tokens are not one valid expression.
  std::optional<std::string> parse() {
    if (tokens_.empty() || !expression(0) || pos_ != tokens_.size()) return std::nullopt;
    return out_;
  }

 private:
  std::optional<std::string> op(std::initializer_list<std::string_view> names) const {
    if (pos_ >= tokens_.size()) return std::nullopt;
    std::string upper = to_upper(tokens_[pos_]);
    for (std::string_view n : names)
      if (upper == n && (tokens_[pos_] == n || tokens_[pos_] == to_lower(n))) return upper;
    return std::nullopt;
  }

  // expression := term ((AND | OR) term)*
  bool expression(int depth) {
    if (!term(depth)) return false;
    while (auto o = op({"AND", "OR"})) {
      ++pos_;
      out_ += " " + *o + " ";
      if (!term(depth)) return false;
    }
    return true;
  }

  // term := "(" expression ")" | simple [WITH exception]
  bool term(int depth) {
    if (pos_ >= tokens_.size() || depth > kMaxDepth) return false;
    if (tokens_[pos_] == "(") {
      ++pos_;
      out_ += "(";
      if (!expression(depth + 1) || pos_ >= tokens_.size() || tokens_[pos_] != ")") return false;
      ++pos_;
      out_ += ")";
      return true;
    }
    if (op({"AND", "OR", "WITH"}) || tokens_[pos_] == ")") return false;
    auto simple = canonical_simple(tokens_[pos_]);
    if (!simple) return false;
    ++pos_;
    out_ += *simple;
    if (op({"WITH"})) {
      ++pos_;
      if (pos_ >= tokens_.size() || !is_idstring(tokens_[pos_]) || op({"AND", "OR", "WITH"})) return false;
      out_ += " WITH " + std::string(tokens_[pos_++]);
    }
    return true;
  }

  std::vector<std::string_view> tokens_;
  size_t pos_ = 0;
  std::string out_;
};

}  // namespace

ClassifiedLicense classify_license(std::string_view license) {
  std::string_view text = trim(license);
  if (auto id = canonical_spdx_license_id(text)) return {LicenseForm::kId, std::string(*id)};
  if (auto expr = ExpressionParser(tokenize(text)).parse()) return {LicenseForm::kExpression, *expr};
  return {LicenseForm::kName, std::string(text)};
}

std::string license_ref_for_name(std::string_view name) {
  std::string out = "LicenseRef-";
  for (unsigned char c : trim(name))
    out += (std::isalnum(c) != 0 || c == '.' || c == '-') ? static_cast<char>(c) : '-';
  if (out.size() == 11) out += "unknown";
  return out;
}

}  // namespace customs
