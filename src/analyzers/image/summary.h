#pragma once
// What an image is built on, for the report summary: its base image, from the image metadata.
#include <string>
#include <string_view>

#include "model/image.h"

namespace customs {

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
