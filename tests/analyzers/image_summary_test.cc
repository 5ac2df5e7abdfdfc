// The base-image guess of the image summary (annotations, labels, Docker Official Image history
// pattern). The distribution comes from the package inventory (tests/catalog/os_release_test.cc).
#include "analyzers/image/summary.h"

#include <gtest/gtest.h>

namespace customs {
namespace {

TEST(BaseImage, ManifestAnnotationsComeFirst) {
  ImageMeta meta;
  meta.manifest.annotations = {{"org.opencontainers.image.base.name", "docker.io/library/debian:12"},
                               {"org.opencontainers.image.base.digest", "sha256:aaaa"}};
  meta.index_annotations = {{"org.opencontainers.image.base.name", "docker.io/library/ubuntu:24.04"}};
  meta.config.config.labels = {{"org.opencontainers.image.base.name", "alpine:3.20"}};
  BaseImageGuess g = guess_base_image(meta);
  EXPECT_EQ(g.name, "docker.io/library/debian:12");
  EXPECT_EQ(g.digest, "sha256:aaaa");
  EXPECT_EQ(g.source, "annotation");
}

TEST(BaseImage, IndexAnnotationThenLabels) {
  ImageMeta meta;
  meta.index_annotations = {{"org.opencontainers.image.base.name", "docker.io/library/ubuntu:24.04"}};
  meta.config.config.labels = {{"org.opencontainers.image.base.name", "alpine:3.20"}};
  EXPECT_EQ(guess_base_image(meta).name, "docker.io/library/ubuntu:24.04");
  EXPECT_EQ(guess_base_image(meta).source, "annotation");
  meta.index_annotations.clear();
  BaseImageGuess g = guess_base_image(meta);
  EXPECT_EQ(g.name, "alpine:3.20");
  EXPECT_EQ(g.digest, "");
  EXPECT_EQ(g.source, "label");
  meta.config.config.labels = {{"org.opencontainers.image.base.digest", "sha256:bbbb"}};
  g = guess_base_image(meta);
  EXPECT_EQ(g.name, "unknown");
  EXPECT_EQ(g.digest, "sha256:bbbb");
}

HistoryEntry entry(std::string created_by, bool empty) {
  HistoryEntry h;
  h.created_by = std::move(created_by);
  h.empty_layer = empty;
  return h;
}

TEST(BaseImage, DockerOfficialImagePatternFromHistory) {
  ImageMeta meta;
  meta.config.history = {
      entry("/bin/sh -c #(nop)  ARG RELEASE", true),
      entry(
          "/bin/sh -c #(nop) ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in / ",
          false),
      entry("/bin/sh -c #(nop)  CMD [\"/bin/bash\"]", true),
      entry("RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit", false),
      entry("CMD [\"node\", \"server.js\"]", true)};
  BaseImageGuess g = guess_base_image(meta);
  EXPECT_EQ(
      g.name,
      "unknown (guessed from history: ADD file:4b03b5f551e3 in / ... CMD [\"/bin/bash\"], a Docker Official "
      "Image base)");
  EXPECT_EQ(g.digest, "");
  EXPECT_EQ(g.source, "history");
}

TEST(BaseImage, NoPatternNoGuess) {
  ImageMeta meta;
  EXPECT_EQ(guess_base_image(meta).source, "");
  meta.config.history = {entry("COPY app /app # buildkit", false), entry("CMD [\"bash\"]", true)};
  EXPECT_EQ(guess_base_image(meta).name, "");  // first layer is not a root file system ADD
  meta.config.history = {entry("/bin/sh -c #(nop) ADD file:abc in / ", false),
                         entry("CMD [\"node\", \"server.js\"]", true)};
  EXPECT_EQ(guess_base_image(meta).source, "");  // no shell CMD closes a base
  meta.config.history = {entry("/bin/sh -c #(nop) ADD file:abc in /usr/src ", false),
                         entry("CMD [\"sh\"]", true)};
  EXPECT_EQ(guess_base_image(meta).source, "");
}

}  // namespace
}  // namespace customs
