#pragma once
// What an image is, for the report summary: its distribution (os-release) and its base image.
// Pure functions over bytes and the image metadata.
#include <string>
#include <string_view>

#include "model/image.h"

namespace customs {

struct OsRelease {
  std::string id;           // ID ("debian", "alpine")
  std::string version_id;   // VERSION_ID ("12", "3.20.1")
  std::string pretty_name;  // PRETTY_NAME ("Debian GNU/Linux 12 (bookworm)")
};

// Parses os-release(5) text: KEY=value lines, values unquoted ("..." with \" \\ \$ \` escapes, or
// '...'); comments and malformed lines skipped. Missing keys stay empty.
OsRelease parse_os_release(std::string_view text);

struct BaseImageGuess {
  std::string
      name;  // "docker.io/library/debian:12" or "unknown (guessed from history: ...)"; "" when unknown
  std::string digest;  // "sha256:..." when the annotation or label gives it
  std::string source;  // "annotation", "label", "history" or ""
};

// The base image from the OCI annotations org.opencontainers.image.base.name/.digest (manifest,
// then the index entry), else config labels with those keys, else a guess from the history: a
// first layer made by `ADD file:<hash> in /` and a later `CMD ["bash"]`-style line is how Docker
// Official Images are built, so the image is (or is built on) one of them.
BaseImageGuess guess_base_image(const ImageMeta& meta);

}  // namespace customs
