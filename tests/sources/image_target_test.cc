// What `customs image TARGET` names: registry references normalised like Docker, skopeo
// transport prefixes, and files and directories recognised by what they hold.
#include <gtest/gtest.h>

#include "io/fs.h"
#include "sources/image/target.h"
#include "tar_builder.h"

namespace customs {
namespace {

using testing::gzip_bytes;
using testing::TarBuilder;

const std::string kDigest = "sha256:" + std::string(64, 'e');

RegistryRef ref_of(std::string_view text) {
  auto r = parse_registry_ref(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : RegistryRef{};
}

std::string usage_error(std::string_view text) {
  auto r = parse_registry_ref(text);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind, ErrorKind::kUsage);
  return r.error().message;
}

TEST(ParseRegistryRef, NormalisesDockerHubShortNames) {
  RegistryRef r = ref_of("alpine");
  EXPECT_EQ(r.registry, "registry-1.docker.io");
  EXPECT_EQ(r.repository, "library/alpine");
  EXPECT_EQ(r.tag, "latest");
  EXPECT_EQ(r.digest, "");
  EXPECT_EQ(r.to_string(), "docker.io/library/alpine:latest");
  EXPECT_EQ(ref_of("alpine:3.19").to_string(), "docker.io/library/alpine:3.19");
  EXPECT_EQ(ref_of("bitnami/redis:7.2").repository, "bitnami/redis");
  EXPECT_EQ(ref_of("docker.io/nginx").to_string(), "docker.io/library/nginx:latest");
  EXPECT_EQ(ref_of("index.docker.io/library/nginx:1").registry, "registry-1.docker.io");
  EXPECT_EQ(ref_of("docker.io/library/alpine:3.19").to_string(), "docker.io/library/alpine:3.19");
  RegistryRef hub = ref_of("registry-1.docker.io/nginx");
  EXPECT_EQ(hub.repository, "library/nginx");
  EXPECT_EQ(ref_of(hub.to_string()).to_string(), hub.to_string());
}

TEST(ParseRegistryRef, TreatsHostsWithDotsPortsOrLocalhostAsRegistries) {
  RegistryRef local = ref_of("localhost:5000/x");
  EXPECT_EQ(local.registry, "localhost:5000");
  EXPECT_EQ(local.repository, "x");
  EXPECT_EQ(local.tag, "latest");
  EXPECT_EQ(local.to_string(), "localhost:5000/x:latest");
  EXPECT_EQ(ref_of("localhost/team/app:v2").registry, "localhost");
  RegistryRef ghcr = ref_of("ghcr.io/a/b@" + kDigest);
  EXPECT_EQ(ghcr.registry, "ghcr.io");
  EXPECT_EQ(ghcr.repository, "a/b");
  EXPECT_EQ(ghcr.tag, "");
  EXPECT_EQ(ghcr.digest, kDigest);
  EXPECT_EQ(ghcr.to_string(), "ghcr.io/a/b@" + kDigest);
  RegistryRef both = ref_of("registry.example.com:443/team/app:1.0@" + kDigest);
  EXPECT_EQ(both.registry, "registry.example.com:443");
  EXPECT_EQ(both.tag, "1.0");
  EXPECT_EQ(both.to_string(), "registry.example.com:443/team/app:1.0@" + kDigest);
  EXPECT_EQ(ref_of("quay.io/a.b/c__d-e:tag_1.x-2").repository, "a.b/c__d-e");
}

TEST(ParseRegistryRef, RejectsInvalidReferencesSayingWhy) {
  EXPECT_EQ(usage_error("Alpine"), "invalid image reference 'Alpine': repository name must be lowercase");
  EXPECT_EQ(usage_error("ghcr.io/Team/app"),
            "invalid image reference 'ghcr.io/Team/app': repository name must be lowercase");
  EXPECT_EQ(usage_error("x@sha256:123"),
            "invalid image reference 'x@sha256:123': 'sha256:123' is not a valid digest");
  EXPECT_EQ(usage_error("x:"), "invalid image reference 'x:': invalid tag ''");
  EXPECT_EQ(usage_error("x:-bad"), "invalid image reference 'x:-bad': invalid tag '-bad'");
  EXPECT_EQ(usage_error(":tag"), "invalid image reference ':tag': repository name is empty or too long");
  EXPECT_EQ(usage_error("a//b"), "invalid image reference 'a//b': invalid repository name component ''");
  EXPECT_EQ(usage_error("-x"), "invalid image reference '-x': invalid repository name component '-x'");
  EXPECT_EQ(usage_error("a..b"), "invalid image reference 'a..b': invalid repository name component 'a..b'");
  EXPECT_EQ(usage_error("ghcr.io:/x"),
            "invalid image reference 'ghcr.io:/x': invalid registry host 'ghcr.io:'");
  EXPECT_EQ(usage_error("@" + kDigest), "invalid image reference '@" + kDigest + "': no repository name");
  EXPECT_FALSE(parse_registry_ref("x:" + std::string(129, 'a')).ok());
  EXPECT_FALSE(parse_registry_ref(std::string(256, 'a')).ok());
}

TEST(TargetKind, HasStableNames) {
  EXPECT_EQ(to_string(TargetKind::kDockerArchive), "docker-archive");
  EXPECT_EQ(to_string(TargetKind::kOciLayout), "oci-layout");
  EXPECT_EQ(to_string(TargetKind::kOciArchive), "oci-archive");
  EXPECT_EQ(to_string(TargetKind::kRegistry), "registry");
  EXPECT_EQ(to_string(TargetKind::kRootfs), "rootfs");
}

ImageTarget resolved(std::string_view text, const FsView& fs, bool rootfs = false) {
  auto t = resolve_target(text, fs, rootfs);
  EXPECT_TRUE(t.ok()) << text << ": " << (t.ok() ? "" : t.error().to_string());
  return t.ok() ? *t : ImageTarget{};
}

TEST(ResolveTarget, HonoursSkopeoTransportPrefixes) {
  MemoryFs fs;
  ImageTarget a = resolved("docker-archive:/x/app.tar:example/app:1", fs);
  EXPECT_EQ(a.kind, TargetKind::kDockerArchive);
  EXPECT_EQ(a.path, "/x/app.tar");
  EXPECT_EQ(a.tag, "example/app:1");
  EXPECT_EQ(a.text, "docker-archive:/x/app.tar:example/app:1");
  ImageTarget layout = resolved("oci:/img/layout:latest", fs);
  EXPECT_EQ(layout.kind, TargetKind::kOciLayout);
  EXPECT_EQ(layout.path, "/img/layout");
  EXPECT_EQ(layout.tag, "latest");
  ImageTarget untagged = resolved("oci:layout", fs);
  EXPECT_EQ(untagged.path, "layout");
  EXPECT_EQ(untagged.tag, "");
  ImageTarget archive = resolved("oci-archive:app.oci.tar:v1", fs);
  EXPECT_EQ(archive.kind, TargetKind::kOciArchive);
  EXPECT_EQ(archive.path, "app.oci.tar");
  EXPECT_EQ(archive.tag, "v1");
  ImageTarget remote = resolved("docker://alpine:3.19", fs);
  EXPECT_EQ(remote.kind, TargetKind::kRegistry);
  EXPECT_EQ(remote.ref.to_string(), "docker.io/library/alpine:3.19");
}

TEST(ResolveTarget, RefusesUnsupportedTransportsAndEmptyPaths) {
  MemoryFs fs;
  for (std::string_view text : {"dir:/tmp/x", "docker-daemon:alpine:latest", "containers-storage:alpine"}) {
    auto t = resolve_target(text, fs, false);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_EQ(t.error().kind, ErrorKind::kUsage);
  }
  EXPECT_EQ(resolve_target("dir:/tmp/x", fs, false).error().message,
            "the 'dir:' transport is not supported (use docker-archive:, oci:, oci-archive: or docker://)");
  EXPECT_EQ(resolve_target("docker-archive:", fs, false).error().message, "'docker-archive:': no path given");
  EXPECT_EQ(resolve_target("", fs, false).error().kind, ErrorKind::kUsage);
  EXPECT_EQ(resolve_target("docker://Bad", fs, false).error().kind, ErrorKind::kUsage);
}

std::string tar_with(std::vector<std::string> names) {
  TarBuilder t;
  for (const auto& n : names) t.file(n, "{}");
  return t.finish();
}

TEST(ResolveTarget, RecognisesDirectoriesByWhatTheyHold) {
  MemoryFs fs;
  fs.add_file("/img/layout/index.json", "{}");
  fs.add_file("/img/umoci/oci-layout", "{}");
  fs.add_file("/img/root/etc/os-release", "ID=debian\n");
  EXPECT_EQ(resolved("/img/layout", fs).kind, TargetKind::kOciLayout);
  EXPECT_EQ(resolved("/img/layout", fs).path, "/img/layout");
  EXPECT_EQ(resolved("/img/umoci", fs).kind, TargetKind::kOciLayout);
  EXPECT_EQ(resolved("/img/root", fs).kind, TargetKind::kRootfs);
  EXPECT_EQ(resolved("/img/layout", fs, /*rootfs=*/true).kind, TargetKind::kRootfs);
}

TEST(ResolveTarget, RecognisesArchivesByTheirMembers) {
  MemoryFs fs;
  fs.add_file("/a/docker.tar", tar_with({"abc.json", "manifest.json", "repositories"}));
  fs.add_file("/a/oci.tar", tar_with({"blobs/sha256/x", "index.json", "oci-layout"}));
  fs.add_file("/a/docker25.tar", tar_with({"index.json", "manifest.json", "oci-layout"}));
  fs.add_file("/a/other.tar", tar_with({"etc/passwd"}));
  fs.add_file("/a/app.tar.gz", gzip_bytes(tar_with({"manifest.json"})));
  fs.add_file("/a/notes.txt", std::string(1024, 'x'));
  EXPECT_EQ(resolved("/a/docker.tar", fs).kind, TargetKind::kDockerArchive);
  EXPECT_EQ(resolved("/a/docker.tar", fs).path, "/a/docker.tar");
  EXPECT_EQ(resolved("/a/oci.tar", fs).kind, TargetKind::kOciArchive);
  EXPECT_EQ(resolved("/a/docker25.tar", fs).kind, TargetKind::kDockerArchive);
  auto other = resolve_target("/a/other.tar", fs, false);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(other.error().message,
            "/a/other.tar: a tar archive without manifest.json or index.json: not an image archive");
  auto gz = resolve_target("/a/app.tar.gz", fs, false);
  ASSERT_FALSE(gz.ok());
  EXPECT_EQ(gz.error().message, "/a/app.tar.gz: a gzip-compressed file; decompress the archive first");
  auto text = resolve_target("/a/notes.txt", fs, false);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(text.error().message.rfind("/a/notes.txt: not a docker-archive or oci-archive: ", 0), 0u);
}

TEST(ResolveTarget, FallsBackToARegistryReference) {
  MemoryFs fs;
  ImageTarget t = resolved("alpine", fs);
  EXPECT_EQ(t.kind, TargetKind::kRegistry);
  EXPECT_EQ(t.path, "");
  EXPECT_EQ(t.ref.registry, "registry-1.docker.io");
  EXPECT_EQ(t.ref.repository, "library/alpine");
  EXPECT_EQ(t.ref.tag, "latest");
  EXPECT_EQ(resolved("localhost:5000/x", fs).ref.registry, "localhost:5000");
  auto missing = resolve_target("./missing.tar", fs, false);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(missing.error().message, "./missing.tar: no such file or directory");
  auto bad = resolve_target("Not An Image", fs, false);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kUsage);
  EXPECT_EQ(bad.error().message,
            "'Not An Image' is not a file or directory, and invalid image reference 'Not An Image': "
            "repository name must be lowercase");
}

TEST(ResolveTarget, RootfsNeedsADirectory) {
  MemoryFs fs;
  fs.add_file("/r/file", "x");
  auto t = resolve_target("/r/file", fs, true);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, ErrorKind::kUsage);
  EXPECT_EQ(t.error().message, "--rootfs needs a directory: '/r/file' is not one");
  EXPECT_EQ(resolved("/r", fs, true).path, "/r");
}

}  // namespace
}  // namespace customs
