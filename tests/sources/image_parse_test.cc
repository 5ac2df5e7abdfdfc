// Image metadata parsers: manifests, indexes, configs, docker-archive manifest.json and platform
// choice, on real-world shapes (Docker, umoci, buildx) and on every kind of broken input.
#include <gtest/gtest.h>

#include <string>

#include "sources/image/parse.h"

namespace customs {
namespace {

const std::string kA = "sha256:" + std::string(64, 'a');
const std::string kB = "sha256:" + std::string(64, 'b');
const std::string kC = "sha256:" + std::string(64, 'c');

std::string error_of(const Error& e) { return e.message; }

template <typename T>
std::string fails(const Result<T>& r) {
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  return error_of(r.error());
}

// ---- manifests ---------------------------------------------------------------------------------

TEST(ParseManifest, ReadsAnOciManifestField_by_field) {
  std::string bytes = R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
    "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
                      kA + R"(","size":1470},
    "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
                      kB + R"(","size":3},
              {"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":")" +
                      kC + R"(","size":40,
               "urls":["https://example.invalid/x"],"annotations":{"k":"v"}}],
    "annotations":{"org.opencontainers.image.created":"2024-01-02T03:04:05Z"},
    "subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
                      kA + R"(","size":7},
    "unknownField":{"ignored":[1,2,3]}})";
  auto m = parse_manifest(bytes, "manifest");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->schema_version, 2);
  EXPECT_EQ(m->media_type, kOciManifest);
  EXPECT_EQ(m->config.media_type, kOciConfig);
  EXPECT_EQ(m->config.digest, kA);
  EXPECT_EQ(m->config.size, 1470);
  ASSERT_EQ(m->layers.size(), 2u);
  EXPECT_EQ(m->layers[0].media_type, "application/vnd.oci.image.layer.v1.tar+gzip");
  EXPECT_EQ(m->layers[0].digest, kB);
  EXPECT_EQ(m->layers[0].size, 3);
  EXPECT_EQ(m->layers[1].urls, std::vector<std::string>{"https://example.invalid/x"});
  EXPECT_EQ(m->layers[1].annotations.at("k"), "v");
  EXPECT_EQ(m->annotations.at("org.opencontainers.image.created"), "2024-01-02T03:04:05Z");
  ASSERT_TRUE(m->subject.has_value());
  EXPECT_EQ(m->subject->size, 7);
}

TEST(ParseManifest, ReadsADockerSchema2Manifest) {
  std::string bytes =
      R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
    "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":")" +
      kA + R"("},
    "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32654,"digest":")" +
      kB + R"("}]})";
  auto m = parse_manifest(bytes, "manifest");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->media_type, kDockerManifest);
  EXPECT_EQ(m->config.media_type, kDockerConfig);
  EXPECT_EQ(m->layers.at(0).size, 32654);
}

TEST(ParseManifest, AcceptsUmociManifestsWithoutMediaType) {
  std::string bytes = R"({"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json",
    "digest":")" + kA +
                      R"(","size":5},"layers":[]})";
  auto m = parse_manifest(bytes, "manifest");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->media_type, "");
  EXPECT_TRUE(m->layers.empty());
  EXPECT_EQ(manifest_kind("", bytes), ManifestKind::kManifest);
}

TEST(ParseManifest, ErrorsNameTheBlobAndTheJsonPath) {
  std::string head = R"({"schemaVersion":2,"config":{"digest":")" + kA + R"(","size":1},)";
  EXPECT_EQ(fails(parse_manifest(head + R"("layers":[{"digest":")" + kB + R"(","size":1},{"digest":5}]})",
                                 "blob X")),
            "blob X: layers[1].digest: not a string");
  EXPECT_EQ(fails(parse_manifest(head + R"("layers":{}})", "m")), "m: layers: not an array");
  EXPECT_EQ(fails(parse_manifest(head + R"("layers":[7]})", "m")), "m: layers[0]: not an object");
  EXPECT_EQ(fails(parse_manifest(head + R"("layers":[{"size":1}]})", "m")), "m: layers[0].digest: missing");
  EXPECT_EQ(fails(parse_manifest(head + R"("layers":[{"digest":"sha256:abc","size":1}]})", "m")),
            "m: layers[0].digest: not a valid digest: 'sha256:abc'");
  EXPECT_EQ(fails(parse_manifest(head + R"("layers":[{"digest":"sha256:../../etc/passwd"}]})", "m")),
            "m: layers[0].digest: not a valid digest: 'sha256:../../etc/passwd'");
  EXPECT_EQ(fails(parse_manifest(head + R"("layers":[{"digest":")" + kB + R"(","size":-4}]})", "m")),
            "m: layers[0].size: negative");
  EXPECT_EQ(fails(parse_manifest(head + R"("layers":[{"digest":")" + kB + R"(","size":1.5}]})", "m")),
            "m: layers[0].size: not an integer");
  EXPECT_EQ(fails(parse_manifest(head + R"("layers":[],"annotations":{"a":1}})", "m")),
            "m: annotations.a: not a string");
  EXPECT_EQ(fails(parse_manifest(R"({"schemaVersion":2,"layers":[]})", "m")), "m: config: missing");
  EXPECT_EQ(fails(parse_manifest(R"({"schemaVersion":1,"name":"x","fsLayers":[]})", "m")),
            "m: schemaVersion: version 1 is not supported (2 is)");
  EXPECT_EQ(fails(parse_manifest(R"({"schemaVersion":"2"})", "m")), "m: schemaVersion: not an integer");
  EXPECT_EQ(
      fails(parse_manifest(R"({"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})", "m")),
      "m: mediaType: an image index, not a manifest");
}

TEST(ParseManifest, RejectsWhatIsNotAJsonObject) {
  EXPECT_EQ(fails(parse_manifest("[1,2]", "m")), "m: not a JSON object");
  EXPECT_EQ(fails(parse_manifest("", "m")).rfind("m: not valid JSON: ", 0), 0u);
  EXPECT_EQ(fails(parse_manifest("{\"schemaVersion\":2,", "m")).rfind("m: not valid JSON: parse error", 0),
            0u);
  EXPECT_EQ(fails(parse_manifest(std::string(100000, '['), "m")), "m: JSON nests deeper than 64 levels");
  EXPECT_EQ(fails(parse_manifest("{\"a\":\"\xff\xfe\"}", "m")).rfind("m: not valid JSON: ", 0), 0u);
}

// ---- indexes -----------------------------------------------------------------------------------

TEST(ParseIndex, ReadsPlatformsAndAnnotations) {
  std::string bytes =
      R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",
    "manifests":[
      {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":")" +
      kA + R"(","size":528,
       "platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
      {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":")" +
      kB + R"(","size":529,
       "platform":{"architecture":"amd64","os":"windows","os.version":"10.0.17763.5329","os.features":["win32k"]}}],
    "annotations":{"x":"y"}})";
  auto index = parse_index(bytes, "list");
  ASSERT_TRUE(index.ok()) << index.error().message;
  EXPECT_EQ(index->media_type, kDockerManifestList);
  ASSERT_EQ(index->manifests.size(), 2u);
  EXPECT_EQ(index->manifests[0].platform->to_string(), "linux/arm64/v8");
  EXPECT_EQ(index->manifests[1].platform->os_version, "10.0.17763.5329");
  EXPECT_EQ(index->manifests[1].size, 529);
  EXPECT_EQ(index->annotations.at("x"), "y");
}

TEST(ParseIndex, ErrorsNameTheJsonPath) {
  EXPECT_EQ(fails(parse_index(R"({"schemaVersion":2})", "index.json")), "index.json: manifests: missing");
  EXPECT_EQ(fails(parse_index(R"({"manifests":[{"digest":")" + kA + R"(","platform":[]}]})", "i")),
            "i: manifests[0].platform: not an object");
  EXPECT_EQ(fails(parse_index(R"({"manifests":[{"digest":")" + kA + R"(","platform":{"os":1}}]})", "i")),
            "i: manifests[0].platform.os: not a string");
  EXPECT_EQ(
      fails(parse_index(R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","manifests":[]})", "i")),
      "i: mediaType: an image manifest, not an index");
  EXPECT_EQ(fails(parse_index("null", "i")), "i: not a JSON object");
}

TEST(ManifestKind, DecidesByMediaTypeThenByShape) {
  EXPECT_EQ(manifest_kind(kOciIndex, ""), ManifestKind::kIndex);
  EXPECT_EQ(manifest_kind(kDockerManifestList, ""), ManifestKind::kIndex);
  EXPECT_EQ(manifest_kind(kOciManifest, "{}"), ManifestKind::kManifest);
  EXPECT_EQ(manifest_kind(kDockerManifest, ""), ManifestKind::kManifest);
  EXPECT_EQ(manifest_kind("application/vnd.cncf.helm.config.v1+json", "{}"), ManifestKind::kUnknown);
  EXPECT_EQ(manifest_kind("", R"({"schemaVersion":2,"manifests":[]})"), ManifestKind::kIndex);
  EXPECT_EQ(manifest_kind("", R"({"mediaType":"application/vnd.oci.image.index.v1+json"})"),
            ManifestKind::kIndex);
  EXPECT_EQ(manifest_kind("", R"({"config":{}})"), ManifestKind::kManifest);
  EXPECT_EQ(manifest_kind("", R"({"schemaVersion":2})"), ManifestKind::kUnknown);
  EXPECT_EQ(manifest_kind("", "not json"), ManifestKind::kUnknown);
}

// ---- configs -----------------------------------------------------------------------------------

TEST(ParseImageConfig, ReadsEveryField) {
  std::string bytes = R"({"created":"2023-01-15T10:00:00Z","author":"lab","architecture":"arm64","os":"linux",
    "variant":"v8","config":{"User":"1000:1000","Env":["PATH=/usr/bin","A=b=c"],"Entrypoint":["/bin/sh","-c"],
    "Cmd":["node","/app/server.js"],"WorkingDir":"/app","ExposedPorts":{"8080/tcp":{},"22/tcp":{}},
    "Volumes":{"/data":{}},"Labels":{"maintainer":"x@example.invalid"},"StopSignal":"SIGTERM",
    "Shell":["/bin/bash","-c"],"OnBuild":["RUN make"],
    "Healthcheck":{"Test":["CMD-SHELL","curl -f http://localhost/"],"Interval":30000000000,"Timeout":5000000000,
      "StartPeriod":1000000000,"Retries":3}},
    "rootfs":{"type":"layers","diff_ids":[")" +
                      kA + R"(",")" + kB + R"("]},
    "history":[{"created":"2023-01-15T09:00:00Z","created_by":"/bin/sh -c #(nop) ADD file:x in /"},
               {"created_by":"ENV A=b","empty_layer":true,"comment":"buildkit.dockerfile.v0","author":"me"},
               {"created_by":"RUN make"}]})";
  auto c = parse_image_config(bytes, "config");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->created, "2023-01-15T10:00:00Z");
  EXPECT_EQ(c->author, "lab");
  EXPECT_EQ(c->architecture, "arm64");
  EXPECT_EQ(c->os, "linux");
  EXPECT_EQ(c->variant, "v8");
  EXPECT_EQ(c->config.user, "1000:1000");
  EXPECT_EQ(c->config.env, (std::vector<std::string>{"PATH=/usr/bin", "A=b=c"}));
  EXPECT_EQ(c->config.entrypoint, (std::vector<std::string>{"/bin/sh", "-c"}));
  EXPECT_EQ(c->config.cmd, (std::vector<std::string>{"node", "/app/server.js"}));
  EXPECT_EQ(c->config.working_dir, "/app");
  EXPECT_EQ(c->config.exposed_ports, (std::vector<std::string>{"22/tcp", "8080/tcp"}));
  EXPECT_EQ(c->config.volumes, std::vector<std::string>{"/data"});
  EXPECT_EQ(c->config.labels.at("maintainer"), "x@example.invalid");
  EXPECT_EQ(c->config.stop_signal, "SIGTERM");
  EXPECT_EQ(c->config.shell, (std::vector<std::string>{"/bin/bash", "-c"}));
  EXPECT_EQ(c->config.on_build, std::vector<std::string>{"RUN make"});
  ASSERT_TRUE(c->config.healthcheck.has_value());
  EXPECT_EQ(c->config.healthcheck->test,
            (std::vector<std::string>{"CMD-SHELL", "curl -f http://localhost/"}));
  EXPECT_EQ(c->config.healthcheck->interval_ns, 30000000000);
  EXPECT_EQ(c->config.healthcheck->timeout_ns, 5000000000);
  EXPECT_EQ(c->config.healthcheck->start_period_ns, 1000000000);
  EXPECT_EQ(c->config.healthcheck->retries, 3);
  EXPECT_EQ(c->diff_ids, (std::vector<std::string>{kA, kB}));
  ASSERT_EQ(c->history.size(), 3u);
  EXPECT_EQ(c->history[0].created, "2023-01-15T09:00:00Z");
  EXPECT_FALSE(c->history[0].empty_layer);
  EXPECT_TRUE(c->history[1].empty_layer);
  EXPECT_EQ(c->history[1].comment, "buildkit.dockerfile.v0");
  EXPECT_EQ(c->history[1].author, "me");
  EXPECT_EQ(c->history[2].created_by, "RUN make");
}

TEST(ParseImageConfig, TakesNullAsEmptyLikeDockerWritesIt) {
  auto c = parse_image_config(R"({"architecture":"amd64","os":"linux","config":{"User":"","Env":null,
    "Cmd":null,"Entrypoint":null,"ExposedPorts":null,"Volumes":null,"Labels":null,"OnBuild":null,"Healthcheck":null},
    "rootfs":{"type":"layers","diff_ids":null},"history":null,"created":null})",
                              "config");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(c->config.env.empty());
  EXPECT_TRUE(c->config.labels.empty());
  EXPECT_FALSE(c->config.healthcheck.has_value());
  EXPECT_TRUE(c->diff_ids.empty());
  EXPECT_TRUE(c->history.empty());
  auto bare = parse_image_config(R"({"config":null})", "config");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->config.user, "");
}

TEST(ParseImageConfig, ErrorsNameTheJsonPath) {
  EXPECT_EQ(fails(parse_image_config(R"({"config":{"Env":["A=1",2]}})", "config sha256:x")),
            "config sha256:x: config.Env[1]: not a string");
  EXPECT_EQ(fails(parse_image_config(R"({"config":{"User":0}})", "c")), "c: config.User: not a string");
  EXPECT_EQ(fails(parse_image_config(R"({"config":{"ExposedPorts":["80/tcp"]}})", "c")),
            "c: config.ExposedPorts: not an object");
  EXPECT_EQ(fails(parse_image_config(R"({"config":{"Labels":{"a":null}}})", "c")),
            "c: config.Labels.a: not a string");
  EXPECT_EQ(fails(parse_image_config(R"({"config":{"Healthcheck":{"Interval":"30s"}}})", "c")),
            "c: config.Healthcheck.Interval: not an integer");
  EXPECT_EQ(fails(parse_image_config(R"({"config":{"Healthcheck":{"Retries":99999999999}}})", "c")),
            "c: config.Healthcheck.Retries: integer out of range");
  EXPECT_EQ(fails(parse_image_config(R"({"config":{"Healthcheck":{"Timeout":18446744073709551615}}})", "c")),
            "c: config.Healthcheck.Timeout: integer out of range");
  EXPECT_EQ(fails(parse_image_config(R"({"config":[]})", "c")), "c: config: not an object");
  EXPECT_EQ(fails(parse_image_config(R"({"rootfs":{"diff_ids":["sha256:1234"]}})", "c")),
            "c: rootfs.diff_ids[0]: not a valid digest: 'sha256:1234'");
  EXPECT_EQ(fails(parse_image_config(R"({"rootfs":{"diff_ids":"x"}})", "c")),
            "c: rootfs.diff_ids: not an array");
  EXPECT_EQ(fails(parse_image_config(R"({"history":[{"created_by":"x"},"y"]})", "c")),
            "c: history[1]: not an object");
  EXPECT_EQ(fails(parse_image_config(R"({"history":[{"empty_layer":"true"}]})", "c")),
            "c: history[0].empty_layer: not a boolean");
  EXPECT_EQ(fails(parse_image_config(R"({"created":2024})", "c")), "c: created: not a string");
  EXPECT_EQ(fails(parse_image_config("\"a string\"", "c")), "c: not a JSON object");
}

// ---- docker-archive manifest.json --------------------------------------------------------------

TEST(ParseDockerArchiveManifest, ReadsImagesWithNullRepoTags) {
  auto images = parse_docker_archive_manifest(R"([
    {"Config":"aa.json","RepoTags":["example/app:1","example/app:latest"],"Layers":["l1/layer.tar","l2/layer.tar"]},
    {"Config":"blobs/sha256/bb","RepoTags":null,"Layers":[],"LayerSources":{}}])",
                                              "manifest.json");
  ASSERT_TRUE(images.ok()) << images.error().message;
  ASSERT_EQ(images->size(), 2u);
  EXPECT_EQ((*images)[0].config, "aa.json");
  EXPECT_EQ((*images)[0].repo_tags, (std::vector<std::string>{"example/app:1", "example/app:latest"}));
  EXPECT_EQ((*images)[0].layers, (std::vector<std::string>{"l1/layer.tar", "l2/layer.tar"}));
  EXPECT_EQ((*images)[1].config, "blobs/sha256/bb");
  EXPECT_TRUE((*images)[1].repo_tags.empty());
  EXPECT_TRUE((*images)[1].layers.empty());
}

TEST(ParseDockerArchiveManifest, ErrorsNameTheJsonPath) {
  EXPECT_EQ(fails(parse_docker_archive_manifest(R"([{"Config":"a.json","Layers":"x"}])", "manifest.json")),
            "manifest.json: [0].Layers: not an array");
  EXPECT_EQ(fails(parse_docker_archive_manifest(R"([{"Config":"a.json","Layers":[]},{"Layers":[]}])", "m")),
            "m: [1].Config: missing");
  EXPECT_EQ(fails(parse_docker_archive_manifest(R"([{"Config":"a.json"}])", "m")), "m: [0].Layers: missing");
  EXPECT_EQ(fails(parse_docker_archive_manifest(R"([{"Config":"a.json","Layers":[1]}])", "m")),
            "m: [0].Layers[0]: not a string");
  EXPECT_EQ(fails(parse_docker_archive_manifest(R"([{"Config":"a","Layers":[],"RepoTags":"x:1"}])", "m")),
            "m: [0].RepoTags: not an array");
  EXPECT_EQ(fails(parse_docker_archive_manifest(R"(["x"])", "m")), "m: [0]: not an object");
  EXPECT_EQ(fails(parse_docker_archive_manifest(R"({"Config":"a"})", "m")), "m: not a JSON array");
  EXPECT_EQ(fails(parse_docker_archive_manifest("[]", "m")), "m: lists no images");
}

// ---- platforms ---------------------------------------------------------------------------------

Descriptor entry(const std::string& digest, const std::string& os, const std::string& arch,
                 const std::string& variant = "") {
  Descriptor d;
  d.media_type = std::string(kOciManifest);
  d.digest = digest;
  d.platform = Platform{os, arch, variant, ""};
  return d;
}

ImageIndex buildx_index() {
  ImageIndex index;
  index.manifests = {entry(kA, "linux", "amd64"), entry(kB, "linux", "arm64", "v8")};
  Descriptor attestation = entry(kC, "unknown", "unknown");
  attestation.annotations["vnd.docker.reference.type"] = "attestation-manifest";
  index.manifests.push_back(attestation);
  return index;
}

TEST(SelectPlatform, DefaultsToLinuxAmd64) {
  auto d = select_platform(buildx_index(), "", "index");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->digest, kA);
}

TEST(SelectPlatform, Arm64WithoutVariantMatchesV8BothWays) {
  auto d = select_platform(buildx_index(), "linux/arm64", "index");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->digest, kB);
  ImageIndex plain;
  plain.manifests = {entry(kA, "linux", "amd64"), entry(kC, "linux", "arm64")};
  auto v8 = select_platform(plain, "linux/arm64/v8", "index");
  ASSERT_TRUE(v8.ok()) << v8.error().message;
  EXPECT_EQ(v8->digest, kC);
  auto alias = select_platform(plain, "linux/aarch64", "index");
  ASSERT_TRUE(alias.ok());
  EXPECT_EQ(alias->digest, kC);
}

TEST(SelectPlatform, PrefersTheExactVariantAndRefusesAWrongOne) {
  ImageIndex arm;
  arm.manifests = {entry(kA, "linux", "arm", "v6"), entry(kB, "linux", "arm", "v7")};
  EXPECT_EQ(select_platform(arm, "linux/arm", "i")->digest, kB);  // arm defaults to v7
  EXPECT_EQ(select_platform(arm, "linux/arm/v6", "i")->digest, kA);
  auto v5 = select_platform(arm, "linux/arm/v5", "i");
  ASSERT_FALSE(v5.ok());
  EXPECT_EQ(v5.error().message,
            "i: no image for platform linux/arm/v5; available: linux/arm/v6, linux/arm/v7");
  ImageIndex amd;
  amd.manifests = {entry(kA, "linux", "amd64", "v3")};
  EXPECT_EQ(select_platform(amd, "linux/amd64", "i")->digest, kA);
}

TEST(SelectPlatform, NotFoundListsAvailablePlatformsWithoutAttestations) {
  auto d = select_platform(buildx_index(), "linux/s390x", "registry index");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(d.error().message,
            "registry index: no image for platform linux/s390x; available: linux/amd64, linux/arm64/v8");
}

TEST(SelectPlatform, SkipsAttestationsMarkedOnlyByAnnotation) {
  ImageIndex index;
  Descriptor att = entry(kC, "linux", "amd64");
  att.annotations["vnd.docker.reference.type"] = "attestation-manifest";
  index.manifests = {att, entry(kA, "linux", "amd64")};
  EXPECT_EQ(select_platform(index, "", "i")->digest, kA);
}

TEST(SelectPlatform, TakesTheOnlyImageWithoutPlatform) {
  ImageIndex index;
  Descriptor d;
  d.digest = kA;
  index.manifests = {d};
  EXPECT_EQ(select_platform(index, "linux/arm64", "i")->digest, kA);
  ImageIndex empty;
  auto none = select_platform(empty, "", "i");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message, "i: the index lists no images");
  ImageIndex only_attestation;
  only_attestation.manifests = {entry(kC, "unknown", "unknown")};
  EXPECT_FALSE(select_platform(only_attestation, "", "i").ok());
}

TEST(SelectPlatform, RejectsAMalformedPlatformAsUsage) {
  auto d = select_platform(buildx_index(), "amd64", "i");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().kind, ErrorKind::kUsage);
  EXPECT_EQ(d.error().message, "invalid platform 'amd64': expected os/arch[/variant]");
}

TEST(ParsePlatform, SplitsAndLowercases) {
  auto p = parse_platform("Linux/ARM64/v8");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->os, "linux");
  EXPECT_EQ(p->architecture, "arm64");
  EXPECT_EQ(p->variant, "v8");
  EXPECT_EQ(parse_platform("linux/amd64")->to_string(), "linux/amd64");
  EXPECT_FALSE(parse_platform("linux//v8").ok());
  EXPECT_FALSE(parse_platform("a/b/c/d").ok());
  EXPECT_FALSE(parse_platform("").ok());
}

}  // namespace
}  // namespace customs
