#pragma once
// Helpers of the secrets analyzer tests: a one-rule table of their own (so that the built-in rules
// can change freely) with a scanner made from it, and zip archives written by the tests
// themselves (libarchive's zip writer): entries in the order given, fixed mtimes, deflated or
// stored.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/secrets/scanner.h"

namespace customs::testing {

// Rule T1 "Test token": tok_ and ten lower-case letters or digits.
inline const SecretRule kTestTokenRules[] = {
    {Rule{"T1", Severity::kHigh, Practice::kSecrets, "Test token", "why", "fix", "src"}, "token", "tok_",
     R"(\b(tok_[a-z0-9]{10})\b)"},
};

inline std::unique_ptr<SecretScanner> make_test_scanner(const SecretScanOptions& o = {}) {
  auto s = SecretScanner::create(o, kTestTokenRules);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? std::move(*s) : nullptr;
}

using ZipEntries = std::vector<std::pair<std::string, std::string>>;  // name, content

inline std::string zip_bytes(const ZipEntries& entries, bool deflate = true) {
  size_t capacity = 65536;
  for (const auto& [name, content] : entries) capacity += content.size() + 2 * name.size() + 512;
  std::string buf(capacity, '\0');
  size_t used = 0;
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_set_options(a, deflate ? "zip:compression=deflate" : "zip:compression=store");
  archive_write_open_memory(a, buf.data(), buf.size(), &used);
  for (const auto& [name, content] : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    archive_entry_set_mtime(e, 1700000000, 0);
    archive_write_header(a, e);
    archive_write_data(a, content.data(), content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  buf.resize(used);
  return buf;
}

}  // namespace customs::testing
